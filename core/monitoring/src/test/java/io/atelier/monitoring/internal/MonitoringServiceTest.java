package io.atelier.monitoring.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atelier.api.monitoring.Alert;
import io.atelier.api.monitoring.AlertSink;
import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionEnricher;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.monitoring.MentionSource;
import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.ModerationAction;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.platform.ReplyRequest;
import io.atelier.api.post.PostVariant;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;
import io.atelier.api.workspace.Workspace;
import io.atelier.monitoring.InvalidQueryException;
import io.atelier.monitoring.internal.alert.AlertEvaluator;
import io.atelier.scheduling.Platforms;
import io.atelier.api.team.Person;
import io.atelier.api.team.Role;
import io.atelier.monitoring.internal.moderation.CharterPolicy;
import io.atelier.monitoring.internal.moderation.Moderator;
import io.atelier.scheduling.NotAnApproverException;
import io.atelier.scheduling.TextPolicy;
import io.atelier.store.AlertRepository;
import io.atelier.store.ApprovalRepository;
import io.atelier.store.ConflictException;
import io.atelier.store.ModerationRepository;
import io.atelier.store.ModerationRepository.Action;
import io.atelier.store.ModerationRepository.RuleInput;
import io.atelier.store.AlertRepository.AlertFilter;
import io.atelier.store.AlertRepository.Channel;
import io.atelier.store.AlertRepository.Delivery;
import io.atelier.store.AlertRepository.DeliveryState;
import io.atelier.store.AlertRepository.Rule;
import io.atelier.store.AlertRepository.StoredAlert;
import io.atelier.store.InboxRepository.Item;
import io.atelier.store.InboxRepository.ItemFilter;
import io.atelier.store.InboxRepository.Reply;
import io.atelier.store.InboxRepository.ReplyState;
import io.atelier.store.InboxRepository.Status;
import io.atelier.store.ListeningRepository.MentionFilter;
import io.atelier.store.ListeningRepository.Query;
import io.atelier.store.ListeningRepository.Source;
import io.atelier.store.ListeningRepository.SourceStatus;
import io.atelier.store.ListeningRepository.StoredMention;
import io.atelier.store.internal.ConnectionPool;
import io.atelier.store.internal.DatabaseKind;
import io.atelier.store.internal.Store;
import io.atelier.store.internal.StoreKey;
import io.atelier.store.internal.StoreSettings;

/**
 * The monitoring service on a real H2 store, with sources and a network written
 * for the test in this JVM (plugins in all but packaging): mentions go through
 * enrichers and queries into the store and the inbox, failing and hanging sources
 * are isolated and say why, answers are sent once.
 */
class MonitoringServiceTest {

    static final Instant T0 = Instant.parse("2030-05-04T10:00:00Z");
    static final AlertSettings ALERTS = new AlertSettings(Duration.ofSeconds(60), Duration.ofSeconds(1),
            "https://atelier.test/");

    @TempDir
    Path dir;

    ConnectionPool pool;
    Store store;
    MutableClock clock = new MutableClock(T0);
    Network network = new Network();
    ScriptedSource feed = new ScriptedSource();
    RecordingSink sink = new RecordingSink();
    MonitoringService service;
    Workspace ws;
    Account account;

    @BeforeEach
    void open() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        StoreSettings settings = new StoreSettings(DatabaseKind.H2, "jdbc:h2:file:" + dir.resolve("atelier"), "", "",
                10, dir, dir.resolve("key"), Base64.getEncoder().encodeToString(key), "node-1");
        pool = ConnectionPool.open(settings);
        store = Store.open(pool.dataSource(), settings.kind(), settings.url(), "node-1",
                StoreKey.fromBase64(settings.key(), "test key"));
        ws = store.workspaces().create("Bakery", ZoneId.of("Europe/Paris"));
        account = store.accounts().create(ws.id(), "chatter", "bakery", "https://chatter.test",
                AccountStatus.CONNECTED, Credentials.of(Map.of("token", "t")));
        service = service("node-1", new ListeningSettings(true, Duration.ofSeconds(60), Duration.ofMinutes(10),
                Duration.ofSeconds(2), 4));
    }

    MonitoringService service(String node, ListeningSettings settings) {
        MonitoringService created = new MonitoringService(store.listening(), store.inbox(), store.accounts(),
                store.media(), store.alerts(), store.moderation(), store.approvals(), network.platforms(), node, settings,
                ALERTS, clock);
        created.sourcePlugins().add("feed-plugin", 0, feed, "test bundle");
        created.sinkPlugins().add("hook-plugin", 0, sink, "test bundle");
        created.enrichers().add("lang", 100, m -> Map.of(Mention.LANGUAGE, m.text().contains("le ") ? "fr" : "en"),
                "test bundle");
        return created;
    }

    @AfterEach
    void close() {
        service.deactivate();
        pool.close();
    }

    static Mention mention(String id, String source, String text) {
        return new Mention(id, source, "https://example.test/" + id, "@ann", text, T0.minusSeconds(60), null,
                Map.of());
    }

    List<Item> items() {
        return store.inbox().items(ws.id(), new ItemFilter(null, null, null, 100));
    }

    @Test
    void mentionsAreEnrichedMatchedStoredOnceAndTheNeedfulOnesGoToTheInbox() {
        Query french = service.createQuery(ws.id(), "Brand in French", "croissant lang:fr", "usr_a");
        service.addSource(ws.id(), "feed", "Press", Map.of("url", "https://press.test/feed"));
        network.pages.add(new MentionPage(List.of(mention("n1", "chatter", "Where is my order?")), "c1"));
        feed.pages.add(new MentionPage(List.of(mention("f1", "feed", "le croissant du jour"),
                mention("f2", "feed", "unrelated news")), "etag-1"));

        assertEquals(2, service.pollDue(), "the account's source and the feed");
        List<StoredMention> stored = store.listening().mentions(ws.id(), new MentionFilter(null, null, null, 50));
        assertEquals(Set.of("n1", "f1", "f2"), ids(stored));
        StoredMention f1 = byId(stored, "f1");
        assertEquals("fr", f1.mention().annotations().get(Mention.LANGUAGE), "enriched before matching");
        assertEquals(List.of(french.id()), f1.queryIds());
        assertEquals(Set.of("n1", "f1"), items().stream().map(i -> i.mention().mention().id())
                .collect(java.util.stream.Collectors.toSet()),
                "an account's mention and a matched feed entry need a person; an unmatched entry does not");
        assertEquals(List.of("https://press.test/feed"), feed.settingsSeen.stream().map(s -> s.get("url")).toList());

        // The next polls pass each source its cursor; what comes again is stored once.
        clock.advance(Duration.ofMinutes(2));
        network.pages.add(new MentionPage(List.of(mention("n1", "chatter", "Where is my order?"),
                mention("n2", "chatter", "Thanks!")), "c2"));
        feed.pages.add(new MentionPage(List.of(mention("f1", "feed", "le croissant du jour")), "etag-2"));
        assertEquals(2, service.pollDue());
        assertEquals(List.of("c1"), network.cursorsSeen.subList(1, 2));
        assertEquals("etag-1", feed.cursorsSeen.get(1));
        assertEquals(4, store.listening().mentions(ws.id(), new MentionFilter(null, null, null, 50)).size());
        assertEquals(3, items().size());
    }

    @Test
    void aQueryIsCheckedWithThePositionOfItsProblemAndPreviewedOnStoredMentions() {
        InvalidQueryException bad = assertThrows(InvalidQueryException.class,
                () -> service.createQuery(ws.id(), "Bad", "croissant (beurre OR", "usr_a"));
        assertEquals(18, bad.position(), "at the OR with nothing on its right");
        assertTrue(bad.getMessage().contains("OR"), bad.getMessage());
        assertTrue(store.listening().queries(ws.id()).isEmpty(), "nothing stored");

        network.pages.add(new MentionPage(List.of(mention("n1", "chatter", "Un croissant au beurre"),
                mention("n2", "chatter", "Une baguette"), mention("n3", "chatter", "CROISSANT aux amandes")), "c"));
        service.pollDue();
        assertEquals(Set.of("n1", "n3"), ids(service.preview(ws.id(), "croissant*", 10)));
        assertEquals(1, service.preview(ws.id(), "croissant*", 1).size());
        assertTrue(service.preview(ws.id(), "brioche", 10).isEmpty());
    }

    @Test
    void aHangingSourceIsAbandonedAndMarkedFailingWhileTheOthersArePolled() throws Exception {
        Source hanging = service.addSource(ws.id(), "feed", "Slow site", Map.of("url", "https://slow.test"));
        feed.hang = new CountDownLatch(1);
        network.pages.add(new MentionPage(List.of(mention("n1", "chatter", "hello")), "c1"));

        assertEquals(2, service.pollDue());
        Source failing = store.listening().source(ws.id(), hanging.id()).orElseThrow();
        assertEquals(SourceStatus.FAILING, failing.status());
        assertEquals("the source did not answer within 2 s", failing.lastError());
        assertTrue(feed.interrupted.await(5, TimeUnit.SECONDS), "the hanging call is interrupted");
        assertEquals(Set.of("n1"), ids(store.listening().mentions(ws.id(), new MentionFilter(null, null, null, 9))));
        assertTrue(failing.nextPollAt().isAfter(T0.plusSeconds(53)), "polled again later, not at once");
    }

    @Test
    void aSourceThatThrowsSaysWhyAndBacksOffWhileABrokenEnricherCostsOnlyItsAnnotations() {
        Source broken = service.addSource(ws.id(), "feed", "Broken", Map.of("url", "https://broken.test"));
        feed.failure = new IllegalStateException("the feed ends in the middle of an element (line 3)");
        service.enrichers().add("bad", 500, m -> {
            throw new NullPointerException("bug in a plugin");
        }, "bad bundle");
        network.pages.add(new MentionPage(List.of(mention("n1", "chatter", "le pain")), "c1"));

        service.pollDue();
        Source failing = store.listening().source(ws.id(), broken.id()).orElseThrow();
        assertEquals("IllegalStateException: the feed ends in the middle of an element (line 3)",
                failing.lastError());
        assertEquals(1, failing.failures());
        StoredMention n1 = store.listening().mentions(ws.id(), new MentionFilter(null, null, null, 9)).get(0);
        assertEquals("fr", n1.mention().annotations().get(Mention.LANGUAGE), "the other enricher still ran");

        Duration first = Duration.between(clock.instant(), failing.nextPollAt());
        clock.set(failing.nextPollAt());
        service.pollDue();
        Source again = store.listening().source(ws.id(), broken.id()).orElseThrow();
        assertEquals(2, again.failures());
        Duration second = Duration.between(clock.instant(), again.nextPollAt());
        assertTrue(second.toMillis() > first.toMillis() * 1.5, "the pause doubles: " + first + " then " + second);
    }

    @Test
    void aRateLimitedSourceWaitsWhatTheNetworkAskedAndExpiredCredentialsAskForReconnection() {
        network.failure = new RateLimitedException("slow down", Duration.ofMinutes(7));
        service.pollDue();
        Source source = store.listening().sources(ws.id()).get(0);
        Duration wait = Duration.between(T0, source.nextPollAt());
        assertTrue(wait.compareTo(Duration.ofMinutes(6)) > 0 && wait.compareTo(Duration.ofMinutes(8)) < 0,
                "about 7 minutes: " + wait);

        clock.set(source.nextPollAt());
        network.failure = new AuthExpiredException("token revoked");
        service.pollDue();
        assertEquals(AccountStatus.NEEDS_RECONNECT,
                store.accounts().find(ws.id(), account.id()).orElseThrow().status());
        clock.set(store.listening().sources(ws.id()).get(0).nextPollAt());
        network.failure = null;
        service.pollDue();
        assertEquals("the account needs reconnecting in Accounts",
                store.listening().sources(ws.id()).get(0).lastError(), "not polled with refused credentials");
    }

    @Test
    void anAnswerIsSentOnceAndItsOutcomeRecorded() throws Exception {
        network.pages.add(new MentionPage(List.of(mention("n1", "chatter", "Where is my order?"),
                mention("n2", "chatter", "And mine?")), "c1"));
        service.pollDue();
        Item n1 = items().stream().filter(i -> i.mention().mention().id().equals("n1")).findFirst().orElseThrow();
        Item n2 = items().stream().filter(i -> i.mention().mention().id().equals("n2")).findFirst().orElseThrow();

        clock.advance(Duration.ofMinutes(30));
        Reply sending = service.reply(ws.id(), n1.id(), "usr_a", "It left this morning");
        Reply sent = await(sending);
        assertEquals(ReplyState.SENT, sent.state());
        assertEquals(List.of(new ReplyRequest(sending.id(), "n1", "It left this morning")), network.replies);
        Item answered = store.inbox().item(ws.id(), n1.id()).orElseThrow();
        assertEquals(Status.ANSWERED, answered.status());
        assertEquals(T0.plus(Duration.ofMinutes(30)), answered.firstResponseAt());

        network.replyFailure = new OutcomeUnknownException("timed out after sending");
        Reply unknown = await(service.reply(ws.id(), n2.id(), "usr_a", "Soon"));
        assertEquals(ReplyState.UNKNOWN, unknown.state());
        assertTrue(unknown.error().contains("check on the network"), unknown.error());
        assertNull(store.inbox().item(ws.id(), n2.id()).orElseThrow().firstResponseAt());
        assertEquals(2, network.replies.size(), "called once for each answer, never again by itself");

        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> service.reply(ws.id(), n2.id(), "usr_a", " "));
        assertTrue(empty.getMessage().startsWith("text"));
    }

    @Test
    void aFeedEntryCannotBeAnsweredFromTheInboxAndSourcesNeedTheirSettings() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> service.addSource(ws.id(), "feed", "No URL", Map.of()));
        assertEquals("settings.url: Feed address is required", missing.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> service.addSource(ws.id(), "feed", "Extra", Map.of("url", "https://x.test", "urll", "typo")));
        assertTrue(unknown.getMessage().startsWith("settings.urll"), unknown.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> service.addSource(ws.id(), "reviews", "Nope", Map.of())).getMessage().startsWith("kind"));

        service.createQuery(ws.id(), "All", "croissant", "usr_a");
        service.addSource(ws.id(), "feed", "Press", Map.of("url", "https://press.test/feed"));
        feed.pages.add(new MentionPage(List.of(mention("f1", "feed", "croissant")), "e"));
        service.pollDue();
        Item entry = items().get(0);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> service.reply(ws.id(), entry.id(), "usr_a", "Merci"));
        assertTrue(refused.getMessage().startsWith("text: Press is a listening source"), refused.getMessage());
        assertTrue(store.inbox().replies(ws.id(), entry.id()).isEmpty(), "nothing recorded");
    }

    @Test
    void twoNodesShareTheSourcesAndNeverPollOneTwiceAtOnce() throws Exception {
        for (int i = 0; i < 6; i++) {
            service.addSource(ws.id(), "feed", "Feed " + i, Map.of("url", "https://f" + i + ".test"));
        }
        feed.slow = Duration.ofMillis(200);
        MonitoringService other = service("node-2", new ListeningSettings(true, Duration.ofSeconds(60),
                Duration.ofMinutes(10), Duration.ofSeconds(5), 4));
        try {
            Thread a = new Thread(service::pollDue);
            Thread b = new Thread(other::pollDue);
            a.start();
            b.start();
            a.join();
            b.join();
            service.pollDue();
            other.pollDue();
        } finally {
            other.deactivate();
        }
        assertEquals(7, feed.cursorsSeen.size() + network.cursorsSeen.size(),
                "6 feeds and the account, each polled once: its next poll is a minute away");
    }

    // --- helpers ---

    Reply await(Reply sending) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Optional<Reply> now = store.inbox().replies(ws.id(), sending.itemId()).stream()
                    .filter(r -> r.id().equals(sending.id()) && r.state() != ReplyState.SENDING).findFirst();
            if (now.isPresent()) {
                return now.get();
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the answer is still sending");
    }

    // --- alerts

    /** Mentions published at the given instants, all saying {@code text}, from one poll of the feed. */
    void feedGives(String text, String sentiment, Instant... published) {
        List<Mention> mentions = new java.util.ArrayList<>();
        for (Instant at : published) {
            mentions.add(new Mention("e" + (++entries), "feed", "https://press.test/" + entries, "@ann", text, at,
                    null, sentiment == null ? Map.of() : Map.of(Mention.SENTIMENT, sentiment)));
        }
        feed.pages.add(new MentionPage(mentions, "etag-" + entries));
        clock.advance(Duration.ofMinutes(2)); // past the poll interval and its jitter
        service.pollDue();
        assertTrue(feed.pages.isEmpty(), "the feed was polled");
    }

    int entries;

    static Instant[] times(Instant from, int count, Duration step) {
        Instant[] times = new Instant[count];
        for (int i = 0; i < count; i++) {
            times[i] = from.plus(step.multipliedBy(i));
        }
        return times;
    }

    @Test
    void aKeywordRuleAlertsOnceWithItsEvidenceWaitsOutItsCoolDownAndTheChannelGetsIt() throws Exception {
        Query brand = service.createQuery(ws.id(), "Brand", "bakery", "usr_a");
        service.addSource(ws.id(), "feed", "Press", Map.of("url", "https://press.test/feed"));
        AlertRepository alerts = store.alerts();
        Rule rule = alerts.createRule(ws.id(), "Brand news", AlertRepository.KEYWORD, brand.id(),
                Duration.ofMinutes(30), "usr_a", clock.instant());
        Channel hook = service.addChannel(ws.id(), "hook", "Team hook", Map.of("url", "https://hooks.test/1"));
        feedGives("the bakery is on TV", null, T0, T0.plusSeconds(5));
        feedGives("unrelated", null, T0);

        clock.advance(Duration.ofSeconds(20));
        assertEquals(1, service.evaluateAlerts());
        StoredAlert raised = alerts.alerts(ws.id(), new AlertFilter(null, null, 10)).get(0);
        assertEquals("2 new mentions match \"Brand\"", raised.title());
        assertEquals(2, raised.mentionIds().size(), "the two that matched, not the unrelated one");
        assertEquals(1, sink.delivered.size(), "delivered in the same round");
        Alert delivered = sink.delivered.get(0);
        assertEquals(raised.id(), delivered.id());
        assertEquals(Set.of("the bakery is on TV"), delivered.evidence().stream().map(Mention::text)
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals("https://atelier.test/#/view/alerts?ws=" + ws.id() + "&id=" + raised.id(), delivered.link());
        assertEquals("https://hooks.test/1", sink.settingsSeen.get(0).get("url"));
        assertEquals(DeliveryState.SENT, alerts.deliveries(raised.id()).get(0).state());
        assertEquals(hook.id(), alerts.deliveries(raised.id()).get(0).channelId());

        // Within the cool-down, new matches wait; a node started since knows the last alert from the store.
        feedGives("bakery again", null, T0);
        service.deactivate();
        service = service("node-2", ListeningSettings.DEFAULT);
        clock.advance(Duration.ofMinutes(5));
        assertEquals(0, service.evaluateAlerts(), "cooling down");
        clock.advance(Duration.ofMinutes(30));
        assertEquals(1, service.evaluateAlerts(), "the cool-down is over");
        StoredAlert next = alerts.alerts(ws.id(), new AlertFilter(null, null, 10)).get(0);
        assertEquals("A new mention matches \"Brand\"", next.title(), "the one that waited, counted once");
        clock.advance(Duration.ofHours(2));
        assertEquals(0, service.evaluateAlerts(), "nothing new");
        assertEquals(2, sink.delivered.size());
        assertEquals(rule.id(), next.ruleId());
    }

    @Test
    void aSpikeAlertsOnABurstAgainstTheSameHourOfPastWeeksButNotWithoutHistory() {
        Query brand = service.createQuery(ws.id(), "Brand", "bakery", "usr_a");
        service.addSource(ws.id(), "feed", "Press", Map.of("url", "https://press.test/feed"));
        AlertRepository alerts = store.alerts();
        Instant now = T0.plus(Duration.ofDays(28)).plusSeconds(120);
        // The burst alone, with no week of history behind it: no baseline, no alert.
        feedGives("bakery bakery", null, times(now.minus(Duration.ofMinutes(50)), 30, Duration.ofMinutes(1)));
        alerts.createRule(ws.id(), "Volume", AlertRepository.SPIKE, brand.id(), Duration.ofHours(6), "usr_a",
                clock.instant());
        clock.set(now);
        assertEquals(0, service.evaluateAlerts(), "less than a week of history");

        // Four weeks of the same hour with 2 mentions each: now the burst is 15 times the usual.
        for (int week = 1; week <= 4; week++) {
            feedGives("bakery", null, times(now.minus(Duration.ofDays(7L * week)).minus(Duration.ofMinutes(30)), 2,
                    Duration.ofMinutes(10)));
        }
        assertEquals(1, service.evaluateAlerts());
        StoredAlert spike = alerts.alerts(ws.id(), new AlertFilter(null, null, 10)).get(0);
        assertEquals("Spike on \"Brand\": 30 mentions in the last hour, usually 2", spike.title());
        assertEquals(AlertEvaluator.EVIDENCE, spike.mentionIds().size(), "the newest, up to the limit");
        assertTrue(spike.message().contains("15 times"), spike.message());
    }

    @Test
    void aNegativeSurgeOfTheWholeWorkspaceShowsTheNegativeMentions() {
        service.addSource(ws.id(), "feed", "Press", Map.of("url", "https://press.test/feed"));
        AlertRepository alerts = store.alerts();
        Instant now = T0.plus(Duration.ofDays(8));
        // The week before: 100 mentions, 10 negative.
        feedGives("fine", "neutral", times(now.minus(Duration.ofDays(6)), 90, Duration.ofMinutes(30)));
        feedGives("meh", "negative", times(now.minus(Duration.ofDays(5)), 10, Duration.ofMinutes(30)));
        // The last three hours: 30 mentions, 20 negative.
        feedGives("awful", "negative", times(now.minus(Duration.ofHours(2)), 20, Duration.ofMinutes(5)));
        feedGives("ok", "positive", times(now.minus(Duration.ofHours(2)), 10, Duration.ofMinutes(5)));
        alerts.createRule(ws.id(), "Bad buzz", AlertRepository.NEGATIVE_SURGE, null, Duration.ofHours(6), "usr_a",
                clock.instant());
        clock.set(now);
        assertEquals(1, service.evaluateAlerts());
        StoredAlert surge = alerts.alerts(ws.id(), new AlertFilter(null, null, 10)).get(0);
        assertEquals("Bad buzz on the workspace: 67 % negative in the last 3 hours, usually 10 %", surge.title());
        List<StoredMention> evidence = surge.mentionIds().stream()
                .map(id -> store.listening().mention(ws.id(), id).orElseThrow()).toList();
        assertEquals(Set.of("awful"), evidence.stream().map(m -> m.mention().text())
                .collect(java.util.stream.Collectors.toSet()), "the negative mentions of the window");
    }

    @Test
    void aFailingSinkIsTriedAgainWithGrowingPausesARefusingOneIsNotAndAHangingOneIsAbandoned() throws Exception {
        Query brand = service.createQuery(ws.id(), "Brand", "bakery", "usr_a");
        service.addSource(ws.id(), "feed", "Press", Map.of("url", "https://press.test/feed"));
        AlertRepository alerts = store.alerts();
        alerts.createRule(ws.id(), "News", AlertRepository.KEYWORD, brand.id(), Duration.ZERO, "usr_a",
                clock.instant());
        service.addChannel(ws.id(), "hook", "Hook", Map.of("url", "https://hooks.test/down"));
        sink.failure = new RetryableException("HTTP 503 from hooks.test");
        feedGives("bakery", null, T0);
        clock.advance(Duration.ofSeconds(20));
        assertEquals(1, service.evaluateAlerts());
        String alertId = alerts.alerts(ws.id(), new AlertFilter(null, null, 1)).get(0).id();
        Delivery first = alerts.deliveries(alertId).get(0);
        assertEquals(DeliveryState.PENDING, first.state());
        assertEquals("HTTP 503 from hooks.test", first.lastError());
        assertEquals(clock.instant().plus(Duration.ofMinutes(1)), first.nextAttemptAt());
        for (int attempt = 2; attempt <= Alerting.ATTEMPTS; attempt++) {
            Delivery before = alerts.deliveries(alertId).get(0);
            clock.set(before.nextAttemptAt().minusSeconds(1));
            service.evaluateAlerts();
            assertEquals(attempt - 1, alerts.deliveries(alertId).get(0).attempts(), "not due yet");
            clock.set(before.nextAttemptAt());
            service.evaluateAlerts();
        }
        Delivery last = alerts.deliveries(alertId).get(0);
        assertEquals(DeliveryState.FAILED, last.state(), "given up after " + Alerting.ATTEMPTS + " attempts");
        assertEquals(Alerting.ATTEMPTS, last.attempts());
        assertEquals(Alerting.ATTEMPTS, sink.calls.get());

        // A sink that refuses its settings is not tried again; one that hangs is abandoned and tried again.
        sink.failure = new RejectedException("the webhook address was refused (HTTP 404)");
        feedGives("bakery", null, clock.instant());
        clock.advance(Duration.ofSeconds(20));
        assertEquals(1, service.evaluateAlerts());
        Delivery refused = alerts.deliveries(alerts.alerts(ws.id(), new AlertFilter(null, null, 1)).get(0).id())
                .get(0);
        assertEquals(DeliveryState.FAILED, refused.state());
        assertEquals("refused: the webhook address was refused (HTTP 404)", refused.lastError());

        sink.failure = null;
        sink.hang = new CountDownLatch(1);
        feedGives("bakery", null, clock.instant());
        clock.advance(Duration.ofSeconds(20));
        assertEquals(1, service.evaluateAlerts());
        Delivery hung = alerts.deliveries(alerts.alerts(ws.id(), new AlertFilter(null, null, 1)).get(0).id()).get(0);
        assertEquals(DeliveryState.PENDING, hung.state());
        assertEquals("did not answer within 1 s", hung.lastError());
        assertTrue(sink.interrupted.await(5, TimeUnit.SECONDS), "the hanging call is interrupted");
    }

    @Test
    void aChannelNeedsAnInstalledSinkAndItsSettingsAndCanBeTested() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> service.addChannel(ws.id(), "pager", "Pager", Map.of()));
        assertEquals("sink: no installed plugin provides the alert sink 'pager'", unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> service.addChannel(ws.id(), "hook", "Hook", Map.of()));
        assertEquals("settings.url: Webhook address is required", missing.getMessage());
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
                () -> service.addChannel(ws.id(), "hook", "Hook", Map.of("url", "https://x", "colour", "red")));
        assertEquals("settings.colour: a Test hook has no such setting", extra.getMessage());

        Channel hook = service.addChannel(ws.id(), "hook", "Hook", Map.of("url", " https://hooks.test/2 "));
        assertTrue(service.testChannel(ws.id(), hook.id()).isEmpty(), "delivered");
        assertEquals("test", sink.delivered.get(0).kind());
        assertEquals("https://hooks.test/2", sink.settingsSeen.get(0).get("url"), "kept stripped");
        sink.failure = new RetryableException("HTTP 500");
        assertEquals(Optional.of("HTTP 500"), service.testChannel(ws.id(), hook.id()));
        assertEquals(List.of("hook"), service.sinkKinds().stream().map(k -> k.id()).toList());
        assertThrows(java.util.NoSuchElementException.class, () -> service.testChannel(ws.id(), "chn_none"));
    }

    @Test
    void anAnswerThatNeedsApprovalWaitsForTheWorkflowAndIsSentOnceApproved() throws Exception {
        Person boss = store.people().create("boss@bakery.test", "Boss", "hash", false);
        Person writer = store.people().create("writer@bakery.test", "Writer", "hash", false);
        store.memberships().put(ws.id(), boss.id(), Role.MANAGER);
        store.memberships().put(ws.id(), writer.id(), Role.EDITOR);
        store.approvals().setWorkflow(ws.id(), List.of(new ApprovalRepository.Step(1, ApprovalRepository.Mode.ANY,
                List.of(boss.id()))));
        store.inbox().setRepliesNeedApproval(ws.id(), true);
        network.pages.add(new MentionPage(List.of(mention("n1", "chatter", "Where is my order?")), "c1"));
        service.pollDue();
        Item item = items().get(0);

        Reply waiting = service.reply(ws.id(), item.id(), writer.id(), "It left this morning");
        assertEquals(ReplyState.IN_REVIEW, waiting.state());
        assertEquals(List.of(boss.id()), service.replyReview(ws.id(), waiting.id()).approvers());
        assertThrows(NotAnApproverException.class, () -> service.approveReply(ws.id(), waiting.id(), writer.id(),
                true), "the workflow names the boss only");
        Reply approved = service.approveReply(ws.id(), waiting.id(), boss.id(), true);
        assertEquals(ReplyState.SENDING, approved.state());
        assertEquals(ReplyState.SENT, await(approved).state());
        assertEquals(List.of(new ReplyRequest(waiting.id(), "n1", "It left this morning")), network.replies,
                "sent once, with the answer's id as its key");
        assertThrows(ConflictException.class, () -> service.approveReply(ws.id(), waiting.id(), boss.id(), true));

        Reply curt = service.reply(ws.id(), item.id(), writer.id(), "No.");
        Reply rejected = service.rejectReply(ws.id(), curt.id(), boss.id(), "Boss", true, "too curt");
        assertEquals(ReplyState.REJECTED, rejected.state());
        assertEquals("turned down by Boss: too curt", rejected.error());
        assertEquals(1, network.replies.size(), "a rejected answer is never sent");

        store.inbox().setRepliesNeedApproval(ws.id(), false);
        assertEquals(ReplyState.SENDING, service.reply(ws.id(), item.id(), writer.id(), "Anything else?").state(),
                "sent at once when answers need no approval");
    }

    // --- moderation

    @Test
    void moderationRulesLabelAssignCloseAndEscalateAndTheCharterMarksWhatBreaksIt() throws Exception {
        Query brand = service.createQuery(ws.id(), "Brand", "bakery", "usr_a");
        Source press = service.addSource(ws.id(), "feed", "Press", Map.of("url", "https://press.test/feed"));
        Person ann = store.people().create("ann@bakery.test", "Ann", "hash", false);
        store.memberships().put(ws.id(), ann.id(), Role.EDITOR);
        ModerationRepository moderation = store.moderation();
        moderation.setCharter(ws.id(), List.of("arnaque"));
        moderation.createRule(ws.id(), new RuleInput("Complaints", brand.id(), "negative", null, null, null, false,
                Action.LABEL, "complaint"), "usr_a", T0);
        moderation.createRule(ws.id(), new RuleInput("Press to Ann", null, null, null, press.id(), null, false,
                Action.ASSIGN, ann.id()), "usr_a", T0);
        moderation.createRule(ws.id(), new RuleInput("Crisis", null, null, null, null, null, true, Action.ESCALATE,
                null), "usr_a", T0);
        moderation.createRule(ws.id(), new RuleInput("Spam bot", null, null, "@SpamBot", null, null, false,
                Action.CLOSE, null), "usr_a", T0);
        service.addChannel(ws.id(), "hook", "Hook", Map.of("url", "https://hooks.test/1"));

        feed.pages.add(new MentionPage(List.of(
                new Mention("p1", "feed", null, "@critic", "This bakery is an ARNAQUE", T0, null,
                        Map.of(Mention.SENTIMENT, "negative")),
                new Mention("p2", "feed", null, "spambot", "buy followers", T0, null, Map.of()),
                new Mention("p3", "feed", null, "@fan", "unrelated and kind", T0, null, Map.of())), "etag"));
        service.pollDue();

        Map<String, Item> items = new java.util.HashMap<>();
        items().forEach(i -> items.put(i.mention().mention().id(), i));
        Item critic = items.get("p1");
        assertEquals(List.of("complaint"), critic.labels());
        assertEquals(ann.id(), critic.assignee(), "the press source's mentions go to Ann");
        assertTrue(critic.escalated());
        assertEquals("arnaque", critic.mention().mention().annotations().get(Moderator.CHARTER));
        Item spam = items.get("p2");
        assertEquals(Status.CLOSED, spam.status(), "a rule applied: an item, filed at once");
        assertEquals(ann.id(), spam.assignee());
        assertEquals(Set.of("p1", "p2", "p3"), items.keySet(), "every rule that applies makes an item");

        StoredAlert escalation = store.alerts().alerts(ws.id(), new AlertFilter(null, null, 10)).get(0);
        assertEquals(Moderator.ESCALATION, escalation.kind());
        assertEquals("Escalated: @critic on feed", escalation.title());
        assertEquals(List.of(critic.mention().id()), escalation.mentionIds());
        service.evaluateAlerts();
        assertEquals(List.of(escalation.id()), sink.delivered.stream().map(Alert::id).toList(),
                "delivered to the channel like any alert");

        // The same mention given again is stored once and not escalated again.
        clock.advance(Duration.ofMinutes(2));
        feed.pages.add(new MentionPage(List.of(new Mention("p1", "feed", null, "@critic",
                "This bakery is an ARNAQUE", T0, null, Map.of())), "etag-2"));
        service.pollDue();
        assertEquals(1, store.alerts().alerts(ws.id(), new AlertFilter(null, null, 10)).size());
    }

    @Test
    void rulesHideOrDeleteOnTheNetworkWhereItAllowsAndSayWhatHappenedOnTheItem() throws Exception {
        ModerationRepository moderation = store.moderation();
        moderation.createRule(ws.id(), new RuleInput("Trolls", null, null, "troll", null, null, false,
                Action.HIDE, null), "usr_a", T0);
        moderation.createRule(ws.id(), new RuleInput("Spam", null, null, "spammer", null, null, false,
                Action.DELETE, null), "usr_a", T0);
        service.addSource(ws.id(), "feed", "Press", Map.of("url", "https://press.test/feed"));
        network.pages.add(new MentionPage(List.of(
                new Mention("t1", "chatter", null, "@Troll", "you are all idiots", T0, null, Map.of()),
                new Mention("s1", "chatter", null, "@spammer", "cheap pills", T0, null, Map.of()),
                new Mention("locked-1", "chatter", null, "@troll", "again", T0, null, Map.of())), "c1"));
        feed.pages.add(new MentionPage(List.of(new Mention("f1", "feed", null, "troll", "on a blog", T0, null,
                Map.of())), "etag"));
        service.pollDue();

        Map<String, String> notes = new java.util.HashMap<>();
        for (int i = 0; i < 200 && notes.size() < 4; i++) {
            for (Item item : items()) {
                store.inbox().notes(ws.id(), item.id()).stream().findFirst()
                        .ifPresent(n -> notes.put(item.mention().mention().id(), n.text()));
            }
            Thread.sleep(25);
        }
        assertEquals(Set.of("HIDE t1", "DELETE s1"), Set.copyOf(network.moderated));
        assertEquals("Hidden on chatter by rule \"Trolls\".", notes.get("t1"));
        assertEquals("Deleted on chatter by rule \"Spam\".", notes.get("s1"));
        assertEquals("Rule \"Trolls\" could not hide this mention on the network: this reply is not on one of your"
                + " posts", notes.get("locked-1"));
        assertEquals("Rule \"Trolls\" asked to hide this mention, but it did not come to one of the workspace's"
                + " accounts: do it on the network if needed.", notes.get("f1"));
        assertTrue(items().stream().allMatch(i -> i.status() == Status.CLOSED), "every item the rules touched is filed");
    }

    @Test
    void anAnswerBreakingTheCharterIsRefusedBeforeAnythingIsSent() throws Exception {
        store.moderation().setCharter(ws.id(), List.of("pas de bol"));
        network.pages.add(new MentionPage(List.of(mention("n1", "chatter", "Where is my order?")), "c1"));
        service.pollDue();
        Item item = items().get(0);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> service.reply(ws.id(), item.id(), "usr_a", "Pas de bol, it is lost"));
        assertEquals("text: contains \u201cpas de bol\u201d, which the workspace's charter forbids",
                refused.getMessage());
        assertTrue(store.inbox().replies(ws.id(), item.id()).isEmpty(), "nothing recorded, nothing sent");
        assertTrue(network.replies.isEmpty());

        // The same charter refuses posts, through the text policy the scheduling service asks.
        TextPolicy.Check posts = new CharterPolicy(store.moderation()).forWorkspace(ws.id());
        assertEquals(List.of("contains \u201cpas de bol\u201d, which the workspace's charter forbids"),
                posts.problems("Pas de bol pour le train"));
        assertEquals(List.of(), posts.problems("Bon voyage"));
    }

    static Set<String> ids(List<StoredMention> mentions) {
        return mentions.stream().map(m -> m.mention().id()).collect(java.util.stream.Collectors.toSet());
    }

    static StoredMention byId(List<StoredMention> mentions, String id) {
        return mentions.stream().filter(m -> m.mention().id().equals(id)).findFirst().orElseThrow();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        void set(Instant at) {
            now = at;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** A listening source plugin whose answers the test scripts. */
    static final class ScriptedSource implements MentionSource {
        final List<MentionPage> pages = new CopyOnWriteArrayList<>();
        final List<String> cursorsSeen = new CopyOnWriteArrayList<>();
        final List<Map<String, String>> settingsSeen = new CopyOnWriteArrayList<>();
        volatile RuntimeException failure;
        volatile CountDownLatch hang;
        final CountDownLatch interrupted = new CountDownLatch(1);
        volatile Duration slow = Duration.ZERO;

        @Override
        public String id() {
            return "feed";
        }

        @Override
        public String name() {
            return "RSS/Atom feed";
        }

        @Override
        public List<CredentialField> settings() {
            return List.of(new CredentialField("url", "Feed address", false, true, ""));
        }

        @Override
        public MentionPage poll(Map<String, String> settings, String cursor) {
            cursorsSeen.add(String.valueOf(cursor));
            settingsSeen.add(settings);
            if (hang != null) {
                try {
                    hang.await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw new IllegalStateException("interrupted");
                }
            }
            if (failure != null) {
                throw failure;
            }
            if (!slow.isZero()) {
                try {
                    Thread.sleep(slow.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return pages.isEmpty() ? new MentionPage(List.of(), cursor) : pages.remove(0);
        }
    }

    /** A network with mentions and answers, as a platform plugin would reach it. */
    static final class Network implements PlatformConnector {
        final List<MentionPage> pages = new CopyOnWriteArrayList<>();
        final List<String> cursorsSeen = new CopyOnWriteArrayList<>();
        final List<ReplyRequest> replies = new CopyOnWriteArrayList<>();
        volatile PlatformException failure;
        volatile PlatformException replyFailure;
        final PlatformInfo info = new PlatformInfo("chatter", "Chatter",
                Set.of(Capability.PUBLISH, Capability.MENTIONS, Capability.REPLY, Capability.MODERATE),
                Limits.textOnly(500, LengthRule.CODE_POINTS), CredentialForm.none(), new RatePolicy(4, 2, 0));

        Platforms platforms() {
            Platforms.Platform platform = new Platforms.Platform(this, info, "test bundle");
            return new Platforms() {
                @Override
                public List<Platforms.Platform> all() {
                    return List.of(platform);
                }

                @Override
                public Optional<Platforms.Platform> find(String id) {
                    return id.equals(info.id()) ? Optional.of(platform) : Optional.empty();
                }
            };
        }

        @Override
        public PlatformInfo info() {
            return info;
        }

        @Override
        public List<Problem> validate(PostVariant variant, AccountContext account) {
            return List.of();
        }

        @Override
        public PublishResult publish(PublishRequest request, AccountContext account) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) {
            return Optional.empty();
        }

        @Override
        public MentionPage mentions(String cursor, AccountContext account) throws PlatformException {
            cursorsSeen.add(String.valueOf(cursor));
            assertEquals("t", account.credentials().get("token").orElseThrow(), "the account's own credentials");
            if (failure != null) {
                throw failure;
            }
            return pages.isEmpty() ? new MentionPage(List.of(), cursor) : pages.remove(0);
        }

        @Override
        public PublishResult reply(ReplyRequest request, AccountContext account) throws PlatformException {
            replies.add(request);
            if (replyFailure != null) {
                throw replyFailure;
            }
            return new PublishResult("r-" + replies.size(), "https://chatter.test/r/" + replies.size(), T0);
        }

        final List<String> moderated = new CopyOnWriteArrayList<>();

        @Override
        public void moderate(String mentionId, ModerationAction action, AccountContext account)
                throws PlatformException {
            if (mentionId.startsWith("locked")) {
                throw new RejectedException("this reply is not on one of your posts");
            }
            moderated.add(action + " " + mentionId);
        }
    }

    /** An alert sink plugin that records what it is given, and fails or hangs when told to. */
    static final class RecordingSink implements AlertSink {
        final List<Alert> delivered = new CopyOnWriteArrayList<>();
        final List<Map<String, String>> settingsSeen = new CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        volatile PlatformException failure;
        volatile CountDownLatch hang;
        final CountDownLatch interrupted = new CountDownLatch(1);

        @Override
        public String id() {
            return "hook";
        }

        @Override
        public String name() {
            return "Test hook";
        }

        @Override
        public List<CredentialField> settings() {
            return List.of(new CredentialField("url", "Webhook address", true, true, ""));
        }

        @Override
        public void deliver(Alert alert, Map<String, String> settings) throws PlatformException {
            calls.incrementAndGet();
            settingsSeen.add(settings);
            if (hang != null) {
                try {
                    hang.await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    return;
                }
            }
            if (failure != null) {
                throw failure;
            }
            delivered.add(alert);
        }
    }
}
