package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.platform.bluesky.peer.LocalNetwork;
import io.atelier.platform.bluesky.peer.LocalNetwork.Login;

/**
 * The shipped distribution on the real Bluesky network of this machine (directory,
 * PDS and AppView, installed and started by the Bluesky plugin's own scripts in
 * {@code plugins/bluesky/peer/network/}): alice's account publishes a post through
 * the workbench; bob answers it on the network; his reply reaches alice's inbox
 * through the monitoring service; alice answers from the inbox, once, and the answer
 * is on the network, in the thread under bob's reply. Likes, a reply, a repost and
 * a follow on the network reach the workbench's report through the reporting
 * service's collection. The AppView indexes asynchronously: every check on the
 * network polls.
 */
class BlueskyNetworkIT {

    private static final Duration NETWORK_WAIT = Duration.ofSeconds(90);
    private static LocalNetwork network;
    private static Login alice;
    private static Login bob;
    private static String aliceAppPassword;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startNetwork() throws Exception {
        network = LocalNetwork.start();
        alice = network.createAccount("alice.test", "alice-account-pw");
        bob = network.createAccount("bob.test", "bob-account-pw");
        aliceAppPassword = network.createAppPassword(alice);
    }

    @AfterAll
    static void stopNetwork() throws Exception {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void aReplyOnTheNetworkReachesTheInboxAndTheAnswerFromTheInboxReachesTheNetwork() throws Exception {
        try (AtelierProcess atelier = AtelierProcess.copyOfDistribution(tmp)) {
            // Listening polls every two seconds here, so the reply arrives while the test waits.
            Files.writeString(atelier.home().resolve("etc/io.atelier.monitoring.cfg"), "intervalSeconds=2\n");
            atelier.start("--port", Integer.toString(AtelierProcess.freePort())).awaitReady();
            Rest rest = atelier.rest();
            String ws = Fixtures.workspace(rest, "Bluesky network");
            String account = addAccount(rest, ws, alice, aliceAppPassword);

            // 1. Alice publishes through the workbench.
            String uri = publish(rest, ws, account, "Fresh croissants this morning");

            // 2. Bob replies on the network, once the AppView knows the post.
            JsonObject parent = indexed(uri, bob);
            JsonObject reply = new JsonObject();
            reply.add("root", parent);
            reply.add("parent", parent);
            JsonObject record = new JsonObject();
            record.addProperty("text", "Are there any left with almonds?");
            record.addProperty("createdAt", Instant.now().toString());
            record.add("reply", reply);
            String bobsReply = network.createRecord(bob, "app.bsky.feed.post", record).get("uri").getAsString();

            // 3. The reply reaches alice's inbox.
            JsonObject[] item = new JsonObject[1];
            Poll.until("bob's reply is in the inbox", NETWORK_WAIT, () -> {
                for (JsonElement e : rest.get("api/v1/workspaces/" + ws + "/inbox").array()) {
                    JsonObject mention = e.getAsJsonObject().getAsJsonObject("mention");
                    if (bobsReply.equals(mention.get("remoteId").getAsString())) {
                        item[0] = e.getAsJsonObject();
                    }
                }
                return item[0] != null;
            });
            JsonObject mention = item[0].getAsJsonObject("mention");
            assertEquals("Are there any left with almonds?", mention.get("text").getAsString());
            assertEquals(uri, mention.get("inReplyTo").getAsString(), "a reply to alice's post");
            assertEquals("bob.test", mention.get("author").getAsString().replaceFirst("^@", ""));

            // 4. Alice answers from the inbox; the answer is on the network under bob's reply, once.
            String itemId = item[0].get("id").getAsString();
            Rest.Answer answered = rest.post("api/v1/workspaces/" + ws + "/inbox/" + itemId + "/replies",
                    "{\"text\":\"Yes, a dozen: come before noon!\"}");
            assertEquals(201, answered.status(), answered.body());
            String[] answerUri = new String[1];
            Poll.until("the answer is sent", NETWORK_WAIT, () -> {
                JsonObject detail = rest.get("api/v1/workspaces/" + ws + "/inbox/" + itemId).object();
                JsonObject sent = detail.getAsJsonArray("replies").get(0).getAsJsonObject();
                answerUri[0] = "SENT".equals(sent.get("state").getAsString()) ? sent.get("remoteId").getAsString()
                        : null;
                return answerUri[0] != null;
            });
            assertTrue(answerUri[0].startsWith("at://" + alice.did() + "/app.bsky.feed.post/"), answerUri[0]);
            Poll.until("the answer shows under bob's reply in the AppView", NETWORK_WAIT, () -> {
                JsonObject thread = network.get("app.bsky.feed.getPostThread", Map.of("uri", bobsReply), bob)
                        .getAsJsonObject("thread");
                JsonArray replies = thread.has("replies") ? thread.getAsJsonArray("replies") : new JsonArray();
                return replies.size() == 1 && answerUri[0].equals(replies.get(0).getAsJsonObject()
                        .getAsJsonObject("post").get("uri").getAsString())
                        && "Yes, a dozen: come before noon!".equals(replies.get(0).getAsJsonObject()
                                .getAsJsonObject("post").getAsJsonObject("record").get("text").getAsString());
            });
            assertEquals("ANSWERED", rest.get("api/v1/workspaces/" + ws + "/inbox/" + itemId).object()
                    .getAsJsonObject("item").get("status").getAsString());
        }
    }

    /**
     * Metrics from the real network in the report: chloe's account publishes a post
     * through the workbench; on the network dan likes it, replies to it, reposts it and
     * follows chloe. Once the AppView counts them, a collection asked for over REST
     * reads the counters through the Bluesky plugin, and the JSON report of the last
     * seven days lists the post among its top posts with one like, one reply and one
     * share, while the daily metrics show chloe's one follower. Its own pair of
     * accounts, so the other test's counts do not mix in.
     */
    @Test
    void aLikeAReplyARepostAndAFollowOnTheNetworkShowInTheReportAfterACollection() throws Exception {
        Login chloe = network.createAccount("chloe.test", "chloe-account-pw");
        Login dan = network.createAccount("dan.test", "dan-account-pw");
        String chloeAppPassword = network.createAppPassword(chloe);
        try (AtelierProcess atelier = AtelierProcess.copyOfDistribution(tmp)) {
            // A young post measured a minute ago is read again only after the interval: one minute here, so
            // the collection asked for below reads the new counters even if an earlier one read the post.
            Files.writeString(atelier.home().resolve("etc/io.atelier.reporting.cfg"), "collectIntervalMinutes=1\n");
            atelier.start("--port", Integer.toString(AtelierProcess.freePort())).awaitReady();
            Rest rest = atelier.rest();
            String ws = Fixtures.workspace(rest, "Bluesky metrics");
            String account = addAccount(rest, ws, chloe, chloeAppPassword);

            // 1. Chloe publishes through the workbench.
            String text = "Almond croissants are back this week";
            String uri = publish(rest, ws, account, text);
            JsonObject subject = indexed(uri, dan);

            // 2. Dan likes, replies, reposts and follows chloe, on the network.
            JsonObject like = new JsonObject();
            like.add("subject", subject.deepCopy());
            like.addProperty("createdAt", Instant.now().toString());
            network.createRecord(dan, "app.bsky.feed.like", like);
            JsonObject reply = new JsonObject();
            reply.add("root", subject.deepCopy());
            reply.add("parent", subject.deepCopy());
            JsonObject answer = new JsonObject();
            answer.addProperty("text", "Saving two for Saturday!");
            answer.addProperty("createdAt", Instant.now().toString());
            answer.add("reply", reply);
            network.createRecord(dan, "app.bsky.feed.post", answer);
            JsonObject repost = new JsonObject();
            repost.add("subject", subject.deepCopy());
            repost.addProperty("createdAt", Instant.now().toString());
            network.createRecord(dan, "app.bsky.feed.repost", repost);
            JsonObject follow = new JsonObject();
            follow.addProperty("subject", chloe.did());
            follow.addProperty("createdAt", Instant.now().toString());
            network.createRecord(dan, "app.bsky.graph.follow", follow);
            Poll.until("the AppView counts the like, the reply, the repost and the follower", NETWORK_WAIT, () -> {
                JsonObject counted = network.get("app.bsky.feed.getPosts", Map.of("uris", uri), dan)
                        .getAsJsonArray("posts").get(0).getAsJsonObject();
                JsonObject profile = network.get("app.bsky.actor.getProfile", Map.of("actor", chloe.did()), dan);
                return counted.get("likeCount").getAsLong() == 1 && counted.get("replyCount").getAsLong() == 1
                        && counted.get("repostCount").getAsLong() == 1
                        && profile.has("followersCount") && profile.get("followersCount").getAsLong() == 1;
            });

            // 3. A collection now; the report of the last seven days shows the post's counters.
            JsonObject collect = new JsonObject();
            collect.addProperty("accountId", account);
            Rest.Answer queued = rest.post("api/v1/workspaces/" + ws + "/metrics/collect", collect.toString());
            assertEquals(202, queued.status(), queued.body());
            LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
            String reports = "api/v1/workspaces/" + ws + "/reports?format=json&from=" + today.minusDays(6) + "&to="
                    + today.plusDays(1);
            JsonArray[] row = new JsonArray[1];
            String[] seen = new String[1];
            try {
                Poll.until("the report lists the post with its counters", NETWORK_WAIT, () -> {
                    JsonObject report = rest.get(reports).object();
                    JsonObject top = section(report, "Top posts");
                    seen[0] = top + "\ncollections: " + rest.get("api/v1/workspaces/" + ws + "/metrics").object()
                            .get("collections");
                    row[0] = null;
                    for (JsonElement r : top.getAsJsonArray("rows")) {
                        if (text.equals(r.getAsJsonArray().get(2).getAsString())) {
                            row[0] = r.getAsJsonArray();
                        }
                    }
                    return row[0] != null && !row[0].get(3).isJsonNull() && row[0].get(3).getAsLong() == 1
                            && !row[0].get(4).isJsonNull() && row[0].get(4).getAsLong() == 1
                            && !row[0].get(5).isJsonNull() && row[0].get(5).getAsLong() == 1;
                });
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; last seen: " + seen[0], e);
            }
            JsonObject top = section(rest.get(reports).object(), "Top posts");
            assertEquals("[\"Published\",\"Account\",\"Text\",\"Likes\",\"Replies\",\"Shares\",\"Interactions\","
                    + "\"Link\"]", top.getAsJsonArray("columns").toString(), "the columns this test reads");
            assertTrue(row[0].get(1).getAsString().contains(chloe.handle()), row[0].toString());
            assertEquals(3, row[0].get(6).getAsLong(), "interactions: 1 like + 1 reply + 1 share + 0 quotes");

            // 4. The daily metrics show chloe's follower.
            Poll.until("the metrics show chloe's follower", NETWORK_WAIT, () -> {
                for (JsonElement e : rest.get("api/v1/workspaces/" + ws + "/metrics").object().getAsJsonArray("days")) {
                    JsonObject day = e.getAsJsonObject();
                    if (account.equals(day.get("accountId").getAsString())
                            && "followers".equals(day.get("metric").getAsString())
                            && !day.get("closing").isJsonNull() && day.get("closing").getAsLong() == 1) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    /** Adds {@code login}'s Bluesky account to the workspace with an app password; its id. */
    private static String addAccount(Rest rest, String ws, Login login, String appPassword) throws Exception {
        JsonObject input = new JsonObject();
        input.addProperty("platform", "bluesky");
        input.addProperty("handle", login.handle());
        input.addProperty("endpoint", network.url);
        JsonObject credentials = new JsonObject();
        credentials.addProperty("appPassword", appPassword);
        input.add("credentials", credentials);
        Rest.Answer added = rest.post("api/v1/workspaces/" + ws + "/accounts", input.toString());
        assertEquals(201, added.status(), added.body());
        return added.object().get("id").getAsString();
    }

    /** Publishes {@code text} on the account through the workbench, now; the post's at:// URI once published. */
    private static String publish(Rest rest, String ws, String account, String text) throws Exception {
        JsonObject post = new JsonObject();
        post.addProperty("text", text);
        JsonArray accounts = new JsonArray();
        accounts.add(account);
        post.add("accounts", accounts);
        post.addProperty("draft", true);
        String postId = rest.post("api/v1/workspaces/" + ws + "/posts", post.toString()).object().get("id")
                .getAsString();
        Rest.Answer now = rest.post("api/v1/workspaces/" + ws + "/posts/" + postId + "/publish-now", "{}");
        assertTrue(now.status() == 200 || now.status() == 202, now.body());
        String[] uri = new String[1];
        Poll.until("the post is published", NETWORK_WAIT, () -> {
            JsonObject read = rest.get("api/v1/workspaces/" + ws + "/posts/" + postId).object();
            JsonObject result = read.getAsJsonObject("results").getAsJsonObject(account);
            uri[0] = result != null && result.has("remoteId") && !result.get("remoteId").isJsonNull()
                    ? result.get("remoteId").getAsString() : null;
            return "PUBLISHED".equals(read.get("state").getAsString());
        });
        return uri[0];
    }

    /** Waits until the AppView shows the post to {@code viewer}; its strong reference ({@code uri}, {@code cid}). */
    private static JsonObject indexed(String uri, Login viewer) throws Exception {
        String[] cid = new String[1];
        Poll.until("the AppView indexes " + uri, NETWORK_WAIT, () -> {
            JsonArray posts = network.get("app.bsky.feed.getPosts", Map.of("uris", uri), viewer)
                    .getAsJsonArray("posts");
            cid[0] = posts.isEmpty() ? null : posts.get(0).getAsJsonObject().get("cid").getAsString();
            return cid[0] != null;
        });
        JsonObject ref = new JsonObject();
        ref.addProperty("uri", uri);
        ref.addProperty("cid", cid[0]);
        return ref;
    }

    /** The section of a JSON report with {@code title}. */
    private static JsonObject section(JsonObject report, String title) {
        for (JsonElement section : report.getAsJsonArray("sections")) {
            if (title.equals(section.getAsJsonObject().get("title").getAsString())) {
                return section.getAsJsonObject();
            }
        }
        throw new AssertionError("no section " + title + " in " + report);
    }
}
