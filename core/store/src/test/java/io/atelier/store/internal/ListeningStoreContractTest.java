package io.atelier.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.platform.Credentials;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;
import io.atelier.api.workspace.Workspace;
import io.atelier.store.ConflictException;
import io.atelier.store.InboxRepository;
import io.atelier.store.InboxRepository.Item;
import io.atelier.store.InboxRepository.ItemFilter;
import io.atelier.store.InboxRepository.Reply;
import io.atelier.store.InboxRepository.ReplyState;
import io.atelier.store.InboxRepository.Status;
import io.atelier.store.ListeningRepository;
import io.atelier.store.ListeningRepository.Incoming;
import io.atelier.store.ListeningRepository.Lease;
import io.atelier.store.ListeningRepository.MentionFilter;
import io.atelier.store.ListeningRepository.Query;
import io.atelier.store.ListeningRepository.Voice;
import io.atelier.store.ListeningRepository.Source;
import io.atelier.store.ListeningRepository.SourceStatus;
import io.atelier.store.ListeningRepository.StoredMention;

/**
 * What the store guarantees about listening and the inbox, whatever the database:
 * each subclass runs every test on a fresh, empty database of its kind.
 */
abstract class ListeningStoreContractTest {

    static final Instant T0 = Instant.parse("2030-03-01T09:00:00Z");
    /** Text that a round trip through SQL could damage. */
    static final String TEXT = "Caf\u00e9 \u2615 <script>alert(1)</script> \"q\" \\ \ud83c\udf89 l\u2019\u00e9t\u00e9";

    @TempDir
    Path home;

    StoreSettings settings;
    ConnectionPool pool;
    Store store;
    ListeningRepository listening;
    InboxRepository inbox;
    Workspace ws;
    Workspace other;
    Account bsky;
    final List<ConnectionPool> nodePools = new ArrayList<>();

    abstract StoreSettings freshDatabase(Path home) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        settings = freshDatabase(home);
        pool = ConnectionPool.open(settings);
        store = Store.open(pool.dataSource(), settings.kind(), settings.location(), "node-test",
                StoreKey.fromFile(settings.keyFile()));
        listening = store.listening();
        inbox = store.inbox();
        ws = store.workspaces().create("Bakery", ZoneId.of("Europe/Paris"));
        other = store.workspaces().create("Other", ZoneId.of("Europe/Paris"));
        bsky = store.accounts().create(ws.id(), "bluesky", "bakery.bsky.social", null, AccountStatus.CONNECTED,
                Credentials.none());
        store.accounts().create(ws.id(), "testnet", "shop", "http://127.0.0.1:1", AccountStatus.CONNECTED,
                Credentials.none());
    }

    @AfterEach
    void closeStore() {
        nodePools.forEach(ConnectionPool::close);
        if (pool != null) {
            pool.close();
        }
    }

    static Mention mention(String id, String text) {
        return new Mention(id, "bluesky", "https://bsky.app/p/" + id, "@someone", text, T0,
                "at://post/1", Map.of(Mention.LANGUAGE, "fr", Mention.SENTIMENT, "negative",
                        Mention.SENTIMENT_SCORE, "-0.75", "x.custom", "a=b&c"));
    }

    Lease claimOne(String node, Instant now) {
        List<Lease> leases = listening.claim(node, now, now.plusSeconds(60), 10);
        assertEquals(1, leases.size(), "one due source: " + leases);
        return leases.get(0);
    }

    // --- queries ---

    @Test
    void queriesHaveUniqueNamesPerWorkspaceAndARevisionThatMovesAtEveryChange() {
        String r0 = listening.queriesRevision();
        Query q = listening.createQuery(ws.id(), "Brand", "atelier OR zolvia", "usr_a");
        String r1 = listening.queriesRevision();
        assertNotEquals(r0, r1);
        assertThrows(ConflictException.class, () -> listening.createQuery(ws.id(), "Brand", "x", "usr_a"));
        listening.createQuery(other.id(), "Brand", "other", "usr_b");
        String r2 = listening.queriesRevision();
        assertNull(q.voice());
        Query edited = listening.updateQuery(ws.id(), q.id(), "Brand FR", "atelier lang:fr", Voice.BRAND)
                .orElseThrow();
        assertEquals("atelier lang:fr", edited.text());
        assertEquals(Voice.BRAND, listening.query(ws.id(), q.id()).orElseThrow().voice());
        assertNotEquals(q.revision(), edited.revision());
        assertNotEquals(r2, listening.queriesRevision());
        assertTrue(listening.updateQuery(other.id(), q.id(), "stolen", "x", null).isEmpty(), "another workspace's query");
        assertEquals(List.of("Brand FR"), listening.queries(ws.id()).stream().map(Query::name).toList());
        String r3 = listening.queriesRevision();
        assertFalse(listening.deleteQuery(other.id(), q.id()));
        assertTrue(listening.deleteQuery(ws.id(), q.id()));
        assertNotEquals(r3, listening.queriesRevision());
        assertEquals(1, listening.allQueries().size());
    }

    // --- sources and leases ---

    @Test
    void everyAccountOfAListeningPlatformGetsOneSourceOnlyOnce() {
        assertEquals(1, listening.addAccountSources(Set.of("bluesky"), T0));
        assertEquals(0, listening.addAccountSources(Set.of("bluesky"), T0), "already there");
        assertEquals(1, listening.addAccountSources(Set.of("bluesky", "testnet"), T0));
        List<Source> sources = listening.sources(ws.id());
        assertEquals(2, sources.size());
        Source account = sources.stream().filter(s -> bsky.id().equals(s.accountId())).findFirst().orElseThrow();
        assertEquals(ListeningRepository.ACCOUNT_KIND, account.kind());
        assertTrue(listening.sources(other.id()).isEmpty());
        store.accounts().delete(ws.id(), bsky.id());
        assertEquals(1, listening.sources(ws.id()).size(), "the account's source goes with it");
    }

    @Test
    void aSourceKeepsItsSettingsEncryptedAndIsLeasedToOneNodeAtATime() throws Exception {
        Source feed = listening.createSource(ws.id(), "feed", "Press", Credentials.of(Map.of("url",
                "https://example.com/feed?token=s3cret")), T0);
        assertTrue(listening.claim("node-a", T0.minusSeconds(1), T0.plusSeconds(60), 10).isEmpty(), "not due yet");
        Lease lease = claimOne("node-a", T0);
        assertEquals("https://example.com/feed?token=s3cret", lease.settings().get("url").orElseThrow());
        assertNull(lease.cursor());
        assertTrue(listening.claim("node-b", T0.plusSeconds(30), T0.plusSeconds(90), 10).isEmpty(),
                "leased to node-a");
        // node-a stops; once its lease has run out node-b takes the source over.
        Lease takenOver = claimOne("node-b", T0.plusSeconds(61));
        assertEquals(feed.id(), takenOver.source().id());
        assertTrue(listening.completePoll(feed.id(), "node-a", "late", List.of(), T0.plusSeconds(62),
                T0.plusSeconds(120)).isEmpty(), "node-a lost the lease: nothing of its poll is saved");
        assertTrue(listening.completePoll(feed.id(), "node-b", "c1", List.of(), T0.plusSeconds(62),
                T0.plusSeconds(120)).isPresent());
        assertEquals("c1", claimOne("node-a", T0.plusSeconds(120)).cursor());
        try (var connection = pool.dataSource().getConnection();
                var select = connection.prepareStatement("SELECT settings FROM mention_source WHERE id = ?")) {
            select.setString(1, feed.id());
            try (var row = select.executeQuery()) {
                row.next();
                assertFalse(row.getString(1).contains("s3cret"), "settings are encrypted at rest");
            }
        }
    }

    @Test
    void nodesClaimingAtOnceNeverLeaseOneSourceTwice() throws Exception {
        for (int i = 0; i < 40; i++) {
            listening.createSource(ws.id(), "feed", "Feed " + i, Credentials.none(), T0);
        }
        int nodes = 4;
        ExecutorService threads = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<List<Lease>>> claims = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                ListeningRepository node = node("node-" + n);
                String name = "node-" + n;
                Callable<List<Lease>> claim = () -> {
                    List<Lease> mine = new ArrayList<>();
                    for (int round = 0; round < 10; round++) {
                        mine.addAll(node.claim(name, T0, T0.plusSeconds(60), 3));
                    }
                    return mine;
                };
                claims.add(threads.submit(claim));
            }
            Set<String> leased = new HashSet<>();
            int total = 0;
            for (Future<List<Lease>> claim : claims) {
                for (Lease lease : claim.get()) {
                    leased.add(lease.source().id());
                    total++;
                }
            }
            assertEquals(40, leased.size(), "every due source is leased");
            assertEquals(40, total, "and none twice");
        } finally {
            threads.shutdownNow();
        }
    }

    private ListeningRepository node(String name) throws Exception {
        ConnectionPool nodePool = ConnectionPool.open(settings);
        nodePools.add(nodePool);
        return Store.open(nodePool.dataSource(), settings.kind(), settings.location(), name,
                StoreKey.fromFile(settings.keyFile())).listening();
    }

    @Test
    void aFailingSourceSaysWhyAndAPausedOneIsNotPolled() {
        Source feed = listening.createSource(ws.id(), "feed", "Press", Credentials.none(), T0);
        claimOne("node-a", T0);
        listening.failPoll(feed.id(), "node-a", "not a feed: the root element is <html>", T0, T0.plusSeconds(120));
        Source failing = listening.source(ws.id(), feed.id()).orElseThrow();
        assertEquals(SourceStatus.FAILING, failing.status());
        assertEquals("not a feed: the root element is <html>", failing.lastError());
        assertEquals(1, failing.failures());
        assertEquals(T0.plusSeconds(120), failing.nextPollAt());
        listening.setPaused(ws.id(), feed.id(), true, T0);
        assertTrue(listening.claim("node-a", T0.plusSeconds(500), T0.plusSeconds(560), 10).isEmpty(), "paused");
        assertEquals(SourceStatus.FAILING, listening.setPaused(ws.id(), feed.id(), false, T0.plusSeconds(500))
                .orElseThrow().status(), "resumed, still failing until a poll works");
        Lease lease = claimOne("node-a", T0.plusSeconds(500));
        listening.completePoll(lease.source().id(), "node-a", null, List.of(), T0.plusSeconds(501),
                T0.plusSeconds(600));
        Source healed = listening.source(ws.id(), feed.id()).orElseThrow();
        assertEquals(SourceStatus.ACTIVE, healed.status());
        assertNull(healed.lastError());
        assertEquals(0, healed.failures());
        assertTrue(listening.setPaused(other.id(), feed.id(), true, T0).isEmpty(), "another workspace's source");
    }

    // --- mentions ---

    @Test
    void aPollStoresEachMentionOnceWithItsMatchesAndInboxItems() {
        listening.addAccountSources(Set.of("bluesky"), T0);
        Query brand = listening.createQuery(ws.id(), "Brand", "atelier", "usr_a");
        Query foreignQuery = listening.createQuery(other.id(), "Theirs", "atelier", "usr_b");
        Lease lease = claimOne("node-a", T0);
        List<Incoming> poll = List.of(
                new Incoming(mention("m1", TEXT), List.of(brand.id(), foreignQuery.id(), "qry_gone"), true),
                new Incoming(mention("m2", "plain"), List.of(), false),
                new Incoming(mention("m1", "the same mention again"), List.of(brand.id()), true));
        List<StoredMention> stored = listening.completePoll(lease.source().id(), "node-a", "cur-1", poll, T0,
                T0.plusSeconds(60)).orElseThrow();
        assertEquals(2, stored.size(), "m1 once, m2");
        StoredMention m1 = stored.stream().filter(m -> m.mention().id().equals("m1")).findFirst().orElseThrow();
        assertEquals(TEXT, m1.mention().text());
        assertEquals(Map.of(Mention.LANGUAGE, "fr", Mention.SENTIMENT, "negative", Mention.SENTIMENT_SCORE, "-0.75",
                "x.custom", "a=b&c"), m1.mention().annotations());
        assertEquals(List.of(brand.id()), m1.queryIds(), "only queries of the mention's workspace that exist");
        assertTrue(m1.itemId() != null);
        assertNull(stored.stream().filter(m -> m.mention().id().equals("m2")).findFirst().orElseThrow().itemId());

        // The next poll gives m1 again: still once.
        Lease again = claimOne("node-a", T0.plusSeconds(60));
        assertEquals("cur-1", again.cursor());
        assertTrue(listening.completePoll(again.source().id(), "node-a", "cur-2",
                List.of(new Incoming(mention("m1", TEXT), List.of(brand.id()), true)), T0.plusSeconds(60),
                T0.plusSeconds(120)).orElseThrow().isEmpty());
        assertEquals(2, listening.source(ws.id(), lease.source().id()).orElseThrow().mentionsSeen());

        assertEquals(List.of("m1"), listening.mentions(ws.id(), new MentionFilter(brand.id(), null, null, 50))
                .stream().map(m -> m.mention().id()).toList());
        assertEquals(2, listening.mentions(ws.id(), new MentionFilter(null, null, null, 50)).size());
        assertTrue(listening.mentions(other.id(), new MentionFilter(null, null, null, 50)).isEmpty());
        assertTrue(listening.mention(other.id(), m1.id()).isEmpty(), "another workspace cannot read it");
        assertEquals(1, inbox.items(ws.id(), new ItemFilter(null, null, null, 50)).size());
    }

    @Test
    void idsTooLongForTheirColumnsStayStableAndTextIsCutWholeCharacters() {
        Source feed = listening.createSource(ws.id(), "feed", "Long", Credentials.none(), T0);
        claimOne("node-a", T0);
        String longId = "https://example.com/" + "x".repeat(2000);
        String longText = "a".repeat(MentionRows.MAX_BODY - 1) + "\ud83c\udf89 tail";
        Mention m = new Mention(longId, "feed", longId, "author", longText, T0, null, Map.of());
        StoredMention stored = listening.completePoll(feed.id(), "node-a", null,
                List.of(new Incoming(m, List.of(), false)), T0, T0.plusSeconds(60)).orElseThrow().get(0);
        assertTrue(stored.mention().id().startsWith("sha256:"));
        assertNull(stored.mention().url(), "a URL longer than 2,000 characters is dropped, not cut");
        assertEquals(MentionRows.MAX_BODY - 1, stored.mention().text().length(), "no half emoji at the end");
        claimOne("node-a", T0.plusSeconds(60));
        assertTrue(listening.completePoll(feed.id(), "node-a", null, List.of(new Incoming(m, List.of(), false)),
                T0.plusSeconds(60), T0.plusSeconds(120)).orElseThrow().isEmpty(), "recognised again");
    }

    // --- inbox ---

    Item oneItem() {
        listening.addAccountSources(Set.of("bluesky"), T0);
        Lease lease = claimOne("node-a", T0);
        listening.completePoll(lease.source().id(), "node-a", null,
                List.of(new Incoming(mention("m1", TEXT), List.of(), true)), T0, T0.plusSeconds(60));
        return inbox.items(ws.id(), new ItemFilter(null, null, null, 10)).get(0);
    }

    @Test
    void anItemIsAssignedAnsweredOnceAndClosedWithConditionalUpdates() {
        Item item = oneItem();
        assertEquals(Status.NEW, item.status());
        Item assigned = inbox.assign(ws.id(), item.id(), item.version(), "usr_a", T0.plusSeconds(5)).orElseThrow();
        assertEquals(Status.IN_PROGRESS, assigned.status());
        assertEquals("usr_a", assigned.assignee());
        assertThrows(ConflictException.class,
                () -> inbox.setStatus(ws.id(), item.id(), item.version(), Status.CLOSED, T0), "stale version");
        assertEquals(List.of(item.id()), inbox.items(ws.id(), new ItemFilter(null, "usr_a", null, 10)).stream()
                .map(Item::id).toList());
        assertTrue(inbox.items(ws.id(), new ItemFilter(null, "", null, 10)).isEmpty(), "none unassigned");
        assertTrue(inbox.assign(other.id(), item.id(), -1, "usr_x", T0).isEmpty(), "another workspace's item");

        Reply sending = inbox.startReply(ws.id(), item.id(), "usr_a", "Merci " + TEXT, T0.plusSeconds(60))
                .orElseThrow();
        assertEquals(ReplyState.SENDING, sending.state());
        Reply sent = inbox.finishReply(sending.id(), ReplyState.SENT, "at://reply/1", "https://bsky.app/r/1", null,
                T0.plusSeconds(61)).orElseThrow();
        assertEquals(ReplyState.SENT, sent.state());
        assertTrue(inbox.finishReply(sending.id(), ReplyState.FAILED, null, null, "late", T0.plusSeconds(62))
                .isEmpty(), "an answer ends once");
        Item answered = inbox.item(ws.id(), item.id()).orElseThrow();
        assertEquals(Status.ANSWERED, answered.status());
        assertEquals(T0.plusSeconds(61), answered.firstResponseAt());
        Reply second = inbox.startReply(ws.id(), item.id(), "usr_a", "Encore", T0.plusSeconds(120)).orElseThrow();
        inbox.finishReply(second.id(), ReplyState.SENT, "at://reply/2", null, null, T0.plusSeconds(121));
        assertEquals(T0.plusSeconds(61), inbox.item(ws.id(), item.id()).orElseThrow().firstResponseAt(),
                "the first response time is the first one's");
        Item closed = inbox.setStatus(ws.id(), item.id(), -1, Status.CLOSED, T0.plusSeconds(200)).orElseThrow();
        assertEquals(Status.CLOSED, closed.status());
        assertEquals(List.of("Merci " + TEXT, "Encore"), inbox.replies(ws.id(), item.id()).stream()
                .map(Reply::text).toList());
        assertTrue(inbox.replies(other.id(), item.id()).isEmpty());
    }

    @Test
    void anAnswerWithoutNewsBecomesUnknownAndIsNeverSentAgainByItself() {
        Item item = oneItem();
        Reply old = inbox.startReply(ws.id(), item.id(), "usr_a", "old", T0).orElseThrow();
        Reply recent = inbox.startReply(ws.id(), item.id(), "usr_a", "recent", T0.plusSeconds(600)).orElseThrow();
        List<Reply> abandoned = inbox.abandonReplies(T0.plusSeconds(300), T0.plusSeconds(700));
        assertEquals(List.of(old.id()), abandoned.stream().map(Reply::id).toList());
        assertEquals(ReplyState.UNKNOWN, abandoned.get(0).state());
        assertTrue(abandoned.get(0).error().contains("check on the network"));
        assertTrue(inbox.finishReply(old.id(), ReplyState.SENT, "late", null, null, T0).isEmpty(),
                "an unknown answer is not changed by a late result");
        assertEquals(ReplyState.SENDING, inbox.replies(ws.id(), item.id()).stream()
                .filter(r -> r.id().equals(recent.id())).findFirst().orElseThrow().state());
        assertEquals(Status.NEW, inbox.item(ws.id(), item.id()).orElseThrow().status(), "not answered");
    }

    @Test
    void notesAndSavedRepliesStayInTheirWorkspace() {
        Item item = oneItem();
        inbox.addNote(ws.id(), item.id(), "usr_a", "Ann", "Call the client " + TEXT, T0);
        assertTrue(inbox.addNote(other.id(), item.id(), "usr_b", "Bob", "nope", T0).isEmpty());
        assertEquals(List.of("Call the client " + TEXT), inbox.notes(ws.id(), item.id()).stream()
                .map(InboxRepository.Note::text).toList());
        assertTrue(inbox.notes(other.id(), item.id()).isEmpty());

        InboxRepository.SavedReply thanks = inbox.saveReply(ws.id(), "Thanks", "Merci {author} !");
        assertEquals(thanks.id(), inbox.saveReply(ws.id(), "Thanks", "Merci beaucoup {author} !").id(),
                "saving under the same name replaces");
        assertEquals(List.of("Merci beaucoup {author} !"), inbox.savedReplies(ws.id()).stream()
                .map(InboxRepository.SavedReply::text).toList());
        assertFalse(inbox.deleteSavedReply(other.id(), thanks.id()));
        assertTrue(inbox.deleteSavedReply(ws.id(), thanks.id()));
    }

    @Test
    void deletingASourceRemovesItsMentionsAndItems() {
        Item item = oneItem();
        String sourceId = listening.sources(ws.id()).get(0).id();
        assertFalse(listening.deleteSource(other.id(), sourceId));
        assertTrue(listening.deleteSource(ws.id(), sourceId));
        assertTrue(inbox.item(ws.id(), item.id()).isEmpty());
        assertTrue(listening.mentions(ws.id(), new MentionFilter(null, null, null, 10)).isEmpty());
    }

    @Test
    void anAnswerInReviewIsSentOnlyOnceItsApprovalsPassAndARejectedOneNever() {
        assertFalse(inbox.repliesNeedApproval(ws.id()));
        inbox.setRepliesNeedApproval(ws.id(), true);
        inbox.setRepliesNeedApproval(ws.id(), true);
        assertTrue(inbox.repliesNeedApproval(ws.id()));
        assertFalse(inbox.repliesNeedApproval(other.id()));
        Item item = oneItem();
        Reply review = inbox.startReview(ws.id(), item.id(), "usr_a", "Hello", T0).orElseThrow();
        assertEquals(ReplyState.IN_REVIEW, review.state());
        assertTrue(inbox.abandonReplies(T0.plusSeconds(7200), T0.plusSeconds(7200)).isEmpty(),
                "an answer in review is not being sent");

        java.util.function.Predicate<List<io.atelier.store.ApprovalRepository.Approval>> twoPeople =
                given -> given.stream().map(io.atelier.store.ApprovalRepository.Approval::personId).distinct()
                        .count() >= 2;
        InboxRepository.ReplyDecision first = inbox.approveReply(ws.id(), review.id(), 1, "usr_b", T0.plusSeconds(60),
                twoPeople).orElseThrow();
        assertFalse(first.released());
        assertEquals(ReplyState.IN_REVIEW, first.reply().state());
        inbox.approveReply(ws.id(), review.id(), 1, "usr_b", T0.plusSeconds(61), twoPeople);
        assertEquals(1, inbox.replyApprovals(review.id()).size(), "one approval per person and step");
        assertTrue(inbox.approveReply(other.id(), review.id(), 1, "usr_c", T0, twoPeople).isEmpty(),
                "another workspace's answer");
        Instant approvedAt = T0.plusSeconds(7200);
        InboxRepository.ReplyDecision second = inbox.approveReply(ws.id(), review.id(), 1, "usr_c", approvedAt,
                twoPeople).orElseThrow();
        assertTrue(second.released());
        assertEquals(ReplyState.SENDING, second.reply().state());
        assertTrue(inbox.abandonReplies(approvedAt.minusSeconds(1), approvedAt.plusSeconds(1)).isEmpty(),
                "sending since its approval, not since it was written two hours before");
        assertThrows(ConflictException.class, () -> inbox.approveReply(ws.id(), review.id(), 1, "usr_d",
                T0.plusSeconds(7300), twoPeople), "no longer in review");

        Reply turnedDown = inbox.startReview(ws.id(), item.id(), "usr_a", "Too rude", T0).orElseThrow();
        Reply rejected = inbox.rejectReply(ws.id(), turnedDown.id(), "rejected by usr_b: too rude",
                T0.plusSeconds(5)).orElseThrow();
        assertEquals(ReplyState.REJECTED, rejected.state());
        assertEquals("rejected by usr_b: too rude", rejected.error());
        assertThrows(ConflictException.class, () -> inbox.rejectReply(ws.id(), turnedDown.id(), "again", T0));
        assertTrue(inbox.reply(other.id(), turnedDown.id()).isEmpty());
        assertEquals(Status.NEW, inbox.item(ws.id(), item.id()).orElseThrow().status(),
                "nothing was sent: the item is not answered");
    }
}
