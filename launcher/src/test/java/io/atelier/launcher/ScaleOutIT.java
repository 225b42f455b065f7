package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * Scale-out: three nodes of the distribution on one real PostgreSQL, 10,000 posts due
 * within one minute on the test network (a fake of {@code plugins/testnet}'s
 * documented API, run by this test), one node killed with SIGKILL half-way. The other
 * two take its leases over: every post is published, exactly once.
 */
class ScaleOutIT {

    private static final int POSTS = 10_000;
    private static final int ACCOUNTS = 20;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    Path tmp;

    @Test
    void threeNodesPublishEveryPostOnceWhenOneDies() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Postgres.Database database = Postgres.fresh();
        String config = database.storeConfig() + "key=" + Base64.getEncoder().encodeToString(key) + "\npoolSize=16\n";
        List<AtelierProcess> nodes = new ArrayList<>();
        try (TestNetwork network = new TestNetwork().latency(Duration.ofMillis(20))) {
            for (int i = 0; i < 3; i++) {
                AtelierProcess node = AtelierProcess.copyOfDistribution(tmp.resolve("node" + i));
                Files.writeString(node.home().resolve("etc/io.atelier.store.cfg"), config);
                node.drop(AtelierProcess.testnetPluginJar(), "plugins");
                if (i > 0) {
                    node.bare();
                }
                nodes.add(node);
                node.start("--port", Integer.toString(AtelierProcess.freePort())).awaitReady();
            }
            Rest rest = nodes.get(0).rest();
            String ws = Fixtures.workspace(rest, "Scale-out");
            List<String> accounts = Fixtures.testnetAccounts(rest, ws, network, ACCOUNTS);

            // Due times spread over one minute, starting once the import is surely done.
            LocalDateTime first = LocalDateTime.ofInstant(Instant.now().plusSeconds(45), PARIS).withNano(0);
            StringBuilder csv = new StringBuilder("date,time,zone,accounts,text\n");
            for (int i = 0; i < POSTS; i++) {
                LocalDateTime at = first.plusNanos(i * (60_000_000_000L / POSTS)).withNano(0);
                csv.append(at.toLocalDate()).append(',').append(at.toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm:ss")))
                        .append(",Europe/Paris,").append(accounts.get(i % ACCOUNTS)).append(",scale-out ").append(i)
                        .append('\n');
            }
            Rest.Answer imported = rest.post("api/v1/workspaces/" + ws + "/posts/import", "text/csv", csv.toString());
            assertEquals(200, imported.status(), imported.body());
            assertEquals(POSTS, imported.object().get("imported").getAsInt(), imported.body());
            assertTrue(Instant.now().isBefore(first.atZone(PARIS).toInstant()), "the import ended before the first due time");

            Poll.until("half of the posts are published", Duration.ofSeconds(150),
                    () -> network.createCount() >= POSTS / 2);
            nodes.get(1).kill();

            Poll.until("every post is published", Duration.ofSeconds(240), () -> count(database, "PUBLISHED") == POSTS);
            Map<String, Integer> perKey = network.createsPerKey();
            assertEquals(POSTS, perKey.size(), "every post reached the network");
            List<String> duplicates = perKey.entrySet().stream().filter(e -> e.getValue() != 1)
                    .map(e -> e.getKey() + " ×" + e.getValue()).toList();
            assertEquals(List.of(), duplicates, "each post was created once on the network");
            assertEquals(0, count(database, "FAILED"), "no post failed");
        } finally {
            for (AtelierProcess node : nodes) {
                node.close();
            }
        }
    }

    private static int count(Postgres.Database database, String state) throws Exception {
        try (Connection c = database.connect();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM post WHERE state = '" + state + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
