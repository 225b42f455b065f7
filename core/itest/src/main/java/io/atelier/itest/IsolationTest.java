package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.team.Role;

/**
 * Workspaces are isolated: the owner of workspace A can neither read nor change
 * workspace B, its accounts or its members through the REST API — every such
 * request answers 404 as if B did not exist, B is not listed, and B is left as
 * it was. The same holds for B's posts, their import, queues and calendar feed. A
 * token limited to A sees only A even when its person belongs to B.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class IsolationTest {

    private static final String WORKSPACES = "/api/v1/workspaces/";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    @Test
    void aPersonOfWorkspaceANeitherSeesNorChangesWorkspaceB() {
        Workbench admin = Workbench.at(http.getServiceReference());
        Team team = new Team(admin);
        try (ItestConnector.Registered platform = ItestConnector.register(context)) {
            Workbench.awaitTrue("the itest platform is offered",
                    () -> admin.get("/api/v1/platforms/" + ItestConnector.ID).status() == 200);
            String a = team.workspace("Isolation A");
            String b = team.workspace("Isolation B");
            String accountA = account(admin, a);
            String accountB = account(admin, b);
            Team.Member memberOfB = team.person("isolation-b", false);
            team.role(b, memberOfB.id(), Role.CLIENT);
            Team.Member owner = team.person("isolation-a", false);
            team.role(a, owner.id(), Role.OWNER);

            Workbench session = admin.as(admin.signIn(owner.email(), owner.password()));
            Workbench token = admin.as(Workbench.Credentials.token(Team.token(session, "isolation", null, List.of()).secret()));
            JsonObject before = admin.get(WORKSPACES + b).expect(200).object();
            int verified = platform.connector().verified.size();
            Workbench.Answer membersBefore = admin.get(WORKSPACES + b + "/members").expect(200);
            assertTrue(membersBefore.body().contains(memberOfB.id()), "B lists its member: " + membersBefore);

            for (Workbench outsider : List.of(session, token)) {
                List<String> listed = ids(outsider.get("/api/v1/workspaces").expect(200));
                assertTrue(listed.contains(a), "A is listed: " + listed);
                assertFalse(listed.contains(b), "B is not listed: " + listed);

                List<Workbench.Answer> refused = List.of(
                        outsider.get(WORKSPACES + b),
                        outsider.patch(WORKSPACES + b, "{\"name\": \"Taken over\"}"),
                        outsider.delete(WORKSPACES + b),
                        outsider.get(WORKSPACES + b + "/accounts"),
                        outsider.post(WORKSPACES + b + "/accounts", "{\"platform\": \"itest\", \"handle\": \"intruder.test\","
                                + " \"credentials\": {\"appPassword\": \"x\"}}"),
                        outsider.get(WORKSPACES + b + "/accounts/" + accountB),
                        outsider.delete(WORKSPACES + b + "/accounts/" + accountB),
                        outsider.get(WORKSPACES + b + "/members"),
                        outsider.put(WORKSPACES + b + "/members/" + owner.id(), "{\"role\": \"OWNER\"}"),
                        outsider.delete(WORKSPACES + b + "/members/" + memberOfB.id()),
                        outsider.get(WORKSPACES + a + "/accounts/" + accountB),
                        outsider.delete(WORKSPACES + a + "/accounts/" + accountB));
                for (Workbench.Answer answer : refused) {
                    answer.expectError(404, null, "not_found");
                    assertFalse(answer.body().contains(text(before, "name")), "the refusal names B: " + answer);
                }
                outsider.get(WORKSPACES + a + "/accounts/" + accountA).expect(200);
            }

            assertEquals(before, admin.get(WORKSPACES + b).expect(200).object(), "B is unchanged");
            assertEquals(List.of(accountB), ids(admin.get(WORKSPACES + b + "/accounts").expect(200)));
            Workbench.Answer membersAfter = admin.get(WORKSPACES + b + "/members").expect(200);
            assertEquals(membersBefore.array(), membersAfter.array(), "B's members are unchanged");
            assertFalse(membersAfter.body().contains(owner.id()), "the outsider did not make themselves a member of B");
            assertEquals(verified, platform.connector().verified.size(), "no account of B was even verified");
        }
    }

    @Test
    void aPersonOfWorkspaceANeitherSeesNorChangesThePostsOfB() {
        Workbench admin = Workbench.at(http.getServiceReference());
        Team team = new Team(admin);
        try (PostsConnector.Registered network = PostsConnector.register(context, admin)) {
            String a = team.workspace("Posts A");
            String b = team.workspace("Posts B");
            String accountA = PostsRestTest.account(admin, a);
            String accountB = PostsRestTest.account(admin, b);
            String postB = text(admin.post(WORKSPACES + b + "/posts", PostsRestTest.post("B's plan",
                    PostsRestTest.inDays(8), accountB)).expect(201).object(), "id");
            String secretA = text(admin.post(WORKSPACES + a + "/calendar-feed", "").expect(200).object(), "secret");
            String secretB = text(admin.post(WORKSPACES + b + "/calendar-feed", "").expect(200).object(), "secret");
            JsonObject before = admin.get(WORKSPACES + b + "/posts/" + postB).expect(200).object();
            Team.Member owner = team.person("posts-isolation-a", false);
            team.role(a, owner.id(), Role.OWNER);
            Workbench session = admin.as(admin.signIn(owner.email(), owner.password()));
            byte[] csv = ("date,time,zone,accounts,text\n" + java.time.LocalDate.now().plusDays(9) + ",10:00,"
                    + "Europe/Paris," + accountB + ",Intruder\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);

            List<Workbench.Answer> refused = List.of(
                    session.get(WORKSPACES + b + "/posts"),
                    session.post(WORKSPACES + b + "/posts", PostsRestTest.post("Intruder", PostsRestTest.inDays(8),
                            accountB)),
                    session.get(WORKSPACES + b + "/posts/" + postB),
                    session.patch(WORKSPACES + b + "/posts/" + postB, "{\"text\": \"Taken over\"}"),
                    session.post(WORKSPACES + b + "/posts/" + postB + "/cancel", "{}"),
                    session.post(WORKSPACES + b + "/posts/" + postB + "/publish-now", ""),
                    session.send("POST", WORKSPACES + b + "/posts/import", "text/csv", csv),
                    session.send("POST", WORKSPACES + b + "/posts/import?dryRun=true", "text/csv", csv),
                    session.get(WORKSPACES + b + "/accounts/" + accountB + "/queue"),
                    session.put(WORKSPACES + b + "/accounts/" + accountB + "/queue", "{\"slots\": []}"),
                    session.get(WORKSPACES + b + "/queue/next?accounts=" + accountB),
                    session.post(WORKSPACES + b + "/calendar-feed", ""),
                    session.get("/api/v1/posts?workspace=" + b),
                    // B's post and account through A's path
                    session.get(WORKSPACES + a + "/posts/" + postB),
                    session.patch(WORKSPACES + a + "/posts/" + postB, "{\"text\": \"Taken over\"}"),
                    session.post(WORKSPACES + a + "/posts/" + postB + "/cancel", "{}"),
                    session.get(WORKSPACES + a + "/accounts/" + accountB + "/queue"),
                    session.put(WORKSPACES + a + "/accounts/" + accountB + "/queue", "{\"slots\": []}"));
            for (Workbench.Answer answer : refused) {
                answer.expectError(404, null, "not_found");
                assertFalse(answer.body().contains("B's plan"), "the refusal shows B's post: " + answer);
            }
            // A's own feed secret does not open B's calendar, nor B's A's.
            admin.anonymous().get(WORKSPACES + b + "/calendar.ics?token=" + secretA)
                    .expectError(404, "token", "not_found");
            admin.anonymous().get(WORKSPACES + a + "/calendar.ics?token=" + secretB)
                    .expectError(404, "token", "not_found");
            admin.anonymous().get(WORKSPACES + b + "/calendar.ics?token=" + secretB).expect(200);
            // A post of A naming B's account is refused like an unknown account.
            session.post(WORKSPACES + a + "/posts", PostsRestTest.post("Borrowed", PostsRestTest.inDays(8), accountB))
                    .expectError(400, "accounts[0]", "validation_failed");

            assertFalse(PostsRestTest.ids(session.get("/api/v1/posts").expect(200).array()).contains(postB),
                    "the overview leaves B out");
            assertEquals(before, admin.get(WORKSPACES + b + "/posts/" + postB).expect(200).object(),
                    "B's post is unchanged");
            assertEquals(List.of(postB), PostsRestTest.ids(admin.get(WORKSPACES + b + "/posts").expect(200).array()));
            assertEquals(0, admin.get(WORKSPACES + b + "/accounts/" + accountB + "/queue").expect(200).object()
                    .getAsJsonArray("slots").size());
            admin.anonymous().get(WORKSPACES + b + "/calendar.ics?token=" + secretB).expect(200);
            assertTrue(network.connector().calls.isEmpty(), "nothing of B was published");
            session.get(WORKSPACES + a + "/posts").expect(200);
            session.get(WORKSPACES + a + "/accounts/" + accountA + "/queue").expect(200);
        }
    }

    @Test
    void aTokenLimitedToWorkspaceASeesOnlyA() {
        Workbench admin = Workbench.at(http.getServiceReference());
        Team team = new Team(admin);
        String a = team.workspace("Limited A");
        String b = team.workspace("Limited B");
        Team.Member person = team.person("limited", false);
        team.role(a, person.id(), Role.OWNER);
        team.role(b, person.id(), Role.OWNER);
        Workbench session = admin.as(admin.signIn(person.email(), person.password()));
        session.get(WORKSPACES + b).expect(200);

        Workbench limited = admin.as(Workbench.Credentials.token(Team.token(session, "limited", null, List.of(a)).secret()));
        List<String> listed = ids(limited.get("/api/v1/workspaces").expect(200));
        assertTrue(listed.contains(a), listed.toString());
        assertFalse(listed.contains(b), "the token does not list B: " + listed);
        limited.get(WORKSPACES + a).expect(200);
        limited.get(WORKSPACES + b).expectError(404, null, "not_found");
        limited.get(WORKSPACES + b + "/accounts").expectError(404, null, "not_found");
        limited.delete(WORKSPACES + b).expectError(404, null, "not_found");
        session.get(WORKSPACES + b).expect(200);
    }

    @Test
    void deletingAWorkspaceEndsItsMemberships() {
        Workbench admin = Workbench.at(http.getServiceReference());
        Team team = new Team(admin);
        String gone = team.workspace("Gone");
        Team.Member person = team.person("gone", false);
        team.role(gone, person.id(), Role.EDITOR);
        Workbench session = admin.as(admin.signIn(person.email(), person.password()));
        assertTrue(workspacesOf(session).contains(gone));

        admin.delete(WORKSPACES + gone).expectDone();
        assertFalse(workspacesOf(session).contains(gone), "the membership went with the workspace");
        session.get(WORKSPACES + gone).expectError(404, null, "not_found");
    }

    private static List<String> workspacesOf(Workbench session) {
        List<String> ids = new ArrayList<>();
        for (JsonElement membership : session.get("/api/v1/session").expect(200).object().getAsJsonArray("memberships")) {
            ids.add(text(membership.getAsJsonObject(), "workspaceId"));
        }
        return ids;
    }

    private static String account(Workbench admin, String workspace) {
        String body = "{\"platform\": \"itest\", \"handle\": \"" + Team.unique("iso") + ".test\","
                + " \"credentials\": {\"appPassword\": \"x\"}}";
        return text(admin.post(WORKSPACES + workspace + "/accounts", body).expect(201).object(), "id");
    }

    private static List<String> ids(Workbench.Answer list) {
        List<String> ids = new ArrayList<>();
        list.array().forEach(e -> ids.add(text(e.getAsJsonObject(), "id")));
        return ids;
    }
}
