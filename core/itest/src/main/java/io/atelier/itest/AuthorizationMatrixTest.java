package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import io.atelier.api.team.Role;
import io.atelier.api.workbench.Command;
import io.atelier.api.workbench.CommandResult;

/**
 * The authorisation matrix: every operation the shell describes in
 * {@code /api/v1/openapi.json}, called over HTTP by every kind of caller —
 * nobody, each of the six roles in one workspace, an administrator, and a token
 * capped at {@link Role#ANALYST} — must be let through or refused exactly as its
 * declared access ({@code x-atelier-access}) and the permission table say. The
 * expectation is computed from those two, never written per route, so a new
 * route is covered as soon as it is in the route table.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class AuthorizationMatrixTest {

    /** The permission table of the workbench, per role, as the contract states it. */
    static final Map<Role, Set<String>> PERMISSIONS = new EnumMap<>(Role.class);

    static {
        PERMISSIONS.put(Role.OWNER, Set.of("workspace.read", "workspace.manage", "workspace.delete", "accounts.read",
                "accounts.manage", "members.read", "members.manage", "audit.read", "posts.read", "posts.draft",
                "posts.schedule", "queue.manage", "feed.manage", "posts.approve", "posts.comment",
                "approvals.manage", "listening.read", "listening.manage", "inbox.read", "inbox.handle",
                "inbox.reply", "alerts.read", "alerts.handle", "alerts.manage", "moderation.manage", "reports.read",
                "reports.manage"));
        PERMISSIONS.put(Role.MANAGER, Set.of("workspace.read", "workspace.manage", "accounts.read", "accounts.manage",
                "members.read", "members.manage", "audit.read", "posts.read", "posts.draft", "posts.schedule",
                "queue.manage", "feed.manage", "posts.approve", "posts.comment", "approvals.manage",
                "listening.read", "listening.manage", "inbox.read", "inbox.handle", "inbox.reply", "alerts.read",
                "alerts.handle", "alerts.manage", "moderation.manage", "reports.read", "reports.manage"));
        PERMISSIONS.put(Role.EDITOR, Set.of("workspace.read", "accounts.read", "members.read", "posts.read",
                "posts.draft", "posts.schedule", "queue.manage", "posts.approve", "posts.comment", "listening.read",
                "listening.manage", "inbox.read", "inbox.handle", "inbox.reply", "alerts.read", "alerts.handle",
                "reports.read"));
        PERMISSIONS.put(Role.CONTRIBUTOR, Set.of("workspace.read", "accounts.read", "members.read", "posts.read",
                "posts.draft", "posts.approve", "posts.comment", "inbox.read", "inbox.handle"));
        PERMISSIONS.put(Role.ANALYST, Set.of("workspace.read", "accounts.read", "members.read", "posts.read",
                "listening.read", "inbox.read", "alerts.read", "reports.read"));
        PERMISSIONS.put(Role.CLIENT, Set.of("workspace.read", "posts.approve", "posts.comment", "reports.read"));
    }

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final String COMMAND = "itest-matrix";
    /** A core bundle: it exists, and stopping or uninstalling it is refused (409), so the matrix changes nothing. */
    private static final String CORE_BUNDLE = "io.atelier.api";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    private Workbench admin;
    private Team team;
    private String workspace;
    private String account;
    private String post;
    private String medium;
    private Team.Member bystander;
    private final AtomicInteger commandRuns = new AtomicInteger();

    /** What the rule says must happen to one caller on one operation. */
    enum Outcome {
        ALLOWED(0, null), UNAUTHENTICATED(401, "unauthenticated"), FORBIDDEN(403, "forbidden"), HIDDEN(404, "not_found");

        final int status;
        final String code;

        Outcome(int status, String code) {
            this.status = status;
            this.code = code;
        }

        @Override
        public String toString() {
            return this == ALLOWED ? "allowed (neither 401 nor 403)" : status + " " + code;
        }
    }

    /** One operation of the API description. */
    record Operation(String method, String path, JsonObject description) {

        String access() {
            return text(description, "x-atelier-access");
        }

        List<String> parameters() {
            List<String> names = new ArrayList<>();
            for (String segment : path.split("/")) {
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    names.add(segment.substring(1, segment.length() - 1));
                }
            }
            return names;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /**
     * A caller of the matrix.
     *
     * @param name        for the report
     * @param person      who they are; null for nobody
     * @param admin       whether they administer the installation
     * @param personRole  the person's own role in the workspace; null for none
     * @param role        the role they act with there (after a token's cap); null for none
     * @param workbench   the workbench as they see it
     * @param freshSession a new session of theirs; null when they do not sign in
     */
    record Caller(String name, Team.Member person, boolean admin, Role personRole, Role role, Workbench workbench,
            Supplier<Workbench> freshSession) {
    }

    @Test
    void everyOperationLetsInExactlyWhomItsAccessRuleAllows() {
        admin = Workbench.at(http.getServiceReference());
        team = new Team(admin);
        ServiceRegistration<Command> command = context.registerService(Command.class, args -> {
            commandRuns.incrementAndGet();
            return new CommandResult("ran", null);
        }, FrameworkUtil.asDictionary(Map.of(Command.NAME, COMMAND, Command.DESCRIPTION, "Counts its runs.",
                Command.USAGE, "")));
        try (ItestConnector.Registered platform = ItestConnector.register(context)) {
            Workbench.awaitTrue("the itest platform and command are offered",
                    () -> admin.get("/api/v1/platforms/" + ItestConnector.ID).status() == 200
                            && admin.get("/api/v1/commands").body().contains(COMMAND));

            List<Operation> operations = operations(admin.anonymous().get("/api/v1/openapi.json").expect(200).object());
            List<String> undeclared = operations.stream().filter(o -> o.access() == null).map(Operation::toString)
                    .toList();
            assertEquals(List.of(), undeclared, "operations without x-atelier-access");
            Set<String> kinds = new TreeSet<>();
            operations.forEach(o -> kinds.add(o.access().startsWith("workspace:") ? "workspace" : o.access()));
            assertEquals(Set.of("public", "authenticated", "admin", "workspace"), kinds,
                    "the API description uses every kind of access rule");

            workspace = team.workspace("Matrix A");
            bystander = team.person("matrix-bystander", false);
            team.role(workspace, bystander.id(), Role.CLIENT);
            account = newAccount();
            post = newDraft();
            medium = newMedium();
            List<Caller> callers = callers();

            List<String> failures = new ArrayList<>();
            Set<Outcome> expectedSomewhere = EnumSet.noneOf(Outcome.class);
            int allowedCommandRuns = 0;
            for (Operation operation : operations) {
                for (Caller caller : callers) {
                    Outcome expected = expected(operation.access(), caller);
                    expectedSomewhere.add(expected);
                    Workbench.Answer answer = call(operation, caller);
                    String failure = check(operation, caller, expected, answer);
                    if (failure != null) {
                        failures.add(operation + " as " + caller.name() + ": expected " + expected + ", got " + failure);
                    }
                    if (expected == Outcome.ALLOWED && operation.path().contains("/commands/{")
                            && operation.method().equals("POST")) {
                        allowedCommandRuns++;
                    }
                }
            }
            assertEquals(List.of(), failures, failures.size() + " cells of the authorisation matrix are wrong");
            assertTrue(expectedSomewhere.containsAll(EnumSet.of(Outcome.ALLOWED, Outcome.UNAUTHENTICATED,
                    Outcome.FORBIDDEN)), "the matrix checked refusals as well as admissions: " + expectedSomewhere);
            assertEquals(allowedCommandRuns, commandRuns.get(), "the command ran for allowed callers only");
        } finally {
            command.unregister();
        }
    }

    /** Every operation of the API description, in document order. */
    private static List<Operation> operations(JsonObject openApi) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonElement> path : openApi.getAsJsonObject("paths").entrySet()) {
            for (Map.Entry<String, JsonElement> method : path.getValue().getAsJsonObject().entrySet()) {
                if (METHODS.contains(method.getKey())) {
                    operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                            method.getValue().getAsJsonObject()));
                }
            }
        }
        assertTrue(operations.size() > 10, "the API description lists the API's operations: " + operations);
        return operations;
    }

    /** The rule: the declared access, the caller and the permission table. */
    static Outcome expected(String access, Caller caller) {
        if (access.equals("public")) {
            return Outcome.ALLOWED;
        }
        if (caller.person() == null) {
            return Outcome.UNAUTHENTICATED;
        }
        if (access.equals("authenticated")) {
            return Outcome.ALLOWED;
        }
        if (access.equals("admin")) {
            return caller.admin() ? Outcome.ALLOWED : Outcome.FORBIDDEN;
        }
        if (access.startsWith("workspace:")) {
            String permission = access.substring("workspace:".length());
            if (PERMISSIONS.values().stream().noneMatch(p -> p.contains(permission))) {
                throw new AssertionError("the permission " + permission + " is not in the permission table");
            }
            if (caller.admin()) {
                return Outcome.ALLOWED;
            }
            if (caller.role() == null) {
                return Outcome.HIDDEN;
            }
            return PERMISSIONS.get(caller.role()).contains(permission) ? Outcome.ALLOWED : Outcome.FORBIDDEN;
        }
        throw new AssertionError("unknown access rule '" + access + "'");
    }

    /** Null when the answer is what {@code expected} demands, else a description of what came. */
    private static String check(Operation operation, Caller caller, Outcome expected, Workbench.Answer answer) {
        String got = answer.status() + " " + shorten(answer.body());
        if (answer.showsStackTrace()) {
            return got + " (shows a stack trace)";
        }
        if (expected == Outcome.ALLOWED) {
            // A public route may itself tell somebody who sent no credentials that nobody is signed in
            // (GET /session does); to a signed-in caller it never answers 401 or 403.
            boolean nobodySignedIn = answer.status() == 401 && caller.person() == null
                    && "unauthenticated".equals(answer.code());
            if (draftsOnly(operation, caller, answer)) {
                return null;
            }
            if ((answer.status() == 401 && !nobodySignedIn) || answer.status() == 403 || answer.status() >= 500) {
                return got;
            }
            return null;
        }
        if (answer.status() != expected.status || !expected.code.equals(answer.code())) {
            return got;
        }
        return null;
    }

    /**
     * Whether this is the one refusal a handler makes after the gate: whoever may draft
     * but not schedule posts passes the gate of writing a post and is refused, on field
     * {@code draft}, a post that is not a draft (the matrix's bodies ask for none).
     */
    private static boolean draftsOnly(Operation operation, Caller caller, Workbench.Answer answer) {
        boolean writesAPost = operation.path().matches("/api/v1/workspaces/\\{ws}/posts(/\\{id})?")
                && (operation.method().equals("POST") || operation.method().equals("PATCH"));
        boolean draftsOnly = caller.role() != null && PERMISSIONS.get(caller.role()).contains("posts.draft")
                && !PERMISSIONS.get(caller.role()).contains("posts.schedule") && !caller.admin();
        return writesAPost && draftsOnly && answer.status() == 403 && "forbidden".equals(answer.code())
                && answer.body().contains("\"field\":\"draft\"");
    }

    private static String shorten(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }

    /** Sends the operation as {@code caller}, with its path filled in and a body built from its schema. */
    private Workbench.Answer call(Operation operation, Caller caller) {
        Workbench as = caller.workbench();
        List<String> parameters = operation.parameters();
        if (operation.method().equals("DELETE") && parameters.isEmpty() && caller.freshSession() != null) {
            // A DELETE without a path parameter removes the caller's own state (signing out): use a session
            // of its own so the caller stays signed in for the rest of the matrix.
            as = caller.freshSession().get();
        }
        String path = fill(operation, caller);
        JsonObject requestBody = operation.description().getAsJsonObject("requestBody");
        if (requestBody == null) {
            return as.send(operation.method(), path, null, (byte[]) null);
        }
        JsonObject content = requestBody.getAsJsonObject("content");
        if (content.has("application/json")) {
            JsonObject schema = content.getAsJsonObject("application/json").getAsJsonObject("schema");
            String json = sample(schema, "", caller).toString();
            return as.send(operation.method(), path, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
        String mediaType = content.keySet().iterator().next();
        return as.send(operation.method(), path, mediaType, "not really a jar".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The path with its parameters filled in: existing things of workspace A, and
     * for the thing a DELETE removes (its last parameter) a fresh one made for
     * this call, so the matrix never removes what later calls need.
     */
    private String fill(Operation operation, Caller caller) {
        String[] segments = operation.path().split("/");
        List<String> parameters = operation.parameters();
        String last = parameters.isEmpty() ? null : parameters.get(parameters.size() - 1);
        StringBuilder path = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            path.append('/');
            if (!segment.startsWith("{")) {
                path.append(segment);
                continue;
            }
            String name = segment.substring(1, segment.length() - 1);
            boolean disposable = operation.method().equals("DELETE") && name.equals(last);
            path.append(value(segments[i - 1], disposable, caller, operation));
        }
        return path.toString();
    }

    private String value(String collection, boolean disposable, Caller caller, Operation operation) {
        return switch (collection) {
            case "workspaces" -> disposable ? workspaceFor(caller) : workspace;
            case "accounts" -> disposable ? newAccount() : account;
            case "plugins" -> CORE_BUNDLE;
            case "platforms" -> ItestConnector.ID;
            case "commands" -> COMMAND;
            case "people" -> disposable ? team.person("matrix-gone", false).id() : bystander.id();
            case "members" -> disposable ? clientMember() : bystander.id();
            case "tokens" -> tokenOf(caller);
            case "posts" -> post;
            case "media" -> disposable ? newMedium() : medium;
            case "signoff-links" -> newSignoffLink();
            case "queries" -> newQuery();
            case "saved-replies" -> newSavedReply();
            // No listening plugin runs here: an id that does not exist, which the access rule is checked before.
            case "sources" -> "src_matrix";
            case "inbox" -> "itm_matrix";
            case "replies" -> "rpl_matrix";
            case "alerts" -> "alt_matrix";
            // No alert sink plugin runs here either.
            case "alert-channels" -> "chn_matrix";
            case "alert-rules" -> newAlertRule();
            case "moderation-rules" -> newModerationRule();
            case "objectives" -> newObjective();
            case "report-shares" -> newReportShare();
            // A schedule needs a channel of a kind that delivers reports; no such plugin runs here.
            case "report-schedules" -> "rsc_matrix";
            // The public page of a share link: a token nobody was given.
            case "reports" -> "matrix-token";
            // A public media link: a token nobody was given.
            case "media-links" -> "matrix-token";
            default -> throw new AssertionError("the matrix has no value for the parameter after '" + collection
                    + "' in " + operation + ": add one to AuthorizationMatrixTest");
        };
    }

    /** A new workspace where the caller's person has the same role as in workspace A. */
    private String workspaceFor(Caller caller) {
        String id = team.workspace("Matrix gone");
        if (caller.person() != null && caller.personRole() != null) {
            team.role(id, caller.person().id(), caller.personRole());
        }
        return id;
    }

    private String newAccount() {
        JsonObject body = new JsonObject();
        body.addProperty("platform", ItestConnector.ID);
        body.addProperty("handle", Team.unique("matrix") + ".test");
        JsonObject credentials = new JsonObject();
        credentials.addProperty("appPassword", "matrix");
        body.add("credentials", credentials);
        return text(admin.post("/api/v1/workspaces/" + workspace + "/accounts", body).expect(201).object(), "id");
    }

    /** A dateless draft on workspace A's account: every post route has a post to work on. */
    private String newDraft() {
        JsonObject body = new JsonObject();
        body.addProperty("text", "matrix");
        JsonArray accounts = new JsonArray();
        accounts.add(account);
        body.add("accounts", accounts);
        body.addProperty("draft", true);
        return text(admin.post("/api/v1/workspaces/" + workspace + "/posts", body).expect(201).object(), "id");
    }

    /** A client sign-off link of workspace A, for a DELETE to revoke. */
    private String newSignoffLink() {
        Instant now = Instant.now();
        JsonObject body = new JsonObject();
        body.addProperty("clientName", "Matrix client");
        body.addProperty("from", now.toString());
        body.addProperty("to", now.plus(7, ChronoUnit.DAYS).toString());
        body.addProperty("expiresAt", now.plus(1, ChronoUnit.DAYS).toString());
        return text(admin.post("/api/v1/workspaces/" + workspace + "/signoff-links", body).expect(201).object()
                .getAsJsonObject("link"), "id");
    }

    /** A listening query of workspace A. */
    private String newQuery() {
        JsonObject body = new JsonObject();
        body.addProperty("name", Team.unique("matrix"));
        body.addProperty("query", "matrix");
        return text(admin.post("/api/v1/workspaces/" + workspace + "/queries", body).expect(201).object(), "id");
    }

    /** An alert rule of workspace A, on every mention. */
    private String newAlertRule() {
        JsonObject body = new JsonObject();
        body.addProperty("name", Team.unique("matrix"));
        body.addProperty("kind", "spike");
        return text(admin.post("/api/v1/workspaces/" + workspace + "/alert-rules", body).expect(201).object(), "id");
    }

    /** A moderation rule of workspace A. */
    private String newModerationRule() {
        JsonObject body = new JsonObject();
        body.addProperty("name", Team.unique("matrix"));
        body.addProperty("charter", true);
        body.addProperty("action", "ESCALATE");
        return text(admin.post("/api/v1/workspaces/" + workspace + "/moderation-rules", body).expect(201).object(),
                "id");
    }

    /** An objective of workspace A. */
    private String newObjective() {
        JsonObject body = new JsonObject();
        body.addProperty("name", Team.unique("matrix"));
        body.addProperty("kpi", "AUDIENCE_GROWTH");
        body.addProperty("comparison", "AT_LEAST");
        body.addProperty("target", 10);
        body.addProperty("granularity", "WEEK");
        return text(admin.post("/api/v1/workspaces/" + workspace + "/objectives", body).expect(201).object(), "id");
    }

    /** A report share link of workspace A, for a DELETE to revoke. */
    private String newReportShare() {
        JsonObject body = new JsonObject();
        body.addProperty("validDays", 1);
        return text(admin.post("/api/v1/workspaces/" + workspace + "/report-shares", body).expect(201).object()
                .getAsJsonObject("share"), "id");
    }

    /** A saved reply of workspace A. */
    private String newSavedReply() {
        JsonObject body = new JsonObject();
        body.addProperty("name", Team.unique("matrix"));
        body.addProperty("text", "Thanks {author}");
        return text(admin.put("/api/v1/workspaces/" + workspace + "/saved-replies", body.toString()).expect(200)
                .object(), "id");
    }

    /** An image in workspace A's media library. */
    private String newMedium() {
        return text(MediaRestTest.upload(admin, workspace, "image/png", MediaRestTest.PNG, null).expect(201).object(),
                "id");
    }

    private String clientMember() {
        Team.Member member = team.person("matrix-member", false);
        team.role(workspace, member.id(), Role.CLIENT);
        return member.id();
    }

    /** A new token of the caller (of the administrator for nobody): tokens belong to whoever made them. */
    private String tokenOf(Caller caller) {
        Workbench owner = caller.person() == null ? admin : caller.workbench();
        return Team.token(owner, "matrix", null, List.of()).id();
    }

    /**
     * A value of {@code schema} with its required fields (optional ones are left
     * out, so nothing beyond the minimum is asked for). Sign-in values are the
     * caller's own, so sign-in succeeds and counts no failure.
     */
    private JsonElement sample(JsonObject schema, String field, Caller caller) {
        if (schema.has("$ref")) {
            return sample(schemaNamed(text(schema, "$ref")), field, caller);
        }
        if (schema.has("enum")) {
            JsonArray values = schema.getAsJsonArray("enum");
            return values.get(values.size() - 1);
        }
        String type = schema.has("type") ? text(schema, "type") : "object";
        switch (type) {
            case "object" -> {
                JsonObject object = new JsonObject();
                JsonArray required = schema.getAsJsonArray("required");
                JsonObject properties = schema.getAsJsonObject("properties");
                if (required != null && properties != null) {
                    for (JsonElement name : required) {
                        object.add(name.getAsString(),
                                sample(properties.getAsJsonObject(name.getAsString()), name.getAsString(), caller));
                    }
                }
                return object;
            }
            case "array" -> {
                return new JsonArray();
            }
            case "integer", "number" -> {
                return new JsonPrimitive(1);
            }
            case "boolean" -> {
                return new JsonPrimitive(false);
            }
            default -> {
                return new JsonPrimitive(sampleString(schema, field, caller));
            }
        }
    }

    private String sampleString(JsonObject schema, String field, Caller caller) {
        Team.Member person = caller.person() != null ? caller.person() : bystander;
        if ("date-time".equals(text(schema, "format"))) {
            return Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        }
        return switch (field) {
            case "email" -> person.email();
            case "password" -> person.password();
            case "zone" -> "Europe/Paris";
            case "platform" -> ItestConnector.ID;
            case "role", "maxRole" -> Role.CLIENT.name();
            default -> Team.unique("matrix");
        };
    }

    private JsonObject openApiSchemas;

    private JsonObject schemaNamed(String ref) {
        if (openApiSchemas == null) {
            openApiSchemas = admin.anonymous().get("/api/v1/openapi.json").expect(200).object()
                    .getAsJsonObject("components").getAsJsonObject("schemas");
        }
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        JsonObject schema = openApiSchemas.getAsJsonObject(name);
        if (schema == null) {
            throw new AssertionError("the API description refers to a schema it does not define: " + ref);
        }
        return schema;
    }

    /** Nobody, the six roles of workspace A (signed in), an administrator (signed in), an ANALYST-capped token. */
    private List<Caller> callers() {
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller("anonymous", null, false, null, null, admin.anonymous(), null));
        for (Role role : EnumSet.allOf(Role.class)) {
            Team.Member person = team.person("matrix-" + role.name().toLowerCase(Locale.ROOT), false);
            team.role(workspace, person.id(), role);
            callers.add(signedIn(role.name() + " (session)", person, false, role, role));
        }
        Team.Member administrator = team.person("matrix-admin", true);
        callers.add(signedIn("administrator (session)", administrator, true, null, null));

        Team.Member owner = team.person("matrix-capped", false);
        team.role(workspace, owner.id(), Role.OWNER);
        Workbench ownerSession = admin.as(admin.signIn(owner.email(), owner.password()));
        Team.Token capped = Team.token(ownerSession, "matrix analyst", Role.ANALYST, List.of());
        callers.add(new Caller("OWNER's token capped at ANALYST", owner, false, Role.OWNER, Role.ANALYST,
                admin.as(Workbench.Credentials.token(capped.secret())), null));
        return callers;
    }

    private Caller signedIn(String name, Team.Member person, boolean isAdmin, Role personRole, Role role) {
        Supplier<Workbench> session = () -> admin.as(admin.signIn(person.email(), person.password()));
        return new Caller(name, person, isAdmin, personRole, role, session.get(), session);
    }
}
