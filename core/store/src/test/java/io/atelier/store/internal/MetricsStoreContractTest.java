package io.atelier.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atelier.api.platform.Credentials;
import io.atelier.api.post.PostState;
import io.atelier.api.post.PostVariant;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;
import io.atelier.api.workspace.Workspace;
import io.atelier.store.DispatchRepository.Published;
import io.atelier.store.MetricsRepository;
import io.atelier.store.MetricsRepository.Collection;
import io.atelier.store.MetricsRepository.Daily;
import io.atelier.store.MetricsRepository.PostFigures;
import io.atelier.store.MetricsRepository.Reading;
import io.atelier.store.MetricsRepository.SubjectKind;
import io.atelier.store.MetricsRepository.TrackedPost;
import io.atelier.store.PostRepository.Plan;
import io.atelier.store.PostRepository.StoredPost;
import io.atelier.store.ReportRepository;
import io.atelier.store.ReportRepository.Objective;
import io.atelier.store.ReportRepository.ObjectiveInput;
import io.atelier.store.ReportRepository.Schedule;
import io.atelier.store.ReportRepository.ScheduleInput;
import io.atelier.store.ReportRepository.Share;
import io.atelier.store.ConflictException;
import io.atelier.api.monitoring.Mention;
import io.atelier.store.ListeningRepository;
import io.atelier.store.ListeningRepository.Incoming;
import io.atelier.store.ListeningRepository.Query;
import io.atelier.store.ListeningRepository.Voice;
import io.atelier.store.ListeningRepository.Source;
import io.atelier.store.AlertRepository.Channel;

/**
 * What the store guarantees about metrics, whatever the database: readings roll up
 * per account and local day exactly as the raw samples aggregate, collections are
 * saved only under their lease, and old samples go without changing any figure.
 * Each subclass runs every test on a fresh, empty database of its kind.
 */
abstract class MetricsStoreContractTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** 23:30 UTC on 1 March: already 2 March in Paris. */
    static final Instant PUBLISHED = Instant.parse("2030-03-01T23:30:00Z");
    static final LocalDate MARCH_1 = LocalDate.of(2030, 3, 1);
    static final LocalDate MARCH_2 = LocalDate.of(2030, 3, 2);
    static final LocalDate MARCH_3 = LocalDate.of(2030, 3, 3);

    @TempDir
    Path home;

    ConnectionPool pool;
    Store store;
    MetricsRepository metrics;
    Workspace ws;
    Account bsky;
    Account wp;

    abstract StoreSettings freshDatabase(Path home) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        StoreSettings settings = freshDatabase(home);
        pool = ConnectionPool.open(settings);
        store = Store.open(pool.dataSource(), settings.kind(), settings.location(), "node-test",
                StoreKey.fromFile(settings.keyFile()));
        metrics = store.metrics();
        ws = store.workspaces().create("Bakery", PARIS);
        bsky = store.accounts().create(ws.id(), "bluesky", "bakery.test", "https://bsky.social", AccountStatus.CONNECTED,
                Credentials.none());
        wp = store.accounts().create(ws.id(), "wordpress", "blog", "https://blog.test", AccountStatus.CONNECTED, Credentials.none());
    }

    @AfterEach
    void closeStore() {
        if (pool != null) {
            pool.close();
        }
    }

    static Reading post(String remoteId, String metric, Instant at, long value) {
        return new Reading(SubjectKind.POST, remoteId, null, PUBLISHED, metric, at, value);
    }

    static Reading followers(Instant at, long value) {
        return new Reading(SubjectKind.ACCOUNT, "", null, null, "followers", at, value);
    }

    /** Claims the account's collection and saves {@code readings} under that lease. */
    void collect(Account account, Instant now, Reading... readings) {
        List<Collection> leased = metrics.claimCollections("node-a", Set.of(account.platform()), now,
                now.plusSeconds(60), 10);
        assertTrue(leased.stream().anyMatch(c -> c.accountId().equals(account.id())), "leased " + leased);
        assertTrue(metrics.completeCollection("node-a", account.id(), List.of(readings), now.plusSeconds(3600), null));
    }

    @Test
    void readingsRollUpPerLocalDayAndEqualTheRawAggregation() {
        Instant t1 = Instant.parse("2030-03-02T10:00:00Z");
        Instant t2 = Instant.parse("2030-03-02T22:30:00Z"); // 23:30 in Paris: still 2 March
        Instant t3 = Instant.parse("2030-03-02T23:30:00Z"); // 00:30 on 3 March in Paris
        collect(bsky, t1, post("at://p1", "likes", t1, 10), post("at://p1", "replies", t1, 2), followers(t1, 100));
        collect(bsky, t2, post("at://p1", "likes", t2, 14), followers(t2, 103));
        collect(bsky, t3, post("at://p1", "likes", t3, 13), post("at://p1", "replies", t3, 5), followers(t3, 110));

        List<Daily> daily = metrics.daily(ws.id(), MARCH_1, LocalDate.of(2030, 3, 4));
        // The first readings of p1 count on its publication day, 2 March in Paris (10 likes, 2 replies);
        // then 14 - 10 = 4 more likes the same day; on 3 March 13 - 14 = -1 like and 5 - 2 = 3 replies.
        // Followers: the first reading adds nothing; 103 - 100 = 3 on 2 March (closing 103), 110 - 103 = 7
        // on 3 March (closing 110).
        assertEquals(List.of(
                new Daily(bsky.id(), MARCH_2, "followers", 3, 103L),
                new Daily(bsky.id(), MARCH_2, "likes", 14, null),
                new Daily(bsky.id(), MARCH_2, "replies", 2, null),
                new Daily(bsky.id(), MARCH_3, "followers", 7, 110L),
                new Daily(bsky.id(), MARCH_3, "likes", -1, null),
                new Daily(bsky.id(), MARCH_3, "replies", 3, null)), daily);
        assertEquals(daily, metrics.dailyFromSamples(ws.id(), MARCH_1, LocalDate.of(2030, 3, 4)));
        assertEquals(List.of(), metrics.daily(ws.id(), MARCH_3, MARCH_3), "an empty range");
        assertEquals(daily.subList(3, 6), metrics.daily(ws.id(), MARCH_3, LocalDate.of(2030, 3, 4)));

        metrics.rebuildRollups(ws.id());
        assertEquals(daily, metrics.daily(ws.id(), MARCH_1, LocalDate.of(2030, 3, 4)));
    }

    @Test
    void aRepeatedReadingIsSkippedAndALateOneRecomputesTheRollups() {
        Instant t1 = Instant.parse("2030-03-02T10:00:00Z");
        Instant t3 = Instant.parse("2030-03-04T10:00:00Z");
        collect(bsky, t1, post("at://p1", "likes", t1, 10));
        collect(bsky, t3, post("at://p1", "likes", t3, 30), post("at://p1", "likes", t1, 10));
        // A reading between the two arrives late: 25 likes on 3 March.
        Instant t2 = Instant.parse("2030-03-03T10:00:00Z");
        collect(bsky, t3.plusSeconds(7200), post("at://p1", "likes", t2, 25));

        List<Daily> daily = metrics.daily(ws.id(), MARCH_1, LocalDate.of(2030, 3, 5));
        assertEquals(List.of(
                new Daily(bsky.id(), MARCH_2, "likes", 10, null),
                new Daily(bsky.id(), MARCH_3, "likes", 15, null),
                new Daily(bsky.id(), LocalDate.of(2030, 3, 4), "likes", 5, null)), daily);
        assertEquals(daily, metrics.dailyFromSamples(ws.id(), MARCH_1, LocalDate.of(2030, 3, 5)));
        PostFigures p1 = metrics.posts(ws.id(), MARCH_1.atStartOfDay(PARIS).toInstant(), t3).get(0);
        assertEquals(Map.of("likes", 30L), p1.values(), "the newest reading stays the newest");
        assertEquals(t3, p1.measuredAt());
    }

    @Test
    void anAccountSeenForTheFirstTimeIsDueAtOnceWhateverTheClockPrecision() {
        // Nanoseconds, as the system clock gives them: the store keeps microseconds.
        Instant now = Instant.parse("2030-03-02T10:00:00.123456789Z");
        assertEquals(List.of(bsky.id()), metrics.claimCollections("node-a", Set.of("bluesky"), now,
                now.plusSeconds(60), 10).stream().map(Collection::accountId).toList());
    }

    @Test
    void aCollectionIsSavedOnlyByTheNodeHoldingItsLease() {
        Instant now = Instant.parse("2030-03-02T10:00:00Z");
        List<Collection> first = metrics.claimCollections("node-a", Set.of("bluesky"), now, now.plusSeconds(60), 10);
        assertEquals(List.of(bsky.id()), first.stream().map(Collection::accountId).toList(),
                "only accounts of the platforms asked for");
        assertEquals(List.of(), metrics.claimCollections("node-b", Set.of("bluesky"), now, now.plusSeconds(60), 10),
                "leased to node-a");
        assertFalse(metrics.completeCollection("node-b", bsky.id(), List.of(followers(now, 5)), now.plusSeconds(60),
                null));
        assertEquals(List.of(), metrics.daily(ws.id(), MARCH_1, MARCH_3), "nothing saved without the lease");

        assertTrue(metrics.completeCollection("node-a", bsky.id(), List.of(followers(now, 5)), now.plusSeconds(3600),
                "the network answered 503"));
        MetricsRepository.CollectionStatus status = metrics.collections(ws.id()).get(0);
        assertEquals("the network answered 503", status.lastError());
        assertEquals(1, status.failures());
        assertNull(status.lastCollectedAt(), "a failed collection is not a collection");
        assertEquals(List.of(), metrics.claimCollections("node-b", Set.of("bluesky"), now.plusSeconds(120),
                now.plusSeconds(180), 10), "not due before its next time");

        assertFalse(first.get(0).forced(), "a collection at its time is not forced");
        metrics.collectSoon(ws.id(), bsky.id());
        List<Collection> asked = metrics.claimCollections("node-b", Set.of("bluesky"), Instant.now().plusSeconds(1),
                Instant.now().plusSeconds(60), 10);
        assertEquals(1, asked.size(), "asked for again");
        assertTrue(asked.get(0).forced(), "a person asked for it");
        assertTrue(metrics.completeCollection("node-b", bsky.id(), List.of(), Instant.now().plusSeconds(2), null));
        assertFalse(metrics.claimCollections("node-c", Set.of("bluesky"), Instant.now().plusSeconds(3),
                Instant.now().plusSeconds(60), 10).get(0).forced(), "the forced collection is done");
        assertThrows(NoSuchElementException.class, () -> metrics.collectSoon("wsp_other", bsky.id()));

        store.accounts().create(ws.id(), "bluesky", "paused.test", "https://bsky.social", AccountStatus.NEEDS_RECONNECT,
                Credentials.none());
        assertEquals(List.of(), metrics.claimCollections("node-c", Set.of("bluesky"), now.plusSeconds(7200),
                now.plusSeconds(7260), 10).stream().filter(c -> !c.accountId().equals(bsky.id())).toList(),
                "an account that needs reconnection is not read");
    }

    @Test
    void publishedPostsAreTrackedAndReportedWithTheirText() {
        Instant due = Instant.parse("2030-03-02T08:00:00Z");
        StoredPost post = store.posts().create(ws.id(), new Plan(PostState.SCHEDULED, due, PARIS, null,
                List.of(new PostVariant(bsky.id(), "Fresh <b>bread</b>", List.of(), List.of())), "per_ann", "created"));
        assertEquals(1, store.dispatch().claimDue("node-a", due, due.plusSeconds(60), Set.of("bluesky"), Set.of(), 5)
                .size());
        assertEquals(1, store.dispatch().complete("node-a", List.of(new Published(post.id(), bsky.id(), "at://p9",
                "https://bsky.app/p9", due.plusSeconds(2)))));

        List<TrackedPost> tracked = metrics.trackedPosts(bsky.id(), due.minusSeconds(86_400));
        assertEquals(1, tracked.size());
        assertEquals("at://p9", tracked.get(0).remoteId());
        assertNull(tracked.get(0).lastMeasuredAt());
        assertEquals(List.of(), metrics.trackedPosts(bsky.id(), due.plusSeconds(60)), "published before 'since'");
        assertEquals(List.of(), metrics.trackedPosts(wp.id(), due.minusSeconds(86_400)), "another account");

        Instant at = due.plusSeconds(3600);
        collect(bsky, at, new Reading(SubjectKind.POST, "at://p9", post.id(), tracked.get(0).publishedAt(), "likes",
                at, 4));
        assertEquals(at, metrics.trackedPosts(bsky.id(), due.minusSeconds(86_400)).get(0).lastMeasuredAt());
        List<PostFigures> figures = metrics.posts(ws.id(), due, due.plusSeconds(86_400));
        assertEquals(1, figures.size());
        assertEquals("Fresh <b>bread</b>", figures.get(0).text());
        assertEquals("https://bsky.app/p9", figures.get(0).url());
        assertEquals(post.id(), figures.get(0).postId());
        assertEquals(Map.of("likes", 4L), figures.get(0).values());
        assertEquals(List.of(), metrics.posts(ws.id(), due.plusSeconds(60), due.plusSeconds(86_400)),
                "published before the period");
        PostFigures counters = metrics.postCounters(ws.id(), due, due.plusSeconds(86_400)).get(0);
        assertEquals(new PostFigures(bsky.id(), post.id(), "at://p9", figures.get(0).publishedAt(), null, null, at,
                Map.of("likes", 4L)), counters, "the same post and counters, without text and link");
    }

    @Test
    void rollupsFollowTheWorkspaceZoneWhenComputedAgain() throws Exception {
        Instant t1 = Instant.parse("2030-03-02T23:30:00Z"); // 3 March in Paris, 2 March in New York
        collect(bsky, t1, followers(t1, 50));
        assertEquals(MARCH_3, metrics.daily(ws.id(), MARCH_1, LocalDate.of(2030, 3, 5)).get(0).day());
        try (Connection connection = pool.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE workspace SET time_zone = ? WHERE id = ?")) {
            update.setString(1, "America/New_York");
            update.setString(2, ws.id());
            update.executeUpdate();
        }
        metrics.rebuildRollups(ws.id());
        List<Daily> daily = metrics.daily(ws.id(), MARCH_1, LocalDate.of(2030, 3, 5));
        assertEquals(List.of(new Daily(bsky.id(), MARCH_2, "followers", 0, 50L)), daily);
        assertEquals(daily, metrics.dailyFromSamples(ws.id(), MARCH_1, LocalDate.of(2030, 3, 5)));
    }

    @Test
    void oldSamplesGoWithoutChangingAnyFigure() {
        List<Reading> readings = new ArrayList<>();
        Instant start = Instant.parse("2030-03-02T10:00:00Z");
        for (int day = 0; day < 5; day++) {
            Instant at = start.plusSeconds(86_400L * day);
            readings.add(post("at://p1", "likes", at, 10L * (day + 1)));
        }
        collect(bsky, start, readings.toArray(Reading[]::new));
        LocalDate end = LocalDate.of(2030, 3, 10);
        List<Daily> before = metrics.daily(ws.id(), MARCH_1, end);
        int purged = metrics.purgeSamples(start.plusSeconds(86_400L * 3));
        assertEquals(2, purged, "the two oldest; the third stays as the base of the fourth");
        assertEquals(before, metrics.daily(ws.id(), MARCH_1, end));
        assertEquals(Map.of("likes", 50L), metrics.posts(ws.id(), PUBLISHED, end.atStartOfDay(PARIS).toInstant())
                .get(0).values());
    }

    @Test
    void objectivesAreNamedOncePerWorkspaceAndKeepTheirExactTarget() {
        ReportRepository reports = store.reports();
        Objective rate = reports.createObjective(ws.id(), new ObjectiveInput("Engagement", "ENGAGEMENT_RATE_BY_FOLLOWERS",
                "AT_LEAST", new BigDecimal("3.25"), "MONTH", null, "bluesky", null), "usr_a");
        Objective answered = reports.createObjective(ws.id(), new ObjectiveInput("Answered", "ANSWERED_WITHIN_TARGET",
                "AT_LEAST", new BigDecimal("90"), "WEEK", Duration.ofHours(2), null, bsky.id()), "usr_a");
        assertEquals(List.of(answered, rate), reports.objectives(ws.id()));
        assertEquals(0, new BigDecimal("3.25").compareTo(reports.objectives(ws.id()).get(1).target()));
        assertThrows(ConflictException.class, () -> reports.createObjective(ws.id(), new ObjectiveInput("Engagement",
                "NET_SENTIMENT", "AT_LEAST", BigDecimal.ONE, "MONTH", null, null, null), "usr_a"));
        Workspace other = store.workspaces().create("Other", PARIS);
        NoSuchElementException foreign = assertThrows(NoSuchElementException.class, () -> reports.createObjective(
                other.id(), new ObjectiveInput("Mine", "NET_SENTIMENT", "AT_LEAST", BigDecimal.ONE, "MONTH", null, null,
                        bsky.id()), "usr_b"));
        assertTrue(foreign.getMessage().startsWith("accountId:"), foreign.getMessage());
        assertFalse(reports.deleteObjective(other.id(), rate.id()), "not the other workspace's");
        assertTrue(reports.deleteObjective(ws.id(), rate.id()));
        assertEquals(List.of(answered), reports.objectives(ws.id()));
    }

    @Test
    void aScheduleRunsOnTheNodeHoldingItsLeaseAndCountsFailedAttempts() {
        ReportRepository reports = store.reports();
        Channel mail = store.alerts().createChannel(ws.id(), "email", "Mail", Credentials.of(Map.of("host", "smtp")),
                Instant.now());
        Instant first = Instant.parse("2030-03-04T07:00:00Z");
        Schedule weekly = reports.createSchedule(ws.id(), new ScheduleInput("Weekly", "WEEK", "pdf", mail.id(),
                List.of("a@example.test", "b@example.test"), true), first, "usr_a");
        assertEquals(List.of(weekly), reports.schedules(ws.id()));
        Workspace other = store.workspaces().create("Other", PARIS);
        assertThrows(NoSuchElementException.class, () -> reports.createSchedule(other.id(), new ScheduleInput("Theirs",
                "WEEK", "pdf", mail.id(), List.of("c@example.test"), true), first, "usr_b"));
        assertThrows(IllegalArgumentException.class, () -> reports.createSchedule(ws.id(), new ScheduleInput("None",
                "WEEK", "pdf", mail.id(), List.of(), true), first, "usr_a"));

        assertEquals(List.of(), reports.claimSchedules("node-a", first.minusSeconds(1), first.plusSeconds(60), 5));
        assertEquals(1, reports.claimSchedules("node-a", first, first.plusSeconds(60), 5).size());
        assertEquals(List.of(), reports.claimSchedules("node-b", first, first.plusSeconds(60), 5), "leased");
        assertFalse(reports.completeSchedule("node-b", weekly.id(), first.plusSeconds(300), first, "late"));
        assertTrue(reports.completeSchedule("node-a", weekly.id(), first.plusSeconds(300), first, "SMTP refused"));
        Schedule failed = reports.schedules(ws.id()).get(0);
        assertEquals(1, failed.attempts());
        assertEquals("SMTP refused", failed.lastError());
        assertNull(failed.lastRunAt());
        assertEquals(1, reports.claimSchedules("node-b", first.plusSeconds(300), first.plusSeconds(360), 5).size(),
                "tried again when due");
        Instant next = Instant.parse("2030-03-11T07:00:00Z");
        assertTrue(reports.completeSchedule("node-b", weekly.id(), next, first.plusSeconds(301), null));
        Schedule sent = reports.schedules(ws.id()).get(0);
        assertEquals(0, sent.attempts());
        assertEquals(next, sent.nextRunAt());
        assertEquals(first.plusSeconds(301), sent.lastRunAt());
        assertEquals(List.of("a@example.test", "b@example.test"), sent.recipients());
    }

    @Test
    void aShareLinkIsFoundByItsHashUntilItExpiresOrIsRevoked() {
        ReportRepository reports = store.reports();
        Instant from = Instant.parse("2030-03-01T00:00:00Z");
        Instant expires = Instant.parse("2030-04-01T00:00:00Z");
        Share share = reports.createShare(ws.id(), "a".repeat(64), from, from.plusSeconds(86_400 * 7), expires, "usr_a");
        Share found = reports.shareByHash("a".repeat(64)).orElseThrow();
        assertEquals(share, found);
        assertTrue(found.opensAt(expires.minusSeconds(1)));
        assertFalse(found.opensAt(expires), "expired");
        assertTrue(reports.shareByHash("b".repeat(64)).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> reports.createShare(ws.id(), "c".repeat(64), from, from,
                expires, "usr_a"));
        Workspace other = store.workspaces().create("Other", PARIS);
        assertFalse(reports.revokeShare(other.id(), share.id(), from), "not the other workspace's");
        assertTrue(reports.revokeShare(ws.id(), share.id(), from.plusSeconds(60)));
        assertFalse(reports.shareByHash("a".repeat(64)).orElseThrow().opensAt(from.plusSeconds(120)));
        assertEquals(1, reports.shares(ws.id()).size());
    }

    @Test
    void mentionsAreCountedPerLocalDayAndSentiment() {
        ListeningRepository listening = store.listening();
        Source feed = listening.createSource(ws.id(), "feed", "Press", Credentials.none(), PUBLISHED);
        Instant received = Instant.parse("2030-03-05T00:00:00Z");
        assertEquals(1, listening.claim("node-test", received, received.plusSeconds(60), 10).size());
        List<Incoming> incoming = new ArrayList<>();
        String[][] mentions = {
                {"2030-03-01T22:59:00Z", "negative"}, // 23:59 on 1 March in Paris
                {"2030-03-01T23:01:00Z", "negative"}, // 00:01 on 2 March
                {"2030-03-02T10:00:00Z", "positive"},
                {"2030-03-02T11:00:00Z", null},
                {"2030-03-02T12:00:00Z", "neutral"},
                {"2030-03-04T12:00:00Z", "positive"}}; // after the period
        for (String[] m : mentions) {
            Map<String, String> annotations = m[1] == null ? Map.of() : Map.of(Mention.SENTIMENT, m[1]);
            incoming.add(new Incoming(new Mention("m-" + m[0], "feed", null, "someone", "bread", Instant.parse(m[0]),
                    null, annotations), List.of(), false));
        }
        listening.completePoll(feed.id(), "node-test", null, incoming, received, received).orElseThrow();

        Instant from = MARCH_1.atStartOfDay(PARIS).toInstant();
        Instant to = MARCH_3.atStartOfDay(PARIS).toInstant();
        assertEquals(List.of(new ReportRepository.SentimentDay(MARCH_1, 0, 0, 1, 0),
                new ReportRepository.SentimentDay(MARCH_2, 1, 1, 1, 1)),
                store.reports().sentimentByDay(ws.id(), from, to, PARIS));
        assertEquals(List.of(), store.reports().sentimentByDay(ws.id(), to, to.plusSeconds(3600), PARIS));
        assertEquals(List.of(), store.reports().inboxTimings(ws.id(), from, to), "none went to the inbox");
    }

    @Test
    void theShareOfVoiceCountsEachBrandMentionOnceAndEveryCompetitorQuery() {
        ListeningRepository listening = store.listening();
        ReportRepository reports = store.reports();
        Instant from = MARCH_1.atStartOfDay(PARIS).toInstant();
        Instant to = MARCH_3.atStartOfDay(PARIS).toInstant();
        assertEquals(new ReportRepository.Voices(List.of(), 0, Map.of()), reports.voices(ws.id(), from, to),
                "no query marked");

        Query brand = listening.createQuery(ws.id(), "Brand", "bakery", Voice.BRAND, "usr_a");
        Query brandFr = listening.createQuery(ws.id(), "Brand FR", "boulangerie", Voice.BRAND, "usr_a");
        Query rival = listening.createQuery(ws.id(), "Rival", "rival", Voice.COMPETITOR, "usr_a");
        listening.createQuery(ws.id(), "Quiet rival", "nobody", Voice.COMPETITOR, "usr_a");
        Query plain = listening.createQuery(ws.id(), "Bread", "bread", "usr_a");
        assertNull(plain.voice());
        assertEquals(Voice.COMPETITOR, rival.voice());
        Workspace other = store.workspaces().create("Other", PARIS);
        Query foreign = listening.createQuery(other.id(), "Brand", "bakery", Voice.BRAND, "usr_b");

        Source feed = listening.createSource(ws.id(), "feed", "Press", Credentials.none(), PUBLISHED);
        Source otherFeed = listening.createSource(other.id(), "feed", "Press", Credentials.none(), PUBLISHED);
        Instant received = Instant.parse("2030-03-05T00:00:00Z");
        assertEquals(2, listening.claim("node-test", received, received.plusSeconds(60), 10).size());
        Object[][] mentions = {
                {"2030-03-01T10:00:00Z", List.of(brand.id(), brandFr.id())}, // one brand mention, two queries
                {"2030-03-01T11:00:00Z", List.of(brand.id(), rival.id(), plain.id())},
                {"2030-03-02T10:00:00Z", List.of(rival.id())},
                {"2030-03-02T11:00:00Z", List.of(rival.id())},
                {"2030-03-02T12:00:00Z", List.of(plain.id())},
                {"2030-03-04T12:00:00Z", List.of(brand.id(), rival.id())}}; // after the period
        List<Incoming> incoming = new ArrayList<>();
        for (Object[] m : mentions) {
            @SuppressWarnings("unchecked")
            List<String> queries = (List<String>) m[1];
            incoming.add(new Incoming(new Mention("m-" + m[0], "feed", null, "someone", "text", Instant.parse(
                    (String) m[0]), null, Map.of()), queries, false));
        }
        listening.completePoll(feed.id(), "node-test", null, incoming, received, received).orElseThrow();
        listening.completePoll(otherFeed.id(), "node-test", null, List.of(new Incoming(new Mention("x", "feed", null,
                "someone", "bakery", Instant.parse("2030-03-01T10:00:00Z"), null, Map.of()), List.of(foreign.id()),
                false)), received, received).orElseThrow();

        assertEquals(new ReportRepository.Voices(List.of("Brand", "Brand FR"), 2, Map.of("Rival", 3L,
                "Quiet rival", 0L)), reports.voices(ws.id(), from, to));
        assertEquals(new ReportRepository.Voices(List.of("Brand"), 1, Map.of()), reports.voices(other.id(), from, to));

        listening.updateQuery(ws.id(), brandFr.id(), "Brand FR", "boulangerie", null).orElseThrow();
        listening.updateQuery(ws.id(), plain.id(), "Bread", "bread", Voice.COMPETITOR).orElseThrow();
        assertEquals(new ReportRepository.Voices(List.of("Brand"), 2, Map.of("Rival", 3L, "Quiet rival", 0L,
                "Bread", 2L)), reports.voices(ws.id(), from, to), "marks changed: the same matches count anew");
    }
}
