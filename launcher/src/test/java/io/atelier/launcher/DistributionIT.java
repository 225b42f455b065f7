package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The assembled distribution, booted once headless and provisioned through the
 * environment: everything it ships starts, the REST API answers only with
 * credentials, a plugin dropped into {@code deploy/} comes and goes while it
 * runs, and {@code bin/atelier exec} talks to it with the token of
 * {@code data/exec.token}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributionIT {

    private static final Duration HOT_DEPLOY_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;

    private AtelierProcess atelier;
    private Rest rest;
    private int port;

    @BeforeAll
    void boot() throws Exception {
        port = AtelierProcess.freePort();
        atelier = AtelierProcess.copyOfDistribution(tmp).start("--port", Integer.toString(port));
        String base = atelier.awaitReady();
        assertEquals("http://127.0.0.1:" + port + "/", base);
        rest = atelier.rest();
    }

    @AfterAll
    void stop() throws Exception {
        if (atelier != null) {
            atelier.close();
        }
    }

    @Test
    void bootsHealthyWithEveryShippedBundleActive() throws Exception {
        Rest.Answer health = rest.get("api/v1/health");
        assertEquals(200, health.status(), health.body());
        JsonObject body = health.object();
        assertEquals("UP", body.get("status").getAsString(), health.body());
        assertEquals(0, body.getAsJsonObject("components").getAsJsonArray("unsatisfied").size(),
                "unsatisfied components: " + health.body());

        Set<String> fragments = new HashSet<>();
        Set<String> shipped = new HashSet<>();
        for (String dir : List.of("system", "core", "plugins")) {
            for (Path jar : Distribution.jars(atelier.home().resolve(dir))) {
                String bsn = Distribution.symbolicName(jar);
                shipped.add(bsn);
                if (Distribution.isFragment(jar)) {
                    fragments.add(bsn);
                }
            }
        }

        Set<String> listed = new HashSet<>();
        List<String> notActive = new ArrayList<>();
        for (JsonElement element : rest.get("api/v1/plugins").array()) {
            JsonObject plugin = element.getAsJsonObject();
            String id = plugin.get("id").getAsString();
            listed.add(id);
            String state = plugin.get("state").getAsString();
            if (!fragments.contains(id) && !state.equals("ACTIVE")) {
                notActive.add(id + " " + state);
            }
        }
        assertEquals(List.of(), notActive, "bundles not ACTIVE\n" + atelier.output());
        assertTrue(listed.containsAll(shipped), "missing from /api/v1/plugins: " + minus(shipped, listed));
        Set<String> platforms = new HashSet<>();
        rest.get("api/v1/platforms").array().forEach(p -> platforms.add(p.getAsJsonObject().get("id").getAsString()));
        assertTrue(platforms.containsAll(Set.of("bluesky", "mastodon", "wordpress", "ghost", "x", "telegram",
                "linkedin", "facebook", "instagram", "threads", "atom", "discord", "slack", "webhook")),
                "the shipped networks: " + platforms);
        assertTrue(Files.isDirectory(atelier.home().resolve("data/felix-cache")), "data/ is created at start");
    }

    @Test
    void answersOnlyWithCredentialsAndKeepsSecretsOutOfTheLog() throws Exception {
        Rest anonymous = rest.anonymous();
        assertEquals(200, anonymous.get("api/v1/health").status(), "health stays public for monitoring");
        for (String path : List.of("api/v1/workspaces", "api/v1/plugins", "api/v1/views")) {
            Rest.Answer refused = anonymous.get(path);
            assertEquals(401, refused.status(), path + ": " + refused.body());
            assertEquals("unauthenticated", refused.code(), path + ": " + refused.body());
        }
        Rest.Answer forged = new Rest("http://127.0.0.1:" + port + "/", atelier.admin().apiToken() + "x")
                .get("api/v1/workspaces");
        assertEquals(401, forged.status(), "a token that differs by one character: " + forged.body());

        assertTrue(atelier.provisionedWhenReady(), "a script that waits for the ready line can use the provisioned"
                + " token at once\n" + atelier.output());
        Rest.Answer session = rest.get("api/v1/session");
        assertEquals(200, session.status(), session.body());
        assertEquals(atelier.admin().email(), session.object().getAsJsonObject("person").get("email").getAsString());
        assertFalse(atelier.output().contains("No owner yet"), "a provisioned start offers no set-up link\n"
                + atelier.output());

        Path execToken = atelier.home().resolve("data/exec.token");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(execToken),
                "only the owner reads the exec token");
        for (String secret : atelier.secrets()) {
            assertFalse(atelier.output().contains(secret), "a secret was printed\n" + atelier.output());
            assertFalse(session.body().contains(secret), "a secret is in the session answer");
        }
    }

    @Test
    void pluginDroppedIntoDeployComesAndGoesWhileRunning() throws Exception {
        Path jar = atelier.drop(AtelierProcess.samplePluginJar(), "deploy");

        Poll.until("the sample platform and view to appear", HOT_DEPLOY_TIMEOUT,
                () -> rest.ids("api/v1/platforms", "id").contains("sample")
                        && rest.ids("api/v1/views", "id").contains("sample"));
        Rest.Answer posts = rest.post("api/v1/commands/sample-posts", "{\"args\":[]}");
        assertEquals(200, posts.status(), posts.body());
        assertEquals("No post published to Sample yet.", posts.object().get("text").getAsString());

        Files.delete(jar);

        Poll.until("the sample platform and view to disappear", HOT_DEPLOY_TIMEOUT,
                () -> !rest.ids("api/v1/platforms", "id").contains("sample")
                        && !rest.ids("api/v1/views", "id").contains("sample"));
        assertFalse(rest.ids("api/v1/plugins", "id").contains("io.atelier.platform.sample"));
        assertEquals(200, rest.get("api/v1/health").status(), "the workbench keeps answering");
    }

    @Test
    void execRunsACommandOfTheRunningWorkbench() throws Exception {
        Rest.Answer created = rest.post("api/v1/workspaces", "{\"name\":\"Exec Workspace\",\"zone\":\"Europe/Paris\"}");
        assertEquals(201, created.status(), created.body());
        String id = created.object().get("id").getAsString();

        AtelierProcess exec = atelier.sibling();
        int code = exec.runToEnd(Duration.ofSeconds(60), "--port", Integer.toString(port), "exec", "workspaces");
        assertEquals(0, code, exec.output());
        assertTrue(exec.stdout().contains("Exec Workspace"), exec.output());
        assertTrue(exec.stdout().contains(id), exec.output());

        AtelierProcess unknown = atelier.sibling();
        int failed = unknown.runToEnd(Duration.ofSeconds(60), "--port", Integer.toString(port), "exec", "no-such-command");
        assertNotEquals(0, failed, unknown.output());
        assertFalse(unknown.stderr().isBlank(), "an error message is printed\n" + unknown.output());
    }

    @Test
    void execWithAnotherTokenIsRefused() throws Exception {
        Path file = atelier.home().resolve("data/exec.token");
        String token = Files.readString(file);
        try {
            Files.writeString(file, "not-the-token-of-this-run");
            AtelierProcess exec = atelier.sibling();
            int code = exec.runToEnd(Duration.ofSeconds(60), "--port", Integer.toString(port), "exec", "workspaces");
            assertEquals(1, code, exec.output());
            assertTrue(exec.stderr().contains("refused the exec token"), exec.output());
            assertEquals("", exec.stdout(), "nothing of the workspaces is shown");
        } finally {
            Files.writeString(file, token);
        }
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> rest = new HashSet<>(a);
        rest.removeAll(b);
        return rest;
    }
}
