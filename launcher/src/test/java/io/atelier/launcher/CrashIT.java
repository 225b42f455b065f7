package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once publishing through a crash: 2,000 posts due at the same moment on the
 * test network (a fake of {@code plugins/testnet}'s documented API, run by this
 * test), the process killed with SIGKILL while it publishes, then started again.
 * Every post ends published, and the network received exactly one create per post:
 * what was sent before the kill is found by reconciliation, not sent again.
 */
class CrashIT {

    private static final int POSTS = 2000;
    private static final int ACCOUNTS = 10;

    @TempDir
    Path tmp;

    @Test
    void aKilledProcessPublishesEveryPostExactlyOnceAfterItsRestart() throws Exception {
        try (TestNetwork network = new TestNetwork().latency(Duration.ofMillis(100));
                AtelierProcess atelier = AtelierProcess.copyOfDistribution(tmp)) {
            atelier.drop(AtelierProcess.testnetPluginJar(), "plugins");
            int port = AtelierProcess.freePort();
            atelier.start("--port", Integer.toString(port)).awaitReady();
            Rest rest = atelier.rest();
            String ws = Fixtures.workspace(rest, "Crash test");
            List<String> accounts = Fixtures.testnetAccounts(rest, ws, network, ACCOUNTS);

            Instant due = Instant.now().plusSeconds(40);
            List<String> posts = createPosts(rest, ws, accounts, due);

            Poll.until("a part of the posts is published", Duration.ofSeconds(90),
                    () -> network.createCount() >= POSTS / 4);
            atelier.kill();
            int beforeKill = network.createCount();
            assertTrue(beforeKill < POSTS, "the kill came while publishing: " + beforeKill + " of " + POSTS + " sent");

            AtelierProcess restarted = atelier.sibling();
            try {
                restarted.start("--port", Integer.toString(port)).awaitReady();
                Rest again = restarted.rest();
                Poll.until("every post is published after the restart", Duration.ofSeconds(180),
                        () -> Fixtures.count(again, ws, "PUBLISHED") == POSTS);
                assertEquals(0, Fixtures.count(again, ws, "FAILED"), "no post failed");
            } finally {
                restarted.close();
            }

            Map<String, Integer> perKey = network.createsPerKey();
            assertEquals(POSTS, perKey.size(), "every post reached the network");
            List<String> duplicates = perKey.entrySet().stream().filter(e -> e.getValue() != 1)
                    .map(e -> e.getKey() + " ×" + e.getValue()).toList();
            assertEquals(List.of(), duplicates, "each post was created once on the network");
            for (String post : posts) {
                assertTrue(perKey.keySet().stream().anyMatch(key -> key.startsWith(post + "-")), post + " was published");
            }
        }
    }

    /** Creates the posts through REST, a few at a time, all due at {@code due}. */
    private static List<String> createPosts(Rest rest, String ws, List<String> accounts, Instant due) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < POSTS; i++) {
                String body = "{\"text\":\"crash test " + i + "\",\"accounts\":[\"" + accounts.get(i % accounts.size())
                        + "\"],\"at\":\"" + due + "\"}";
                created.add(pool.submit(() -> {
                    Rest.Answer answer = rest.post("api/v1/workspaces/" + ws + "/posts", body);
                    if (answer.status() != 201) {
                        throw new AssertionError("creating a post answered " + answer.status() + ": " + answer.body());
                    }
                    return answer.object().get("id").getAsString();
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> future : created) {
                ids.add(future.get());
            }
            assertTrue(Instant.now().isBefore(due), "the posts were all created before they were due");
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }
}
