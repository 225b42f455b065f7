package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * is on the network, in the thread under bob's reply. The AppView indexes
 * asynchronously: every check on the network polls.
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
            JsonObject input = new JsonObject();
            input.addProperty("platform", "bluesky");
            input.addProperty("handle", alice.handle());
            input.addProperty("endpoint", network.url);
            JsonObject credentials = new JsonObject();
            credentials.addProperty("appPassword", aliceAppPassword);
            input.add("credentials", credentials);
            Rest.Answer added = rest.post("api/v1/workspaces/" + ws + "/accounts", input.toString());
            assertEquals(201, added.status(), added.body());
            String account = added.object().get("id").getAsString();

            // 1. Alice publishes through the workbench.
            JsonObject post = new JsonObject();
            post.addProperty("text", "Fresh croissants this morning");
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

            // 2. Bob replies on the network, once the AppView knows the post.
            String[] cid = new String[1];
            Poll.until("the AppView indexes alice's post", NETWORK_WAIT, () -> {
                JsonArray posts = network.get("app.bsky.feed.getPosts", Map.of("uris", uri[0]), bob)
                        .getAsJsonArray("posts");
                cid[0] = posts.isEmpty() ? null : posts.get(0).getAsJsonObject().get("cid").getAsString();
                return cid[0] != null;
            });
            JsonObject parent = new JsonObject();
            parent.addProperty("uri", uri[0]);
            parent.addProperty("cid", cid[0]);
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
            assertEquals(uri[0], mention.get("inReplyTo").getAsString(), "a reply to alice's post");
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
}
