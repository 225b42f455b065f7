package io.atelier.platform.bluesky.internal;

import static io.atelier.platform.bluesky.internal.NetworkSteps.PATIENCE;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.AccountMetrics;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PostMetrics;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.ReplyRequest;
import io.atelier.api.platform.RetryableException;
import io.atelier.platform.bluesky.peer.LocalNetwork;
import io.atelier.sdk.tck.Fault;
import io.atelier.sdk.tck.FaultProxy;
import io.atelier.sdk.tck.RequestMatcher;

/**
 * Mentions, answers and counters against the real full Bluesky network on
 * 127.0.0.1 — did:plc directory, PDS and the AppView indexing its firehose into
 * PostgreSQL ({@link SharedNetwork}, from the plugin's {@code peer/network/}
 * scripts). Every call goes through the platform SPI; a second account acts
 * through plain XRPC, as another person's app would. The AppView indexes
 * asynchronously, so whatever depends on it is polled until it shows (at most a
 * minute), never slept on. Each test has accounts of its own.
 */
@ExtendWith(SharedNetwork.class)
class BlueskyNetworkTest {

    private static final String POST = BlueskyConstants.POST_COLLECTION;

    private static LocalNetwork net;
    private static final BlueskyConnector connector = new BlueskyConnector();

    @BeforeAll
    static void network() {
        net = SharedNetwork.get();
    }

    // ------------------------------------------------------------------ mentions

    @Test
    void mentionsRepliesAndQuotesComeOnceEachWithTheirFields() throws Exception {
        NetworkParty ann = NetworkParty.create("ann");
        NetworkParty ben = NetworkParty.create("ben");
        TestAccount annAccount = ann.context();
        PublishResult post = connector.publish(request("ann-launch", "Launch day at the workshop"), annAccount);
        JsonObject postRef = seen(post.remoteId(), ben);
        MentionPage first = connector.mentions(null, annAccount);
        assertEquals(List.of(), first.mentions(), "a new account has no mentions");
        Inbox inbox = new Inbox(annAccount, first.nextCursor());

        Instant t1 = now();
        JsonObject mention = mention(ben, ann, "congrats on the launch", t1);
        Instant t2 = now().plusMillis(5);
        JsonObject reply = reply(ben, postRef, postRef, "Looks great!", t2);
        List<Mention> got = inbox.await(2);
        assertEquals(List.of(uri(mention), uri(reply)), got.stream().map(Mention::id).toList(), "oldest first");
        Mention m = got.get(0);
        assertEquals("bluesky", m.source());
        assertEquals("ben.test", m.author());
        assertEquals("@ann.test congrats on the launch", m.text());
        assertEquals(t1, m.publishedAt());
        assertEquals("https://bsky.app/profile/ben.test/post/" + AtUri.parse(uri(mention)).rkey(), m.url());
        assertNull(m.inReplyTo());
        Mention r = got.get(1);
        assertEquals("Looks great!", r.text());
        assertEquals(t2, r.publishedAt());
        assertEquals(post.remoteId(), r.inReplyTo(), "a reply names the post it answers");

        // A like is a notification too, but not a mention: once the AppView counts it, a poll returns nothing.
        net.createRecord(ben.login(), "app.bsky.feed.like", subject(postRef));
        eventually("the like counted", () -> likes(post.remoteId(), ann), n -> n == 1);
        assertEquals(List.of(), inbox.poll(), "the cursor moved past both, and the like is not a mention");

        JsonObject again = mention(ben, ann, "see you at the meetup", now());
        assertEquals(List.of(uri(again)), inbox.await(1).stream().map(Mention::id).toList(), "only the new one");
        assertEquals(List.of(), inbox.poll());

        JsonObject quote = quote(ben, postRef, "This is the one to read");
        List<Mention> quoted = inbox.await(1);
        assertEquals(List.of(uri(quote)), quoted.stream().map(Mention::id).toList());
        assertEquals("This is the one to read", quoted.get(0).text());
        assertEquals(List.of(), inbox.poll());
    }

    @Test
    void theFirstPollTakesOneRecentPageAndAnEmptyStartTakesEverything() throws Exception {
        NetworkParty fay = NetworkParty.create("fay");
        NetworkParty fox = NetworkParty.create("fox");
        TestAccount fayAccount = fay.context();
        MentionPage empty = connector.mentions(null, fayAccount);
        assertEquals(List.of(), empty.mentions());
        int count = Mentions.PAGE + 5;
        // Dated one second apart in the past: the AppView orders notifications by that date.
        Instant base = now().minusSeconds(300);
        for (int i = 0; i < count; i++) {
            mention(fox, fay, "#" + i, base.plusSeconds(i));
        }
        eventually("all mentions indexed", () -> net.get("app.bsky.notification.listNotifications",
                Map.of("limit", "100"), fay.login()).getAsJsonArray("notifications").size(), n -> n == count);

        List<String> all = texts(connector.mentions(empty.nextCursor(), fayAccount).mentions());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add("@fay.test #" + i);
        }
        assertEquals(expected, all, "an account that had nothing reads everything that came since, oldest first");

        MentionPage firstPoll = connector.mentions(null, fayAccount);
        assertEquals(expected.subList(5, count), texts(firstPoll.mentions()), "a first poll takes the newest page only");
        assertEquals(List.of(), connector.mentions(firstPoll.nextCursor(), fayAccount).mentions());
    }

    @Test
    void aPostDatedBeforeTheNewestSeenIsStillFound() throws Exception {
        NetworkParty lou = NetworkParty.create("lou");
        NetworkParty lee = NetworkParty.create("lee");
        TestAccount louAccount = lou.context();
        Inbox inbox = new Inbox(louAccount, connector.mentions(null, louAccount).nextCursor());
        JsonObject recent = mention(lee, lou, "just now", now());
        assertEquals(List.of(uri(recent)), inbox.await(1).stream().map(Mention::id).toList());
        // Written on a device whose clock is five minutes behind: the AppView sorts it below what was seen.
        Instant behind = now().minusSeconds(300);
        JsonObject late = mention(lee, lou, "from a slow clock", behind);
        List<Mention> got = inbox.await(1);
        assertEquals(List.of(uri(late)), got.stream().map(Mention::id).toList());
        assertEquals(behind, got.get(0).publishedAt());
        assertEquals(List.of(), inbox.poll());
    }

    @Test
    void aMalformedCursorIsRefused() {
        NetworkParty kim = NetworkParty.create("kim");
        RejectedException e = assertThrows(RejectedException.class, () -> connector.mentions("42", kim.context()));
        assertTrue(e.getMessage().contains("cursor"), e.getMessage());
    }

    // ------------------------------------------------------------------ answers

    @Test
    void anAnswerIsPostedOnceInTheThreadWhateverTheRetries() throws Exception {
        NetworkParty ria = NetworkParty.create("ria");
        NetworkParty rob = NetworkParty.create("rob");
        TestAccount riaAccount = ria.context();
        PublishResult post = connector.publish(request("ria-schedule", "Our spring schedule is out"), riaAccount);
        JsonObject postRef = seen(post.remoteId(), rob);
        Inbox inbox = new Inbox(riaAccount, connector.mentions(null, riaAccount).nextCursor());
        JsonObject question = reply(rob, postRef, postRef, "Will there be a Sunday session?", now());
        Mention m = inbox.await(1).get(0);
        assertEquals(uri(question), m.id());

        String text = "Yes @rob.test, 10:00 to 12:00!";
        ReplyRequest answer = new ReplyRequest("answer-rob-1", m.id(), text);
        PublishResult first = connector.reply(answer, riaAccount);
        PublishResult second = connector.reply(answer, ria.context());
        assertEquals(first.remoteId(), second.remoteId(), "the same key answers once");
        AtUri at = AtUri.parse(first.remoteId());
        assertEquals(new AtUri(ria.did(), POST, RecordKeys.forPart("answer-rob-1", 0)), at, "the key derived as publish derives it");
        assertEquals(1, postsWithText(ria, text).size());

        JsonObject record = net.get("com.atproto.repo.getRecord", Map.of("repo", at.did(), "collection", POST,
                "rkey", at.rkey()), null).getAsJsonObject("value");
        assertEquals(postRef, record.getAsJsonObject("reply").getAsJsonObject("root"), "the thread's root");
        assertEquals(question, record.getAsJsonObject("reply").getAsJsonObject("parent"), "the question answered");
        JsonObject facet = record.getAsJsonArray("facets").get(0).getAsJsonObject();
        assertEquals(4, facet.getAsJsonObject("index").get("byteStart").getAsInt());
        assertEquals(4 + "@rob.test".length(), facet.getAsJsonObject("index").get("byteEnd").getAsInt());
        assertEquals(rob.did(), facet.getAsJsonArray("features").get(0).getAsJsonObject().get("did").getAsString());

        // The AppView shows it once, under the question, in the thread of the first post.
        List<String> underQuestion = eventually("the answer in the thread", () -> repliesInThread(post.remoteId(),
                uri(question), ria), l -> !l.isEmpty());
        assertEquals(List.of(first.remoteId()), underQuestion);

        // A mention that is no reply is answered as the root of a new thread.
        JsonObject hello = mention(rob, ria, "do you ship abroad?", now());
        assertEquals(uri(hello), inbox.await(1).get(0).id());
        PublishResult toHello = connector.reply(new ReplyRequest("answer-rob-2", uri(hello), "We do."), riaAccount);
        AtUri helloAnswer = AtUri.parse(toHello.remoteId());
        JsonObject reply2 = net.get("com.atproto.repo.getRecord", Map.of("repo", helloAnswer.did(), "collection", POST,
                "rkey", helloAnswer.rkey()), null).getAsJsonObject("value").getAsJsonObject("reply");
        assertEquals(hello, reply2.getAsJsonObject("root"));
        assertEquals(hello, reply2.getAsJsonObject("parent"));
    }

    @Test
    void anAnswerInterruptedAfterThePdsAppliedItIsFoundByTheNextAttempt() throws Exception {
        NetworkParty una = NetworkParty.create("una");
        NetworkParty uwe = NetworkParty.create("uwe");
        JsonObject question = mention(uwe, una, "open on Monday?", now());
        eventually("the question indexed", () -> net.get("app.bsky.feed.getPosts", Map.of("uris", uri(question)),
                una.login()).getAsJsonArray("posts").size(), n -> n == 1);
        ReplyRequest answer = new ReplyRequest("answer-uwe-1", uri(question), "From 9:00.");
        try (FaultProxy proxy = new FaultProxy(URI.create(net.url),
                RequestMatcher.post("/xrpc/com\\.atproto\\.repo\\.putRecord"), Fault.SERVER_ERROR_AFTER_APPLYING)) {
            TestAccount through = una.contextAt(proxy.uri());
            assertThrows(OutcomeUnknownException.class, () -> connector.reply(answer, through));
            assertEquals(1, proxy.injected());
        }
        assertEquals(1, postsWithText(una, "From 9:00.").size(), "the PDS applied it");
        PublishResult again = connector.reply(answer, una.context());
        assertEquals(postsWithText(una, "From 9:00.").get(0), again.remoteId());
        assertEquals(1, postsWithText(una, "From 9:00.").size(), "the second attempt found it and added nothing");
    }

    @Test
    void answersThatCannotBeSentAreRefusedAndNothingIsPosted() throws Exception {
        NetworkParty ida = NetworkParty.create("ida");
        NetworkParty ivo = NetworkParty.create("ivo");
        TestAccount idaAccount = ida.context();
        JsonObject question = mention(ivo, ida, "hello?", now());
        eventually("the question indexed", () -> net.get("app.bsky.feed.getPosts", Map.of("uris", uri(question)),
                ida.login()).getAsJsonArray("posts").size(), n -> n == 1);
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        refused("301 graphemes", () -> connector.reply(new ReplyRequest("k1", uri(question), family.repeat(301)), idaAccount));
        refused("empty", () -> connector.reply(new ReplyRequest("k2", uri(question), "  "), idaAccount));
        refused("not-a-uri", () -> connector.reply(new ReplyRequest("k3", "not-a-uri", "hi"), idaAccount));
        refused("only posts", () -> connector.reply(new ReplyRequest("k4",
                "at://" + ivo.did() + "/app.bsky.feed.like/3kaaaaaaaaaaa", "hi"), idaAccount));
        refused("does not exist", () -> connector.reply(new ReplyRequest("k5",
                "at://" + ivo.did() + "/" + POST + "/3kaaaaaaaaaaa", "hi"), idaAccount));
        assertEquals(0, net.get("com.atproto.repo.listRecords", Map.of("repo", ida.did(), "collection", POST), null)
                .getAsJsonArray("records").size());
    }

    // ------------------------------------------------------------------ metrics

    @Test
    void postCountersFollowLikesRepostsRepliesAndQuotes() throws Exception {
        NetworkParty mia = NetworkParty.create("mia");
        NetworkParty max = NetworkParty.create("max");
        TestAccount miaAccount = mia.context();
        assertEquals(List.of(), connector.metrics(List.of(), miaAccount));
        PublishResult post = connector.publish(request("mia-metrics", "Counting what matters"), miaAccount);
        JsonObject ref = seen(post.remoteId(), max);
        net.createRecord(max.login(), "app.bsky.feed.like", subject(ref));
        net.createRecord(max.login(), "app.bsky.feed.repost", subject(ref));
        PostMetrics m = eventually("a like and a repost counted", () -> only(connector.metrics(List.of(post.remoteId()),
                miaAccount)), p -> Long.valueOf(1).equals(p.values().get(PostMetrics.LIKES))
                && Long.valueOf(1).equals(p.values().get(PostMetrics.SHARES)));
        assertEquals(post.remoteId(), m.remoteId());
        assertEquals(Map.of(PostMetrics.LIKES, 1L, PostMetrics.SHARES, 1L, PostMetrics.REPLIES, 0L,
                PostMetrics.QUOTES, 0L), m.values(), "no impressions: Bluesky does not report them");

        reply(max, ref, ref, "Agreed", now());
        quote(max, ref, "Worth reading");
        PostMetrics after = eventually("a reply and a quote counted", () -> only(connector.metrics(
                List.of(post.remoteId()), miaAccount)), p -> Long.valueOf(1).equals(p.values().get(PostMetrics.QUOTES))
                && Long.valueOf(1).equals(p.values().get(PostMetrics.REPLIES)));
        assertEquals(Map.of(PostMetrics.LIKES, 1L, PostMetrics.SHARES, 1L, PostMetrics.REPLIES, 1L,
                PostMetrics.QUOTES, 1L), after.values());

        PublishResult gone = connector.publish(request("mia-gone", "Soon deleted"), miaAccount);
        connector.delete(gone.remoteId(), miaAccount);
        List<PostMetrics> both = eventually("the deleted post left out", () -> connector.metrics(
                List.of(post.remoteId(), gone.remoteId()), miaAccount), l -> l.size() == 1);
        assertEquals(post.remoteId(), both.get(0).remoteId(), "a deleted post has no counters any more");
        refused("not the AT URI", () -> connector.metrics(List.of(post.remoteId(), "not-a-uri"), miaAccount));
    }

    @Test
    void accountCountersFollowFollowers() throws Exception {
        NetworkParty ned = NetworkParty.create("ned");
        NetworkParty nia = NetworkParty.create("nia");
        TestAccount nedAccount = ned.context();
        connector.publish(request("ned-1", "Hello Bluesky"), nedAccount);
        JsonObject follow = new JsonObject();
        follow.addProperty("subject", ned.did());
        follow.addProperty("createdAt", now().toString());
        net.createRecord(nia.login(), "app.bsky.graph.follow", follow);
        AccountMetrics a = eventually("the follower and the post counted", () -> connector.accountMetrics(nedAccount),
                x -> x.followers() == 1 && x.posts() == 1);
        assertEquals(0, a.following());
        assertFalse(a.measuredAt().isAfter(Instant.now()));
    }

    // ------------------------------------------------------------------ failures

    @Test
    void readsAndAnswersFailWithTypedErrors() throws Exception {
        NetworkParty eve = NetworkParty.create("eve");
        String post = "at://" + eve.did() + "/" + POST + "/3kaaaaaaaaaaa";
        ReplyRequest answer = new ReplyRequest("eve-1", post, "hi");

        // A revoked app password and no session: the account needs reconnection, and the password never shows.
        String wrong = "zzzz-zzzz-zzzz-zzzz";
        TestAccount revoked = new TestAccount(eve.handle(), net.url, Map.of(BlueskyConstants.APP_PASSWORD, wrong));
        for (Executable call : List.<Executable>of(() -> connector.mentions(null, revoked),
                () -> connector.metrics(List.of(post), revoked), () -> connector.accountMetrics(revoked),
                () -> connector.reply(answer, revoked))) {
            AuthExpiredException e = assertThrows(AuthExpiredException.class, call);
            assertFalse(e.getMessage().contains(wrong), e.getMessage());
        }

        // Refused tokens with a good app password: signed in again once, the new tokens kept, the call done.
        TestAccount stale = new TestAccount(eve.handle(), net.url, Map.of(BlueskyConstants.APP_PASSWORD, eve.appPassword(),
                BlueskyConstants.DID, eve.did(), BlueskyConstants.ACCESS_JWT, "not.a.token",
                BlueskyConstants.REFRESH_JWT, "not.a.token.either"));
        assertEquals(List.of(), connector.mentions(null, stale).mentions());
        assertEquals(1, stale.updates.size());
        assertNotEquals("not.a.token", stale.credentials().require(BlueskyConstants.ACCESS_JWT));

        // Nothing listens: retryable, nothing was sent.
        String closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = "http://127.0.0.1:" + s.getLocalPort();
        }
        TestAccount offline = new TestAccount(eve.handle(), closed, Map.of(BlueskyConstants.APP_PASSWORD, eve.appPassword()));
        assertThrows(RetryableException.class, () -> connector.mentions(null, offline));
        assertThrows(RetryableException.class, () -> connector.metrics(List.of(post), offline));
        assertThrows(RetryableException.class, () -> connector.accountMetrics(offline));
        assertThrows(RetryableException.class, () -> connector.reply(answer, offline));

        // The network's own answers, injected in front of the real PDS.
        try (FaultProxy proxy = new FaultProxy(URI.create(net.url),
                new RequestMatcher("GET", "/xrpc/app\\.bsky\\.notification\\.listNotifications"), Fault.RATE_LIMITED)) {
            TestAccount through = eve.contextAt(proxy.uri());
            RateLimitedException e = assertThrows(RateLimitedException.class, () -> connector.mentions(null, through));
            assertEquals(Duration.ofSeconds(Fault.RETRY_AFTER_SECONDS), e.retryAfter());
        }
        try (FaultProxy proxy = new FaultProxy(URI.create(net.url),
                new RequestMatcher("GET", "/xrpc/app\\.bsky\\.feed\\.getPosts"), Fault.SERVER_ERROR)) {
            TestAccount through = eve.contextAt(proxy.uri());
            assertThrows(RetryableException.class, () -> connector.metrics(List.of(post), through));
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Polls an account's mentions with the cursor, as the core does, keeping the cursor between polls. */
    private static final class Inbox {

        private final TestAccount account;
        private String cursor;

        Inbox(TestAccount account, String cursor) {
            this.account = account;
            this.cursor = cursor;
        }

        List<Mention> poll() throws PlatformException {
            MentionPage page = connector.mentions(cursor, account);
            cursor = page.nextCursor();
            return page.mentions();
        }

        /** Polls until {@code n} new mentions came, and fails if more than {@code n} did. */
        List<Mention> await(int n) throws Exception {
            List<Mention> got = new ArrayList<>();
            Instant deadline = Instant.now().plus(PATIENCE);
            while (got.size() < n) {
                if (Instant.now().isAfter(deadline)) {
                    fail(n + " mentions expected within " + PATIENCE.toSeconds() + " s; got " + got);
                }
                got.addAll(poll());
                if (got.size() < n) {
                    Thread.sleep(100);
                }
            }
            assertEquals(n, got.size(), "more mentions than expected: " + got);
            return got;
        }
    }

    private static JsonObject subject(JsonObject ref) {
        JsonObject o = new JsonObject();
        o.add("subject", ref);
        o.addProperty("createdAt", now().toString());
        return o;
    }

    private static JsonObject quote(NetworkParty from, JsonObject quoted, String text) throws Exception {
        JsonObject embed = new JsonObject();
        embed.addProperty("$type", "app.bsky.embed.record");
        embed.add("record", quoted);
        JsonObject post = new JsonObject();
        post.addProperty("text", text);
        post.addProperty("createdAt", now().toString());
        post.add("embed", embed);
        return net.createRecord(from.login(), POST, post);
    }

    private static long likes(String postUri, NetworkParty viewer) throws Exception {
        JsonArray posts = net.get("app.bsky.feed.getPosts", Map.of("uris", postUri), viewer.login()).getAsJsonArray("posts");
        return posts.isEmpty() ? -1 : posts.get(0).getAsJsonObject().get("likeCount").getAsLong();
    }

    /** The URIs of the replies to {@code parentUri} in the AppView's thread of {@code rootUri}. */
    private static List<String> repliesInThread(String rootUri, String parentUri, NetworkParty viewer) throws Exception {
        JsonObject thread = net.get("app.bsky.feed.getPostThread", Map.of("uri", rootUri, "depth", "6"),
                viewer.login()).getAsJsonObject("thread");
        List<String> found = new ArrayList<>();
        collectReplies(thread, parentUri, found);
        return found;
    }

    private static void collectReplies(JsonObject node, String parentUri, List<String> found) {
        JsonElement replies = node.get("replies");
        if (replies == null || !replies.isJsonArray()) {
            return;
        }
        boolean under = parentUri.equals(node.getAsJsonObject("post").get("uri").getAsString());
        for (JsonElement e : replies.getAsJsonArray()) {
            JsonObject child = e.getAsJsonObject();
            if (under) {
                found.add(child.getAsJsonObject("post").get("uri").getAsString());
            }
            collectReplies(child, parentUri, found);
        }
    }

    /** The URIs of {@code who}'s posts with exactly {@code text}, read from the PDS. */
    private static List<String> postsWithText(NetworkParty who, String text) throws Exception {
        List<String> found = new ArrayList<>();
        for (JsonElement e : net.get("com.atproto.repo.listRecords", Map.of("repo", who.did(), "collection", POST,
                "limit", "100"), null).getAsJsonArray("records")) {
            if (text.equals(e.getAsJsonObject().getAsJsonObject("value").get("text").getAsString())) {
                found.add(e.getAsJsonObject().get("uri").getAsString());
            }
        }
        return found;
    }

    private static List<String> texts(List<Mention> mentions) {
        return mentions.stream().map(Mention::text).toList();
    }

    private static PostMetrics only(List<PostMetrics> metrics) {
        assertEquals(1, metrics.size(), "one entry per post: " + metrics);
        return metrics.get(0);
    }
}
