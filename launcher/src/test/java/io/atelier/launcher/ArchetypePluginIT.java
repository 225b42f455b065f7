package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The plugin the archetype generates ({@code plugins/archetype}), as an agency
 * would use it: the jar its integration test built is dropped into
 * {@code deploy/} of a running workbench, its platform appears, an account is
 * connected to the generated project's own fake network (a fake written from
 * the generated README, loaded from that project's test classes), and a post
 * published through REST reaches that network exactly once. Then the jar is
 * removed: the platform disappears and the test network's platform, which was
 * there all along, still publishes.
 */
class ArchetypePluginIT {

    /** What {@code plugins/archetype/src/test/resources/projects/basic/archetype.properties} generates. */
    private static final String PLATFORM = "chirp";
    private static final String BUNDLE = "com.example.agency.chirp";
    private static final String FAKE = "com.example.agency.chirp.internal.FakeChirp";
    private static final String KEY = "key-agency-5b81d07c44e9";
    private static final Duration HOT_DEPLOY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void generatedPluginHotDeploysPublishesOnceAndLeaves() throws Exception {
        try (TestNetwork testnet = new TestNetwork();
                GeneratedFake chirp = new GeneratedFake("alice", KEY);
                AtelierProcess atelier = AtelierProcess.copyOfDistribution(tmp)) {
            atelier.drop(AtelierProcess.testnetPluginJar(), "plugins");
            atelier.start("--port", Integer.toString(AtelierProcess.freePort())).awaitReady();
            Rest rest = atelier.rest();
            assertFalse(rest.ids("api/v1/platforms", "id").contains(PLATFORM), "not there before the drop");

            Path jar = atelier.drop(generatedJar(), "deploy");
            Poll.until("the generated platform to appear", HOT_DEPLOY_TIMEOUT,
                    () -> rest.ids("api/v1/platforms", "id").contains(PLATFORM));

            String ws = Fixtures.workspace(rest, "Agency");
            // The connector's verify() runs inside the deployed bundle against the fake: another key is refused.
            Rest.Answer refused = addAccount(rest, ws, chirp.endpoint(), "key-of-someone-else-0000");
            assertEquals(400, refused.status(), refused.body());
            assertEquals("credentials_rejected", refused.code(), refused.body());
            Rest.Answer connected = addAccount(rest, ws, chirp.endpoint(), KEY);
            assertEquals(201, connected.status(), connected.body());
            String account = connected.object().get("id").getAsString();

            String text = "Published by a plugin the archetype generated " + Instant.now().toEpochMilli();
            String post = create(rest, ws, account, text);
            Poll.until("the post to be published", PUBLISH_TIMEOUT, () -> "PUBLISHED".equals(state(rest, ws, post)));
            assertEquals(1, chirp.createRequests(text), "the network received the post exactly once");
            List<String> ids = chirp.postIds(text);
            assertEquals(1, ids.size(), "one post on the network: " + ids);
            JsonObject result = read(rest, ws, post).getAsJsonObject("results").getAsJsonObject(account);
            assertEquals(ids.get(0), result.get("remoteId").getAsString(), result.toString());

            Files.delete(jar);
            Poll.until("the generated platform to disappear", HOT_DEPLOY_TIMEOUT,
                    () -> !rest.ids("api/v1/platforms", "id").contains(PLATFORM)
                            && !rest.ids("api/v1/plugins", "id").contains(BUNDLE));

            String other = Fixtures.testnetAccounts(rest, ws, testnet, 1).get(0);
            String after = create(rest, ws, other, "The test network after the generated plugin left");
            Poll.until("the test network's post to be published", PUBLISH_TIMEOUT,
                    () -> "PUBLISHED".equals(state(rest, ws, after)));
            Map<String, Integer> creates = testnet.createsPerKey();
            assertEquals(1, creates.size(), "one post reached the test network: " + creates);
            assertTrue(creates.values().stream().allMatch(n -> n == 1), "once: " + creates);
            assertEquals(1, chirp.createRequests(text), "nothing more reached the generated plugin's network");
        }
    }

    /** The jar the archetype's integration test built, named by the launcher's pom. */
    private static Path generatedJar() {
        Path jar = Path.of(System.getProperty("atelier.archetype.jar", "no-atelier.archetype.jar-property"));
        assertTrue(Files.isRegularFile(jar), "no generated plugin at " + jar
                + ": build plugins/archetype first (`mvn -pl plugins/archetype install`)");
        return jar;
    }

    private static Rest.Answer addAccount(Rest rest, String ws, String endpoint, String key) throws Exception {
        JsonObject body = new JsonObject();
        body.addProperty("platform", PLATFORM);
        body.addProperty("handle", "alice");
        body.addProperty("endpoint", endpoint);
        JsonObject credentials = new JsonObject();
        credentials.addProperty("apiKey", key);
        body.add("credentials", credentials);
        return rest.post("api/v1/workspaces/" + ws + "/accounts", body.toString());
    }

    private static String create(Rest rest, String ws, String account, String text) throws Exception {
        JsonObject body = new JsonObject();
        body.addProperty("text", text);
        JsonArray accounts = new JsonArray();
        accounts.add(account);
        body.add("accounts", accounts);
        body.addProperty("at", Instant.now().plusSeconds(2).toString());
        Rest.Answer created = rest.post("api/v1/workspaces/" + ws + "/posts", body.toString());
        assertEquals(201, created.status(), created.body());
        return created.object().get("id").getAsString();
    }

    private static JsonObject read(Rest rest, String ws, String id) throws Exception {
        Rest.Answer answer = rest.get("api/v1/workspaces/" + ws + "/posts/" + id);
        assertEquals(200, answer.status(), answer.body());
        return answer.object();
    }

    private static String state(Rest rest, String ws, String id) throws Exception {
        return read(rest, ws, id).get("state").getAsString();
    }

    /**
     * The generated project's fake network, loaded from its {@code target/test-classes}
     * (named by the launcher's pom) over this test's class path, which holds what it
     * needs (Gson, the SDK kit's {@code FakeHttp}). Reached by reflection, since its
     * package is the generated one.
     */
    private static final class GeneratedFake implements AutoCloseable {

        private final URLClassLoader loader;
        private final Object fake;

        GeneratedFake(String handle, String apiKey) throws Exception {
            Path classes = Path.of(System.getProperty("atelier.archetype.testClasses", "no-such-directory"));
            assertTrue(Files.isDirectory(classes), "no test classes of the generated project at " + classes);
            loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ArchetypePluginIT.class.getClassLoader());
            fake = loader.loadClass(FAKE).getConstructor(String.class, String.class).newInstance(handle, apiKey);
        }

        String endpoint() throws Exception {
            return (String) call("endpoint");
        }

        long createRequests(String text) throws Exception {
            return (Long) call("createRequests", text);
        }

        /** The ids of the posts on the network with {@code text}. */
        List<String> postIds(String text) throws Exception {
            List<?> posts = (List<?>) call("postsWithText", text);
            List<String> ids = new ArrayList<>();
            for (Object post : posts) {
                ids.add((String) post.getClass().getMethod("id").invoke(post));
            }
            return ids;
        }

        private Object call(String method, Object... args) throws Exception {
            Class<?>[] types = new Class<?>[args.length];
            Arrays.fill(types, String.class);
            try {
                return fake.getClass().getMethod(method, types).invoke(fake, args);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }

        @Override
        public void close() throws Exception {
            call("close");
            loader.close();
        }
    }
}
