package io.atelier.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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
import io.atelier.api.workspace.Workspace;
import io.atelier.store.AlertRepository;
import io.atelier.store.AlertRepository.AlertFilter;
import io.atelier.store.AlertRepository.Channel;
import io.atelier.store.AlertRepository.Clock;
import io.atelier.store.AlertRepository.Delivery;
import io.atelier.store.AlertRepository.DeliveryLease;
import io.atelier.store.AlertRepository.DeliveryState;
import io.atelier.store.AlertRepository.NewAlert;
import io.atelier.store.AlertRepository.Rule;
import io.atelier.store.AlertRepository.Status;
import io.atelier.store.AlertRepository.StoredAlert;
import io.atelier.store.AlertRepository.Window;
import io.atelier.api.team.Role;
import io.atelier.api.team.Person;
import io.atelier.store.ConflictException;
import io.atelier.store.InboxRepository;
import io.atelier.store.ModerationRepository;
import io.atelier.store.ModerationRepository.Action;
import io.atelier.store.ModerationRepository.RuleInput;
import io.atelier.store.ListeningRepository;
import io.atelier.store.ListeningRepository.Incoming;
import io.atelier.store.ListeningRepository.Query;
import io.atelier.store.ListeningRepository.Source;
import io.atelier.store.ListeningRepository.StoredMention;

/**
 * What the store guarantees about alerts and moderation, whatever the database: each
 * subclass runs every test on a fresh, empty database of its kind.
 */
abstract class AlertStoreContractTest {

    static final Instant T0 = Instant.parse("2030-03-01T09:00:00Z");

    @TempDir
    Path home;

    StoreSettings settings;
    ConnectionPool pool;
    Store store;
    ListeningRepository listening;
    AlertRepository alerts;
    Workspace ws;
    Workspace other;
    Query brand;
    Source feed;
    final List<ConnectionPool> nodePools = new ArrayList<>();

    abstract StoreSettings freshDatabase(Path home) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        settings = freshDatabase(home);
        pool = ConnectionPool.open(settings);
        store = Store.open(pool.dataSource(), settings.kind(), settings.location(), "node-test",
                StoreKey.fromFile(settings.keyFile()));
        listening = store.listening();
        alerts = store.alerts();
        ws = store.workspaces().create("Bakery", ZoneId.of("Europe/Paris"));
        other = store.workspaces().create("Other", ZoneId.of("Europe/Paris"));
        brand = listening.createQuery(ws.id(), "Brand", "bakery", "usr_a");
        feed = listening.createSource(ws.id(), "feed", "Press", Credentials.none(), T0);
    }

    @AfterEach
    void closeStore() {
        nodePools.forEach(ConnectionPool::close);
        if (pool != null) {
            pool.close();
        }
    }

    /**
     * Stores mentions through a poll of the feed, received at {@code received}: each
     * published at the given instant, with the given sentiment, matching the brand
     * query when {@code matches}.
     */
    List<StoredMention> poll(Instant received, boolean matches, String sentiment, Instant... published) {
        assertEquals(1, listening.claim("node-test", received, received.plusSeconds(60), 10).size());
        List<Incoming> incoming = new ArrayList<>();
        for (Instant at : published) {
            String id = "m" + at.toEpochMilli() + "-" + Math.random();
            Map<String, String> annotations = sentiment == null ? Map.of()
                    : Map.of(Mention.SENTIMENT, sentiment, Mention.SENTIMENT_SCORE,
                            sentiment.equals("negative") ? "-0.8" : "0.1");
            incoming.add(new Incoming(new Mention(id, "feed", null, "someone", "bakery news", at, null, annotations),
                    matches ? List.of(brand.id()) : List.of(), false));
        }
        return listening.completePoll(feed.id(), "node-test", null, incoming, received, received).orElseThrow();
    }

    @Test
    void rulesAreCheckedNamedOncePerWorkspaceAndGoWithTheirQuery() {
        Rule spike = alerts.createRule(ws.id(), "Brand spike", AlertRepository.SPIKE, brand.id(), Duration.ofHours(6),
                "usr_a", T0);
        assertEquals(Duration.ofHours(6), spike.coolDown());
        assertTrue(spike.enabled());
        assertEquals(T0, spike.evaluatedUntil());
        assertNull(spike.lastAlertAt());
        assertThrows(ConflictException.class, () -> alerts.createRule(ws.id(), "Brand spike",
                AlertRepository.KEYWORD, brand.id(), Duration.ZERO, "usr_a", T0));
        IllegalArgumentException noQuery = assertThrows(IllegalArgumentException.class, () -> alerts.createRule(
                ws.id(), "Any", AlertRepository.KEYWORD, null, Duration.ZERO, "usr_a", T0));
        assertTrue(noQuery.getMessage().startsWith("query:"), noQuery.getMessage());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> alerts.createRule(
                ws.id(), "Odd", "volcano", null, Duration.ZERO, "usr_a", T0));
        assertTrue(kind.getMessage().startsWith("kind:"), kind.getMessage());
        assertThrows(IllegalArgumentException.class, () -> alerts.createRule(ws.id(), "Long", AlertRepository.SPIKE,
                null, Duration.ofDays(8), "usr_a", T0));
        assertThrows(NoSuchElementException.class, () -> alerts.createRule(other.id(), "Theirs",
                AlertRepository.SPIKE, brand.id(), Duration.ZERO, "usr_b", T0), "another workspace's query");
        alerts.createRule(ws.id(), "Whole workspace", AlertRepository.NEGATIVE_SURGE, null, Duration.ofHours(1),
                "usr_a", T0);

        Rule off = alerts.updateRule(ws.id(), spike.id(), "Brand volume", Duration.ofMinutes(30), false)
                .orElseThrow();
        assertEquals("Brand volume", off.name());
        assertFalse(off.enabled());
        assertTrue(alerts.updateRule(other.id(), spike.id(), "stolen", Duration.ZERO, true).isEmpty());
        assertEquals(List.of("Brand volume", "Whole workspace"), alerts.rules(ws.id()).stream().map(Rule::name)
                .toList());
        assertTrue(alerts.claimRules("node-a", T0.plusSeconds(1), T0.plusSeconds(60), 10).stream()
                .noneMatch(r -> r.id().equals(spike.id())), "a rule turned off is not evaluated");

        assertTrue(listening.deleteQuery(ws.id(), brand.id()));
        assertEquals(List.of("Whole workspace"), alerts.rules(ws.id()).stream().map(Rule::name).toList());
    }

    @Test
    void anEvaluationRaisesOneAlertWithItsEvidenceAndOneDeliveryPerEnabledChannel() {
        Rule rule = alerts.createRule(ws.id(), "Keyword", AlertRepository.KEYWORD, brand.id(), Duration.ofHours(1),
                "usr_a", T0);
        Channel mail = alerts.createChannel(ws.id(), "email", "Team mail", Credentials.of(Map.of("to",
                "team@example.org", "password", "s3cret")), T0);
        Channel off = alerts.createChannel(ws.id(), "webhook", "Old hook", Credentials.of(Map.of("url", "x")), T0);
        alerts.setChannelEnabled(ws.id(), off.id(), false);
        alerts.createChannel(other.id(), "email", "Theirs", Credentials.of(Map.of("to", "x@y")), T0);
        assertThrows(ConflictException.class, () -> alerts.createChannel(ws.id(), "email", "Team mail",
                Credentials.none(), T0));
        assertEquals("s3cret", alerts.channelSettings(ws.id(), mail.id()).orElseThrow().get("password").orElseThrow());
        assertTrue(alerts.channelSettings(other.id(), mail.id()).isEmpty());

        List<StoredMention> stored = poll(T0.plusSeconds(10), true, "negative", T0, T0.plusSeconds(1));
        Instant now = T0.plusSeconds(30);
        List<Rule> claimed = alerts.claimRules("node-a", now, now.plusSeconds(60), 10);
        assertEquals(List.of(rule.id()), claimed.stream().map(Rule::id).toList());
        assertTrue(alerts.claimRules("node-b", now, now.plusSeconds(60), 10).isEmpty(), "leased to node-a");

        NewAlert raised = new NewAlert("2 new mentions", "Brand", T0, now, List.of(stored.get(1).id(),
                stored.get(0).id(), "men_unknown"));
        assertTrue(alerts.completeEvaluation(rule.id(), "node-b", now, now.plusSeconds(60), raised, now).isEmpty(),
                "a node without the lease saves nothing");
        StoredAlert alert = alerts.completeEvaluation(rule.id(), "node-a", now, now.plusSeconds(60), raised, now)
                .orElseThrow();
        assertEquals(AlertRepository.KEYWORD, alert.kind());
        assertEquals(brand.id(), alert.queryId());
        assertEquals(Status.OPEN, alert.status());
        assertEquals(List.of(stored.get(1).id(), stored.get(0).id()), alert.mentionIds(),
                "evidence in the given order; an unknown mention left out");
        assertEquals(alert.mentionIds(), listening.mentions(ws.id(), List.of(stored.get(1).id(), "men_unknown",
                stored.get(0).id())).stream().map(StoredMention::id).toList(), "read at once, in the order asked");
        assertTrue(listening.mentions(other.id(), alert.mentionIds()).isEmpty(), "another workspace's mentions");
        Rule after = alerts.rule(ws.id(), rule.id()).orElseThrow();
        assertEquals(now, after.lastAlertAt());
        assertEquals(now, after.evaluatedUntil());
        assertEquals(now.plusSeconds(60), after.nextEvalAt());
        assertEquals(1, alerts.openAlerts(ws.id()));
        assertEquals(0, alerts.openAlerts(other.id()));

        List<Delivery> deliveries = alerts.deliveries(alert.id());
        assertEquals(List.of("Team mail"), deliveries.stream().map(Delivery::channelName).toList(),
                "the enabled channels of the workspace only");
        assertEquals(DeliveryState.PENDING, deliveries.get(0).state());

        assertTrue(alerts.completeEvaluation(rule.id(), "node-a", now, now, null, now).isEmpty(),
                "the lease ended with the evaluation");
        assertEquals(1, alerts.alerts(ws.id(), new AlertFilter(null, null, 10)).size());
    }

    @Test
    void anEvaluationWithoutAnAlertMovesOnAndKeepsTheLastAlert() {
        Rule rule = alerts.createRule(ws.id(), "Spike", AlertRepository.SPIKE, null, Duration.ZERO, "usr_a", T0);
        Instant now = T0.plusSeconds(60);
        alerts.claimRules("node-a", now, now.plusSeconds(60), 10);
        assertTrue(alerts.completeEvaluation(rule.id(), "node-a", now, now.plusSeconds(60), null, now).isEmpty());
        Rule after = alerts.rule(ws.id(), rule.id()).orElseThrow();
        assertNull(after.lastAlertAt());
        assertEquals(now, after.evaluatedUntil());
        assertTrue(alerts.claimRules("node-a", now.plusSeconds(59), now.plusSeconds(120), 10).isEmpty(), "not due");
        assertEquals(1, alerts.claimRules("node-a", now.plusSeconds(60), now.plusSeconds(120), 10).size());
        assertTrue(alerts.alerts(ws.id(), new AlertFilter(null, null, 10)).isEmpty());
    }

    @Test
    void nodesClaimingAtOnceNeverLeaseOneRuleTwice() throws Exception {
        for (int i = 0; i < 30; i++) {
            alerts.createRule(ws.id(), "Rule " + i, AlertRepository.SPIKE, null, Duration.ZERO, "usr_a", T0);
        }
        List<AlertRepository> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ConnectionPool nodePool = ConnectionPool.open(settings);
            nodePools.add(nodePool);
            nodes.add(Store.open(nodePool.dataSource(), settings.kind(), settings.location(), "node-" + i,
                    StoreKey.fromFile(settings.keyFile())).alerts());
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Rule>>> claims = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                AlertRepository node = nodes.get(i);
                String name = "node-" + i;
                Callable<List<Rule>> claim = () -> node.claimRules(name, T0.plusSeconds(1), T0.plusSeconds(60), 30);
                claims.add(threads.submit(claim));
            }
            Set<String> seen = new HashSet<>();
            int total = 0;
            for (Future<List<Rule>> claim : claims) {
                for (Rule rule : claim.get()) {
                    total++;
                    assertTrue(seen.add(rule.id()), "leased twice: " + rule.id());
                }
            }
            assertEquals(30, total);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void windowsCountByPublicationOrArrivalWithinTheQueryAndWorkspace() {
        Instant h = T0.minus(Duration.ofHours(2));
        poll(T0, true, "negative", h, h.plusSeconds(60), h.plusSeconds(3600));
        poll(T0.plusSeconds(120), true, "positive", h.plusSeconds(10));
        poll(T0.plusSeconds(240), false, null, h.plusSeconds(20));
        poll(T0.plusSeconds(360), true, null, h.plusSeconds(30));

        Window firstHour = new Window(ws.id(), brand.id(), Clock.PUBLISHED, h, h.plusSeconds(3600));
        assertEquals(4, alerts.count(firstHour), "matched and published in the hour; the end excluded");
        assertEquals(5, alerts.count(new Window(ws.id(), null, Clock.PUBLISHED, h, h.plusSeconds(3600))),
                "every mention of the workspace");
        assertEquals(0, alerts.count(new Window(other.id(), null, Clock.PUBLISHED, h, h.plusSeconds(3600))));
        assertEquals(new AlertRepository.Sentiments(2, 3), alerts.sentiments(firstHour),
                "negative out of those with a sentiment");
        assertEquals(1, alerts.count(new Window(ws.id(), brand.id(), Clock.RECEIVED, T0.plusSeconds(100),
                T0.plusSeconds(200))), "received in the window");
        List<String> negative = alerts.mentionIds(firstHour, true, 10);
        assertEquals(2, negative.size(), "only the negative ones");
        List<String> newest = alerts.mentionIds(firstHour, false, 3);
        assertEquals(3, newest.size());
        assertEquals(h, alerts.firstMention(ws.id(), brand.id()).orElseThrow());
        assertTrue(alerts.firstMention(other.id(), null).isEmpty());
    }

    @Test
    void alertsAreListedNewestFirstByStatusAndAcknowledgedOnce() {
        Rule rule = alerts.createRule(ws.id(), "Spike", AlertRepository.SPIKE, null, Duration.ZERO, "usr_a", T0);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Instant now = T0.plusSeconds(i * 60L);
            alerts.claimRules("node-a", now, now.plusSeconds(30), 10);
            ids.add(alerts.completeEvaluation(rule.id(), "node-a", now, now, new NewAlert("Alert " + i, "", T0, now,
                    List.of()), now).orElseThrow().id());
        }
        assertEquals(List.of("Alert 3", "Alert 2", "Alert 1"), alerts.alerts(ws.id(), new AlertFilter(null, null,
                10)).stream().map(StoredAlert::title).toList());
        StoredAlert acknowledged = alerts.acknowledge(ws.id(), ids.get(1), "usr_b", T0.plusSeconds(600))
                .orElseThrow();
        assertEquals(Status.ACKNOWLEDGED, acknowledged.status());
        assertEquals("usr_b", acknowledged.acknowledgedBy());
        StoredAlert again = alerts.acknowledge(ws.id(), ids.get(1), "usr_c", T0.plusSeconds(700)).orElseThrow();
        assertEquals("usr_b", again.acknowledgedBy(), "the first acknowledgement stays");
        assertTrue(alerts.acknowledge(other.id(), ids.get(0), "usr_x", T0).isEmpty(), "another workspace's alert");
        assertEquals(List.of("Alert 3", "Alert 1"), alerts.alerts(ws.id(), new AlertFilter(Status.OPEN, null, 10))
                .stream().map(StoredAlert::title).toList());
        assertEquals(List.of("Alert 1"), alerts.alerts(ws.id(), new AlertFilter(null, ids.get(1), 10)).stream()
                .map(StoredAlert::title).toList(), "paging");
        assertEquals(2, alerts.openAlerts(ws.id()));
    }

    @Test
    void deliveriesAreLeasedRetriedAndEndSentOrFailed() {
        Rule rule = alerts.createRule(ws.id(), "Spike", AlertRepository.SPIKE, null, Duration.ZERO, "usr_a", T0);
        alerts.createChannel(ws.id(), "email", "Mail", Credentials.of(Map.of("to", "a@b.c")), T0);
        alerts.createChannel(ws.id(), "webhook", "Hook", Credentials.of(Map.of("url", "https://x")), T0);
        Instant now = T0.plusSeconds(60);
        alerts.claimRules("node-a", now, now.plusSeconds(30), 10);
        StoredAlert alert = alerts.completeEvaluation(rule.id(), "node-a", now, now, new NewAlert("Spike", "", T0,
                now, List.of()), now).orElseThrow();

        List<DeliveryLease> leases = alerts.claimDeliveries("node-a", now, now.plusSeconds(60), 10);
        assertEquals(2, leases.size());
        assertTrue(alerts.claimDeliveries("node-b", now, now.plusSeconds(60), 10).isEmpty(), "leased");
        DeliveryLease mail = leases.stream().filter(l -> l.delivery().sink().equals("email")).findFirst()
                .orElseThrow();
        DeliveryLease hook = leases.stream().filter(l -> l.delivery().sink().equals("webhook")).findFirst()
                .orElseThrow();
        assertEquals("a@b.c", mail.settings().get("to").orElseThrow());
        assertEquals(alert.id(), mail.alert().id());

        alerts.finishDelivery(alert.id(), mail.delivery().channelId(), "node-b", true, null, null, now);
        assertEquals(DeliveryState.PENDING, state(alert.id(), "Mail"), "node-b held no lease");
        alerts.finishDelivery(alert.id(), mail.delivery().channelId(), "node-a", true, null, null, now);
        alerts.finishDelivery(alert.id(), hook.delivery().channelId(), "node-a", false, "HTTP 503",
                now.plusSeconds(120), now);
        Delivery retried = alerts.deliveries(alert.id()).stream().filter(d -> d.channelName().equals("Hook"))
                .findFirst().orElseThrow();
        assertEquals(DeliveryState.PENDING, retried.state());
        assertEquals(1, retried.attempts());
        assertEquals("HTTP 503", retried.lastError());
        assertEquals(DeliveryState.SENT, state(alert.id(), "Mail"));
        assertNotEquals(null, alerts.deliveries(alert.id()).get(1).sentAt());

        assertTrue(alerts.claimDeliveries("node-b", now.plusSeconds(119), now.plusSeconds(200), 10).isEmpty(),
                "not due before its retry time");
        List<DeliveryLease> again = alerts.claimDeliveries("node-b", now.plusSeconds(120), now.plusSeconds(200), 10);
        assertEquals(1, again.size(), "only the one not delivered");
        alerts.finishDelivery(alert.id(), hook.delivery().channelId(), "node-b", false, "HTTP 404", null,
                now.plusSeconds(121));
        assertEquals(DeliveryState.FAILED, state(alert.id(), "Hook"));
        assertTrue(alerts.claimDeliveries("node-b", now.plusSeconds(999), now.plusSeconds(1200), 10).isEmpty());
    }

    private DeliveryState state(String alertId, String channel) {
        return alerts.deliveries(alertId).stream().filter(d -> d.channelName().equals(channel)).findFirst()
                .orElseThrow().state();
    }

    // --- moderation

    @Test
    void aCharterKeepsEachTermOnceAndBelongsToItsWorkspace() {
        ModerationRepository moderation = store.moderation();
        assertEquals(List.of("arnaque", "scam artist"), moderation.setCharter(ws.id(),
                List.of(" scam artist ", "arnaque", "", "arnaque")));
        assertTrue(moderation.charter(other.id()).isEmpty());
        assertEquals(List.of("fraud"), moderation.setCharter(ws.id(), List.of("fraud")), "replaced, not added to");
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> moderation.setCharter(ws.id(), List.of("x".repeat(201))));
        assertTrue(tooLong.getMessage().startsWith("terms:"), tooLong.getMessage());
        assertEquals(List.of("fraud"), moderation.charter(ws.id()), "a refused charter changes nothing");
    }

    @Test
    void moderationRulesNeedAConditionTheirArgumentAndThingsOfTheirWorkspace() {
        ModerationRepository moderation = store.moderation();
        Person ann = store.people().create("ann@bakery.test", "Ann", "hash", false);
        store.memberships().put(ws.id(), ann.id(), Role.EDITOR);
        Person stranger = store.people().create("sam@elsewhere.test", "Sam", "hash", false);
        assertField("conditions", () -> moderation.createRule(ws.id(), new RuleInput("None", null, null, " ", null,
                null, false, Action.CLOSE, null), "usr_a", T0));
        assertField("argument", () -> moderation.createRule(ws.id(), new RuleInput("Label", brand.id(), null, null,
                null, null, false, Action.LABEL, " "), "usr_a", T0));
        assertField("argument", () -> moderation.createRule(ws.id(), new RuleInput("Assign", brand.id(), null, null,
                null, null, false, Action.ASSIGN, stranger.id()), "usr_a", T0));
        assertField("sentiment", () -> moderation.createRule(ws.id(), new RuleInput("Odd", null, "angry", null, null,
                null, false, Action.CLOSE, null), "usr_a", T0));
        Query theirs = listening.createQuery(other.id(), "Theirs", "x", "usr_b");
        assertField("query", () -> moderation.createRule(ws.id(), new RuleInput("Theirs", theirs.id(), null, null,
                null, null, false, Action.CLOSE, null), "usr_a", T0));

        ModerationRepository.Rule label = moderation.createRule(ws.id(), new RuleInput("Complaints", brand.id(), "NEGATIVE", null, null,
                null, false, Action.LABEL, "complaint"), "usr_a", T0);
        assertEquals("negative", label.sentiment(), "kept in lower case");
        ModerationRepository.Rule assign = moderation.createRule(ws.id(), new RuleInput("To Ann", null, null, null, feed.id(), "FR",
                false, Action.ASSIGN, ann.id()), "usr_a", T0);
        assertEquals(List.of(label.position() + 1), List.of(assign.position()), "applied after the others");
        assertThrows(ConflictException.class, () -> moderation.createRule(ws.id(), new RuleInput("To Ann", null,
                null, null, null, null, true, Action.ESCALATE, null), "usr_a", T0));
        assertFalse(moderation.setEnabled(ws.id(), label.id(), false).orElseThrow().enabled());
        assertTrue(moderation.setEnabled(other.id(), label.id(), false).isEmpty());
        assertEquals(List.of("Complaints", "To Ann"), moderation.rules(ws.id()).stream().map(ModerationRepository.Rule::name).toList());
        assertTrue(listening.deleteQuery(ws.id(), brand.id()));
        assertEquals(List.of("To Ann"), moderation.rules(ws.id()).stream().map(ModerationRepository.Rule::name).toList(),
                "a rule goes with its query");
        assertTrue(moderation.deleteRule(ws.id(), assign.id()));
        assertFalse(moderation.deleteRule(ws.id(), assign.id()));
    }

    @Test
    void whatModerationDecidedIsKeptOnTheInboxItem() {
        Person ann = store.people().create("ann@bakery.test", "Ann", "hash", false);
        store.memberships().put(ws.id(), ann.id(), Role.EDITOR);
        assertEquals(1, listening.claim("node-test", T0, T0.plusSeconds(60), 10).size());
        Mention m = new Mention("x1", "feed", null, "someone", "bakery", T0, null, Map.of());
        List<Incoming> incoming = List.of(
                new Incoming(m, List.of(brand.id()), true, List.of("complaint", "vip,urgent"), ann.id(), true, false),
                new Incoming(new Mention("x2", "feed", null, "bot", "spam", T0, null, Map.of()), List.of(), true,
                        List.of("spam"), null, false, true),
                new Incoming(new Mention("x3", "feed", null, "eve", "hi", T0, null, Map.of()), List.of(), true,
                        List.of(), "usr_not_a_member", false, false));
        listening.completePoll(feed.id(), "node-test", null, incoming, T0, T0.plusSeconds(60)).orElseThrow();
        Map<String, InboxRepository.Item> items = new java.util.HashMap<>();
        store.inbox().items(ws.id(), new InboxRepository.ItemFilter(null, null, null, 10))
                .forEach(i -> items.put(i.mention().mention().id(), i));
        InboxRepository.Item first = items.get("x1");
        assertEquals(List.of("complaint", "vip urgent"), first.labels());
        assertEquals(ann.id(), first.assignee());
        assertEquals(InboxRepository.Status.IN_PROGRESS, first.status(), "assigned, so in progress");
        assertTrue(first.escalated());
        assertEquals(InboxRepository.Status.CLOSED, items.get("x2").status());
        assertFalse(items.get("x2").escalated());
        assertNull(items.get("x3").assignee(), "a person who is not a member is not assigned");
        assertEquals(InboxRepository.Status.NEW, items.get("x3").status());
    }

    @Test
    void anAlertWithoutARuleGoesToTheChannelsToo() {
        alerts.createChannel(ws.id(), "email", "Mail", Credentials.of(Map.of("to", "a@b.c")), T0);
        List<StoredMention> stored = poll(T0, true, "negative", T0);
        StoredAlert raised = alerts.raise(ws.id(), "escalation", new NewAlert("Escalated: someone", "", T0, T0,
                List.of(stored.get(0).id())), T0.plusSeconds(1));
        assertNull(raised.ruleId());
        assertEquals("escalation", raised.kind());
        assertEquals(List.of(stored.get(0).id()), raised.mentionIds());
        assertEquals(1, alerts.deliveries(raised.id()).size());
    }

    private static void assertField(String field, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
    }
}
