package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

/**
 * Network faults end in the right state without a duplicate: the test network (a
 * fake of {@code plugins/testnet}'s documented API, run by this test) answers 429
 * with Retry-After, 500 before and after saving, drops the connection after saving,
 * and answers past the connector's timeout; an account whose server is gone is
 * retried, then given up.
 */
class FaultsIT {

    @TempDir
    Path tmp;

    @Test
    void faultsEndInTheRightStateWithoutDuplicates() throws Exception {
        try (TestNetwork network = new TestNetwork();
                AtelierProcess atelier = AtelierProcess.copyOfDistribution(tmp)) {
            Files.writeString(atelier.home().resolve("etc/io.atelier.scheduling.cfg"),
                    "retryBaseMillis=300\nmaxAttempts=3\n");
            atelier.drop(AtelierProcess.testnetPluginJar(), "plugins");
            atelier.start("--port", Integer.toString(AtelierProcess.freePort())).awaitReady();
            Rest rest = atelier.rest();
            String ws = Fixtures.workspace(rest, "Faults");
            String account = Fixtures.testnetAccounts(rest, ws, network, 1).get(0);
            Rest.Answer gone = rest.post("api/v1/workspaces/" + ws + "/accounts", "{\"platform\":\"testnet\","
                    + "\"handle\":\"gone\",\"endpoint\":\"http://127.0.0.1:" + AtelierProcess.freePort()
                    + "\",\"credentials\":{}}");
            assertEquals(201, gone.status(), gone.body());
            String goneAccount = gone.object().get("id").getAsString();

            Instant due = Instant.now().plusSeconds(3);
            Map<String, String> posts = new LinkedHashMap<>();
            for (String text : List.of("fault:429 wait", "fault:500 down", "fault:500-after saved", "fault:drop saved",
                    "fault:slow saved", "no fault")) {
                posts.put(text, create(rest, ws, account, text, due));
            }
            String unreachable = create(rest, ws, goneAccount, "nobody listens", due);

            Poll.until("every post reached a final state", Duration.ofSeconds(90), () -> {
                for (String id : posts.values()) {
                    if (!"PUBLISHED".equals(state(rest, ws, id))) {
                        return false;
                    }
                }
                return "FAILED".equals(state(rest, ws, unreachable));
            });

            Map<String, Integer> perKey = network.createsPerKey();
            assertEquals(posts.size(), perKey.size(), "each post is on the network: " + perKey);
            assertTrue(perKey.values().stream().allMatch(n -> n == 1), "no post was created twice: " + perKey);
            JsonObject failed = post(rest, ws, unreachable);
            String error = failed.getAsJsonObject("results").getAsJsonObject(goneAccount).get("error").getAsString();
            assertTrue(error.contains("gave up after 3 attempts"), error);
            JsonObject limited = post(rest, ws, posts.get("fault:429 wait"));
            assertTrue(limited.toString().contains("rate limited"), "the history tells of the rate limit: " + limited);
        }
    }

    private static String create(Rest rest, String ws, String account, String text, Instant due) throws Exception {
        Rest.Answer created = rest.post("api/v1/workspaces/" + ws + "/posts", "{\"text\":\"" + text
                + "\",\"accounts\":[\"" + account + "\"],\"at\":\"" + due + "\"}");
        assertEquals(201, created.status(), created.body());
        return created.object().get("id").getAsString();
    }

    private static JsonObject post(Rest rest, String ws, String id) throws Exception {
        Rest.Answer answer = rest.get("api/v1/workspaces/" + ws + "/posts/" + id);
        assertEquals(200, answer.status(), answer.body());
        return answer.object();
    }

    private static String state(Rest rest, String ws, String id) throws Exception {
        return post(rest, ws, id).get("state").getAsString();
    }
}
