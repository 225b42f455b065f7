package io.atelier.platform.bluesky.internal;

import static io.atelier.platform.bluesky.internal.NetworkSteps.eventually;
import static io.atelier.platform.bluesky.internal.NetworkSteps.mention;
import static io.atelier.platform.bluesky.internal.NetworkSteps.now;
import static io.atelier.platform.bluesky.internal.NetworkSteps.refused;
import static io.atelier.platform.bluesky.internal.NetworkSteps.reply;
import static io.atelier.platform.bluesky.internal.NetworkSteps.request;
import static io.atelier.platform.bluesky.internal.NetworkSteps.seen;
import static io.atelier.platform.bluesky.internal.NetworkSteps.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.platform.ModerationAction;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.post.PostVariant;
import io.atelier.platform.bluesky.peer.LocalNetwork;
import io.atelier.sdk.tck.Fault;
import io.atelier.sdk.tck.FaultProxy;
import io.atelier.sdk.tck.RequestMatcher;

/**
 * Moderation against the real full Bluesky network on 127.0.0.1 (PDS and the
 * AppView indexing it, {@link SharedNetwork}): the account hides replies in its
 * own threads through the threadgate, read back from its PDS, and what the AppView
 * then shows to others; what Bluesky does not allow is refused and writes nothing.
 * Other accounts act through plain XRPC, as their own apps would. What depends on
 * the AppView's indexing is polled until it shows (at most a minute).
 */
@ExtendWith(SharedNetwork.class)
class BlueskyModerationNetworkTest {

    private static final String POST = BlueskyConstants.POST_COLLECTION;
    private static final String GATE = "app.bsky.feed.threadgate";

    private static LocalNetwork net;
    private static final BlueskyConnector connector = new BlueskyConnector();

    @BeforeAll
    static void network() {
        net = SharedNetwork.get();
    }

    @Test
    void aHiddenReplyLeavesTheThreadAsOthersSeeIt() throws Exception {
        NetworkParty ada = NetworkParty.create("ada-mod");
        NetworkParty bo = NetworkParty.create("bo-mod");
        NetworkParty cy = NetworkParty.create("cy-mod");
        TestAccount adaAccount = ada.context();
        PublishResult post = connector.publish(request("ada-hide", "Ask us anything"), adaAccount);
        JsonObject root = seen(post.remoteId(), bo);
        String rude = uri(reply(bo, root, root, "Nobody cares"));
        String kind = uri(reply(cy, root, root, "When do you open?"));
        assertEquals(Set.of(rude, kind), Set.copyOf(awaitMentions(adaAccount, 2)));

        connector.moderate(rude, ModerationAction.HIDE, adaAccount);

        JsonObject gate = threadgate(ada, post.remoteId());
        assertEquals(post.remoteId(), gate.get("post").getAsString());
        assertEquals(List.of(rude), strings(gate.getAsJsonArray("hiddenReplies")));
        assertFalse(gate.has("allow"), "no reply rule: anyone may still reply");
        Instant.parse(gate.get("createdAt").getAsString());

        // What this AppView does with the hidden reply:
        // - getPostThreadV2 (the thread as the Bluesky app shows it) leaves it out, for everyone but its author,
        //   and says there are other replies;
        JsonObject v2 = eventually("the AppView hides the reply", () -> net.get("app.bsky.unspecced.getPostThreadV2",
                Map.of("anchor", post.remoteId()), cy.login()), t -> !threadUris(t).contains(rude));
        assertEquals(List.of(post.remoteId(), kind), threadUris(v2));
        assertTrue(v2.get("hasOtherReplies").getAsBoolean());
        // - getPostThreadOtherV2 (the "hidden replies" the app opens on demand) lists it, marked hidden by the threadgate;
        JsonObject other = net.get("app.bsky.unspecced.getPostThreadOtherV2", Map.of("anchor", post.remoteId()),
                cy.login());
        assertEquals(List.of(rude), threadUris(other));
        assertTrue(other.getAsJsonArray("thread").get(0).getAsJsonObject().getAsJsonObject("value")
                .get("hiddenByThreadgate").getAsBoolean());
        // - its author still sees it in the thread;
        assertTrue(threadUris(net.get("app.bsky.unspecced.getPostThreadV2", Map.of("anchor", post.remoteId()),
                bo.login())).contains(rude));
        // - getPostThread (v1) still lists it among the replies and returns the threadgate next to the thread:
        //   clients hide it themselves with its hiddenReplies;
        JsonObject v1 = net.get("app.bsky.feed.getPostThread", Map.of("uri", post.remoteId()), cy.login());
        assertEquals(Set.of(rude, kind), Set.copyOf(replyUris(v1.getAsJsonObject("thread"))));
        assertEquals(List.of(rude), strings(v1.getAsJsonObject("threadgate").getAsJsonObject("record")
                .getAsJsonArray("hiddenReplies")));
        // - and the thread's author is no longer notified of it, so it leaves the account's mentions.
        assertEquals(List.of(kind), connector.mentions(null, adaAccount).mentions().stream().map(Mention::id).toList());
    }

    @Test
    void hidingTwiceListsTheReplyOnceAndWritesOnce() throws Exception {
        NetworkParty dee = NetworkParty.create("dee-mod");
        NetworkParty eli = NetworkParty.create("eli-mod");
        TestAccount deeAccount = dee.context();
        PublishResult post = connector.publish(request("dee-twice", "Two hides"), deeAccount);
        JsonObject root = seen(post.remoteId(), eli);
        String reply = uri(reply(eli, root, root, "spam spam"));
        awaitMentions(deeAccount, 1);

        connector.moderate(reply, ModerationAction.HIDE, deeAccount);
        String cid = threadgateCid(dee, post.remoteId());
        // The second time through a proxy that would fail any write: success means nothing was written.
        try (FaultProxy proxy = new FaultProxy(URI.create(net.url),
                RequestMatcher.post("/xrpc/com\\.atproto\\.repo\\.putRecord"), Fault.SERVER_ERROR)) {
            connector.moderate(reply, ModerationAction.HIDE, dee.contextAt(proxy.uri().toString()));
            assertEquals(0, proxy.injected(), "no write: " + proxy.seen);
            assertTrue(proxy.seen.stream().anyMatch(s -> s.path().contains("com.atproto.repo.getRecord")),
                    "it read the threadgate: " + proxy.seen);
        }
        assertEquals(List.of(reply), strings(threadgate(dee, post.remoteId()).getAsJsonArray("hiddenReplies")));
        assertEquals(cid, threadgateCid(dee, post.remoteId()));
    }

    @Test
    void theThreadsReplyRulesAndOtherHiddenRepliesAreKept() throws Exception {
        NetworkParty fia = NetworkParty.create("fia-mod");
        NetworkParty gus = NetworkParty.create("gus-mod");
        TestAccount fiaAccount = fia.context();
        PublishResult post = connector.publish(request("fia-rules", "Followers only from now on"), fiaAccount);
        JsonObject root = seen(post.remoteId(), gus);
        String reply = uri(reply(gus, root, root, "too late"));
        awaitMentions(fiaAccount, 1);
        // The reply settings the Bluesky app writes: only accounts fia follows may reply; one reply hidden before.
        String earlier = "at://" + gus.did() + "/" + POST + "/3kaaaaaaaaaa2";
        JsonObject rules = JsonParser.parseString("{\"post\":\"" + post.remoteId() + "\","
                + "\"createdAt\":\"2025-01-02T03:04:05.000Z\","
                + "\"allow\":[{\"$type\":\"app.bsky.feed.threadgate#followingRule\"}],"
                + "\"hiddenReplies\":[\"" + earlier + "\"]}").getAsJsonObject();
        net.putRecord(fia.login(), GATE, AtUri.parse(post.remoteId()).rkey(), rules.deepCopy());

        connector.moderate(reply, ModerationAction.HIDE, fiaAccount);

        JsonObject gate = threadgate(fia, post.remoteId());
        assertEquals(rules.get("allow"), gate.get("allow"));
        assertEquals("2025-01-02T03:04:05.000Z", gate.get("createdAt").getAsString());
        assertEquals(post.remoteId(), gate.get("post").getAsString());
        assertEquals(List.of(earlier, reply), strings(gate.getAsJsonArray("hiddenReplies")));
    }

    @Test
    void anEditMadeBetweenTheReadAndTheWriteIsNotLost() throws Exception {
        NetworkParty hal = NetworkParty.create("hal-mod");
        NetworkParty ivy = NetworkParty.create("ivy-mod");
        TestAccount halAccount = hal.context();
        PublishResult post = connector.publish(request("hal-race", "Race"), halAccount);
        JsonObject root = seen(post.remoteId(), ivy);
        String reply = uri(reply(ivy, root, root, "hide me"));
        awaitMentions(halAccount, 1);
        String rkey = AtUri.parse(post.remoteId()).rkey();
        // Between the connector's read and its write, the Bluesky app closes the thread to new replies.
        Callable<Void> appEdit = () -> {
            JsonObject closed = new JsonObject();
            closed.addProperty("post", post.remoteId());
            closed.addProperty("createdAt", "2025-02-03T04:05:06.000Z");
            closed.add("allow", new JsonArray());
            net.putRecord(hal.login(), GATE, rkey, closed);
            return null;
        };
        try (EditingProxy proxy = new EditingProxy(URI.create(net.url), appEdit)) {
            connector.moderate(reply, ModerationAction.HIDE, hal.contextAt(proxy.uri()));
            assertEquals(List.of(400, 200), proxy.threadgateWrites, "the first write found the record changed");
        }
        JsonObject gate = threadgate(hal, post.remoteId());
        assertEquals(new JsonArray(), gate.get("allow"), "the app's edit is kept");
        assertEquals("2025-02-03T04:05:06.000Z", gate.get("createdAt").getAsString());
        assertEquals(List.of(reply), strings(gate.getAsJsonArray("hiddenReplies")));
    }

    @Test
    void threeHundredHiddenRepliesIsTheMost() throws Exception {
        NetworkParty jo = NetworkParty.create("jo-mod");
        NetworkParty kai = NetworkParty.create("kai-mod");
        TestAccount joAccount = jo.context();
        PublishResult post = connector.publish(request("jo-full", "Busy thread"), joAccount);
        JsonObject root = seen(post.remoteId(), kai);
        String reply = uri(reply(kai, root, root, "one more"));
        awaitMentions(joAccount, 1);
        String rkey = AtUri.parse(post.remoteId()).rkey();
        JsonObject full = new JsonObject();
        full.addProperty("post", post.remoteId());
        full.addProperty("createdAt", now().toString());
        JsonArray hidden = new JsonArray();
        for (int i = 0; i < 301; i++) {
            hidden.add("at://" + kai.did() + "/" + POST + "/old" + i);
        }
        full.add("hiddenReplies", hidden);
        // The PDS itself refuses 301: the lexicon's limit is the one the connector applies.
        IllegalStateException pds = assertThrows(IllegalStateException.class,
                () -> net.putRecord(jo.login(), GATE, rkey, full.deepCopy()));
        assertTrue(pds.getMessage().contains("400"), pds.getMessage());
        hidden.remove(300);
        net.putRecord(jo.login(), GATE, rkey, full);
        String cid = threadgateCid(jo, post.remoteId());

        refused("300", () -> connector.moderate(reply, ModerationAction.HIDE, joAccount));
        assertEquals(cid, threadgateCid(jo, post.remoteId()), "nothing written");
    }

    @Test
    void whatBlueskyDoesNotAllowIsRefusedAndWritesNothing() throws Exception {
        NetworkParty lia = NetworkParty.create("lia-mod");
        NetworkParty mo = NetworkParty.create("mo-mod");
        TestAccount liaAccount = lia.context();
        PublishResult own = connector.publish(request("lia-own", "Our news"), liaAccount);
        JsonObject ownRef = seen(own.remoteId(), mo);
        // mo's thread, where lia answered and mo answered her back: a reply to lia, in a thread lia did not start.
        JsonObject moRoot = net.createRecord(mo.login(), POST, text("My thread"));
        seen(uri(moRoot), lia);
        PublishResult liaAnswer = connector.publish(new PublishRequest("lia-answer", "post_lia-answer",
                new PostVariant("acc", "Nice one", List.of(), List.of()), uri(moRoot)), liaAccount);
        JsonObject liaRef = seen(liaAnswer.remoteId(), mo);
        String inMoThread = uri(reply(mo, moRoot, liaRef, "thanks lia"));
        String mention = uri(mention(mo, lia, "have a look"));
        JsonObject quote = text("read this");
        JsonObject embed = new JsonObject();
        embed.addProperty("$type", "app.bsky.embed.record");
        embed.add("record", ownRef);
        quote.add("embed", embed);
        String quoted = uri(net.createRecord(mo.login(), POST, quote));
        String replyToLia = uri(reply(mo, ownRef, ownRef, "meh"));
        assertEquals(Set.of(inMoThread, mention, quoted, replyToLia), Set.copyOf(awaitMentions(liaAccount, 4)));

        refused("thread started by " + mo.did(),
                () -> connector.moderate(inMoThread, ModerationAction.HIDE, liaAccount));
        refused("no reply", () -> connector.moderate(mention, ModerationAction.HIDE, liaAccount));
        refused("no reply", () -> connector.moderate(quoted, ModerationAction.HIDE, liaAccount));
        for (String other : List.of(replyToLia, mention, inMoThread)) {
            RejectedException e = assertThrows(RejectedException.class,
                    () -> connector.moderate(other, ModerationAction.DELETE, liaAccount));
            assertTrue(e.getMessage().contains("only a post's author") && e.getMessage().contains("HIDE"),
                    e.getMessage());
        }
        refused("app.bsky.feed.like", () -> connector.moderate("at://" + mo.did() + "/app.bsky.feed.like/3kaaaaaaaaaa2",
                ModerationAction.HIDE, liaAccount));
        refused("not the AT URI", () -> connector.moderate("not-a-uri", ModerationAction.DELETE, liaAccount));

        assertEquals(0, records(lia, GATE).size(), "no threadgate written");
        assertEquals(0, records(mo, GATE).size());
        assertTrue(records(mo, POST).containsAll(List.of(inMoThread, mention, quoted, replyToLia)),
                "mo's posts are all still there");

        // Only a post of the account's own could be deleted.
        connector.moderate(liaAnswer.remoteId(), ModerationAction.DELETE, liaAccount);
        assertEquals(List.of(own.remoteId()), records(lia, POST));
        connector.moderate(liaAnswer.remoteId(), ModerationAction.DELETE, liaAccount);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * A reverse proxy on 127.0.0.1 in front of the real PDS that runs {@code edit}
     * (another client writing to the PDS) just before it passes on the first
     * threadgate {@code putRecord} — between the connector's read and its write —
     * and records the status of every threadgate write.
     */
    private static final class EditingProxy implements AutoCloseable {

        private static final Set<String> PASSED = Set.of("authorization", "content-type", "accept");

        final List<Integer> threadgateWrites = new CopyOnWriteArrayList<>();
        private final URI target;
        private final Callable<Void> edit;
        private final AtomicBoolean edited = new AtomicBoolean();
        private final HttpServer server;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        EditingProxy(URI target, Callable<Void> edit) throws IOException {
            this.target = target;
            this.edit = edit;
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::forward);
            server.start();
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void forward(HttpExchange x) throws IOException {
            try (InputStream in = x.getRequestBody()) {
                byte[] body = in.readAllBytes();
                boolean gateWrite = x.getRequestURI().getPath().endsWith("/com.atproto.repo.putRecord")
                        && new String(body, StandardCharsets.UTF_8).contains("\"" + GATE + "\"");
                if (gateWrite && !edited.getAndSet(true)) {
                    edit.call();
                }
                HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve(x.getRequestURI().toString()))
                        .timeout(Duration.ofSeconds(30))
                        .method(x.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                x.getRequestHeaders().forEach((name, values) -> {
                    if (PASSED.contains(name.toLowerCase())) {
                        values.forEach(v -> b.header(name, v));
                    }
                });
                HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (gateWrite) {
                    threadgateWrites.add(r.statusCode());
                }
                r.headers().firstValue("content-type").ifPresent(v -> x.getResponseHeaders().add("Content-Type", v));
                x.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
                x.getResponseBody().write(r.body());
            } catch (Exception e) {
                // The connector sees a failed exchange; the test then fails on what it expected.
                x.sendResponseHeaders(502, -1);
            } finally {
                x.close();
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Polls the account's mentions (the newest page) until {@code n} are there; their ids. */
    private static List<String> awaitMentions(TestAccount account, int n) throws Exception {
        return eventually(n + " mentions", () -> connector.mentions(null, account).mentions().stream()
                .map(Mention::id).toList(), l -> l.size() >= n);
    }

    /** The threadgate of {@code postUri} as the PDS of its author holds it. */
    private static JsonObject threadgate(NetworkParty author, String postUri) throws Exception {
        return gateRecord(author, postUri).getAsJsonObject("value");
    }

    private static String threadgateCid(NetworkParty author, String postUri) throws Exception {
        return gateRecord(author, postUri).get("cid").getAsString();
    }

    private static JsonObject gateRecord(NetworkParty author, String postUri) throws Exception {
        return net.get("com.atproto.repo.getRecord", Map.of("repo", author.did(), "collection", GATE,
                "rkey", AtUri.parse(postUri).rkey()), null);
    }

    /** The URIs of the records of {@code collection} in {@code who}'s repository. */
    private static List<String> records(NetworkParty who, String collection) throws Exception {
        List<String> uris = new ArrayList<>();
        for (JsonElement e : net.get("com.atproto.repo.listRecords", Map.of("repo", who.did(), "collection",
                collection, "limit", "100"), null).getAsJsonArray("records")) {
            uris.add(e.getAsJsonObject().get("uri").getAsString());
        }
        return uris;
    }

    /** The post URIs of a getPostThreadV2 / getPostThreadOtherV2 answer, in its order. */
    private static List<String> threadUris(JsonObject answer) {
        List<String> uris = new ArrayList<>();
        for (JsonElement e : answer.getAsJsonArray("thread")) {
            uris.add(e.getAsJsonObject().get("uri").getAsString());
        }
        return uris;
    }

    /** The URIs of every reply under a getPostThread (v1) thread view. */
    private static List<String> replyUris(JsonObject node) {
        List<String> uris = new ArrayList<>();
        JsonElement replies = node.get("replies");
        if (replies != null && replies.isJsonArray()) {
            for (JsonElement e : replies.getAsJsonArray()) {
                uris.add(e.getAsJsonObject().getAsJsonObject("post").get("uri").getAsString());
                uris.addAll(replyUris(e.getAsJsonObject()));
            }
        }
        return uris;
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private static JsonObject text(String text) {
        JsonObject post = new JsonObject();
        post.addProperty("text", text);
        post.addProperty("createdAt", now().toString());
        return post;
    }

}
