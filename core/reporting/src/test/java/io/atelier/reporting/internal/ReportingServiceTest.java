package io.atelier.reporting.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AccountMetrics;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.PostMetrics;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.post.PostState;
import io.atelier.api.post.PostVariant;
import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportBranding;
import io.atelier.api.reporting.ReportDelivery;
import io.atelier.api.reporting.ReportRenderer;
import io.atelier.api.reporting.ReportSection;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;
import io.atelier.api.workspace.Workspace;
import io.atelier.reporting.Reporting;
import io.atelier.reporting.kpi.Evaluation;
import io.atelier.scheduling.Platforms;
import io.atelier.store.DispatchRepository.Published;
import io.atelier.store.ListeningRepository.Incoming;
import io.atelier.store.ListeningRepository.Query;
import io.atelier.store.ListeningRepository.Source;
import io.atelier.store.ListeningRepository.Voice;
import io.atelier.store.ListeningRepository;
import io.atelier.store.PostRepository.Plan;
import io.atelier.store.PostRepository.StoredPost;
import io.atelier.store.ReportRepository.ObjectiveInput;
import io.atelier.store.ReportRepository.Schedule;
import io.atelier.store.ReportRepository.ScheduleInput;
import io.atelier.store.WorkspaceRepository;
import io.atelier.store.internal.ConnectionPool;
import io.atelier.store.internal.DatabaseKind;
import io.atelier.store.internal.Store;
import io.atelier.store.internal.StoreKey;
import io.atelier.store.internal.StoreSettings;

/**
 * The reporting service on a real H2 store: counters read from a connector through
 * the collector become the report's figures (each expected figure computed by hand
 * in a comment), objectives are judged, scheduled reports are delivered, share links
 * open until revoked, and bad input is refused naming the field. The connector, the
 * renderer and the delivery are small plugins of this test.
 */
class ReportingServiceTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Instant MONDAY = Instant.parse("2030-03-04T08:00:00Z");
    static final Instant P1 = Instant.parse("2030-03-05T09:00:00Z"); // Tuesday 10:00 in Paris
    static final Instant P2 = Instant.parse("2030-03-05T17:00:00Z"); // Tuesday 18:00 in Paris
    static final Instant EVENING = Instant.parse("2030-03-05T20:00:00Z");

    @TempDir
    Path dir;

    ConnectionPool pool;
    Store store;
    final MutableClock clock = new MutableClock(MONDAY);
    final Network network = new Network();
    ReportingService service;
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
        ws = store.workspaces().create("Bakery Paris", PARIS);
        account = store.accounts().create(ws.id(), "chatter", "bakery", "https://chatter.test",
                AccountStatus.CONNECTED, Credentials.of(Map.of("token", "t")));
        service = new ReportingService(store.metrics(), store.reports(), store.workspaces(), store.accounts(),
                store.media(), store.alerts(), network.platforms(), "node-1",
                new ReportingService.Settings(Duration.ofMinutes(60), Duration.ofDays(90), Duration.ZERO,
                        "https://atelier.test/"), clock);
        service.renderers().add(1L, 0, new TextRenderer());
    }

    @AfterEach
    void close() {
        pool.close();
    }

    /** Publishes a post on the account at {@code at}, as the dispatcher records it. */
    StoredPost publish(String text, Instant at, String remoteId) {
        StoredPost post = store.posts().create(ws.id(), new Plan(PostState.SCHEDULED, at, PARIS, null,
                List.of(new PostVariant(account.id(), text, List.of(), List.of())), "per_ann", "created"));
        store.dispatch().claimDue("node-1", at, at.plusSeconds(60), Set.of("chatter"), Set.of(), 10);
        store.dispatch().complete("node-1", List.of(new Published(post.id(), account.id(), remoteId,
                "https://chatter.test/" + remoteId, at)));
        return post;
    }

    /** Monday: 200 followers. Tuesday: two posts; in the evening p1 has 10 likes, 2 replies, 1 share, p2 4 likes; 210 followers. */
    void tuesday() {
        network.followers = 200;
        assertEquals(1, service.collectDue());
        publish("Fresh bread <script>alert(1)</script>", P1, "p1");
        publish("Croissants", P2, "p2");
        clock.now = EVENING;
        network.followers = 210;
        network.counters.put("p1", Map.of("likes", 10L, "replies", 2L, "shares", 1L));
        network.counters.put("p2", Map.of("likes", 4L, "replies", 0L, "shares", 0L));
        service.collectSoon(ws.id(), account.id());
        assertEquals(1, service.collectDue());
    }

    static ReportSection section(Report report, String title) {
        return report.sections().stream().filter(s -> s.title().equals(title)).findFirst().orElseThrow();
    }

    static List<Object> row(ReportSection section, String first) {
        return section.rows().stream().filter(r -> first.equals(String.valueOf(r.get(0)))).findFirst().orElseThrow();
    }

    @Test
    void countersReadFromTheNetworkBecomeTheReportsFigures() {
        tuesday();
        assertEquals(List.of(List.of("p1", "p2")), network.asked, "both posts read in one call");
        Report report = service.report(ws.id(), LocalDate.of(2030, 3, 4), LocalDate.of(2030, 3, 11));
        assertEquals("Bakery Paris", report.workspaceName());
        assertEquals(LocalDate.of(2030, 3, 4).atStartOfDay(PARIS).toInstant(), report.from());

        ReportSection summary = section(report, "Summary");
        assertEquals(new BigDecimal("2"), row(summary, "Posts published").get(2));
        // p1: 10 + 2 + 1 = 13 interactions; p2: 4 → 17.
        assertEquals(new BigDecimal("17"), row(summary, "Interactions").get(2));
        // Followers as of the posts: Monday's closing count, 200. p1: 13 / 200 = 6.5 %, p2: 4 / 200 = 2 %; mean 4.25 %.
        assertEquals(new BigDecimal("4.25"), row(summary, "Engagement rate by followers").get(2));
        assertNull(row(summary, "Engagement rate by followers").get(3), "no post the week before");
        assertNull(row(summary, "Engagement rate by reach").get(2), "the network reports no reach");
        assertTrue(String.valueOf(row(summary, "Engagement rate by reach").get(5)).contains("reach"));

        // Tuesday gained 14 likes, 2 replies, 1 share; quotes are never reported, so the column is empty.
        List<Object> tuesdayRow = row(section(report, "Interactions per day"), "2030-03-05");
        assertEquals(java.util.Arrays.asList(LocalDate.of(2030, 3, 5), 14L, 2L, 1L, null), tuesdayRow);
        assertEquals(java.util.Arrays.asList(LocalDate.of(2030, 3, 6), 0L, 0L, 0L, null),
                row(section(report, "Interactions per day"), "2030-03-06"));

        ReportSection followers = section(report, "Followers");
        assertEquals(200L, row(followers, "2030-03-04").get(1));
        assertEquals(210L, row(followers, "2030-03-05").get(1));
        assertEquals(210L, row(followers, "2030-03-10").get(1), "carried forward");

        ReportSection top = section(report, "Top posts");
        assertEquals("Fresh bread <script>alert(1)</script>", top.rows().get(0).get(2), "kept as text, escaped by renderers");
        assertEquals(13L, top.rows().get(0).get(6));
        assertEquals("https://chatter.test/p2", top.rows().get(1).get(7));

        ReportSection heatmap = section(report, "Best publishing times");
        assertEquals(ReportSection.HEATMAP, heatmap.chart());
        assertEquals(new BigDecimal("13"), row(heatmap, "Tue").get(1 + 10));
        assertEquals(new BigDecimal("4"), row(heatmap, "Tue").get(1 + 18));
        assertNull(row(heatmap, "Mon").get(1 + 10));
    }

    @Test
    void objectivesAreJudgedInTheReportAndPerPeriod() {
        tuesday();
        service.createObjective(ws.id(), new ObjectiveInput("Engagement", "engagement-rate-by-followers", "at_least",
                new BigDecimal("5"), "week", null, null, null), "per_ann");
        IllegalArgumentException kpi = assertThrows(IllegalArgumentException.class, () -> service.createObjective(
                ws.id(), new ObjectiveInput("Odd", "likes", "AT_LEAST", BigDecimal.ONE, "WEEK", null, null, null), "a"));
        assertTrue(kpi.getMessage().startsWith("kpi:"), kpi.getMessage());
        IllegalArgumentException target = assertThrows(IllegalArgumentException.class, () -> service.createObjective(
                ws.id(), new ObjectiveInput("Sentiment", "NET_SENTIMENT", "AT_LEAST", new BigDecimal("150"), "WEEK",
                        null, null, null), "a"));
        assertTrue(target.getMessage().startsWith("target:"), target.getMessage());

        Report report = service.report(ws.id(), LocalDate.of(2030, 3, 4), LocalDate.of(2030, 3, 11));
        // 4.25 % against at least 5 %: missed by 0.75.
        assertEquals(java.util.Arrays.asList("Engagement rate by followers", "at least 5", new BigDecimal("4.25"),
                "MISSED", new BigDecimal("-0.75")), section(report, "Objectives").rows().get(0));

        Reporting.ObjectiveStatus status = service.objectives(ws.id()).get(0);
        assertEquals(6, status.periods().size());
        Reporting.PeriodStatus thisWeek = status.periods().get(5);
        assertEquals(LocalDate.of(2030, 3, 4), thisWeek.from());
        assertEquals(Evaluation.Outcome.MISSED, thisWeek.evaluation().outcome());
        assertEquals(Evaluation.Outcome.NOT_COMPUTABLE, status.periods().get(4).evaluation().outcome(),
                "no post the week before");
    }

    @Test
    void aFailingPluginIsReportedAndTheOtherCountersAreKept() {
        network.followers = 200;
        publish("Bread", MONDAY.minusSeconds(3600), "p1");
        network.failure = new IllegalStateException("boom");
        assertEquals(1, service.collectDue());
        var status = service.collections(ws.id()).get(0);
        assertEquals("post counters: the plugin failed (IllegalStateException)", status.lastError());
        assertEquals(1, status.failures());
        assertEquals(200L, store.metrics().daily(ws.id(), LocalDate.of(2030, 3, 4), LocalDate.of(2030, 3, 5)).stream()
                .filter(d -> d.metric().equals("followers")).findFirst().orElseThrow().closing());
        assertEquals(0, service.collectDue(), "not due again before its backoff");
    }

    @Test
    void aScheduledReportIsDeliveredWithTheRenderedDocument() {
        tuesday();
        RecordingDelivery delivery = new RecordingDelivery();
        service.deliveries().add(2L, 0, delivery);
        var channel = store.alerts().createChannel(ws.id(), "email", "Mail", Credentials.of(Map.of("host", "smtp.test")),
                clock.instant());
        var webhook = store.alerts().createChannel(ws.id(), "webhook", "Hook", Credentials.of(Map.of("url", "x")),
                clock.instant());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> service.createSchedule(
                ws.id(), new ScheduleInput("Weekly", "WEEK", "txt", webhook.id(), List.of("a@b.test"), true), "a"));
        assertTrue(kind.getMessage().startsWith("channelId:"), kind.getMessage());
        IllegalArgumentException address = assertThrows(IllegalArgumentException.class, () -> service.createSchedule(
                ws.id(), new ScheduleInput("Weekly", "WEEK", "txt", channel.id(), List.of("not an address"), true), "a"));
        assertTrue(address.getMessage().startsWith("recipients:"), address.getMessage());
        assertThrows(IllegalArgumentException.class, () -> service.createSchedule(ws.id(), new ScheduleInput("Weekly",
                "WEEK", "docx", channel.id(), List.of("a@b.test"), true), "a"));

        Schedule weekly = service.createSchedule(ws.id(), new ScheduleInput("Weekly", "week", "TXT", channel.id(),
                List.of("boss@bakery.test", "cm@bakery.test"), true), "per_ann");
        // Created on Tuesday 5 March: first sent on Monday 11 March at 07:00 in Paris (06:00 UTC).
        assertEquals(Instant.parse("2030-03-11T06:00:00Z"), weekly.nextRunAt());
        assertEquals(0, service.sendDue(), "not due yet");

        clock.now = Instant.parse("2030-03-11T06:00:00Z");
        assertEquals(1, service.sendDue());
        assertEquals(1, delivery.sent.size());
        RecordingDelivery.Sent sent = delivery.sent.get(0);
        assertEquals(List.of("boss@bakery.test", "cm@bakery.test"), sent.recipients());
        assertEquals("smtp.test", sent.settings().get("host"));
        assertEquals("Bakery Paris: report 2030-03-04 – 2030-03-10", sent.subject());
        assertTrue(sent.text().contains("https://atelier.test/"), sent.text());
        assertEquals("bakery-paris-2030-03-04-2030-03-10.txt", sent.document().fileName());
        assertTrue(new String(sent.document().content(), StandardCharsets.UTF_8).contains("Summary"));
        Schedule after = service.schedules(ws.id()).get(0);
        assertEquals(Instant.parse("2030-03-18T06:00:00Z"), after.nextRunAt());
        assertEquals(0, after.attempts());

        delivery.failure = new IOException("SMTP 451 try later");
        service.sendSoon(ws.id(), weekly.id());
        clock.now = clock.now.plusSeconds(60);
        assertEquals(0, service.sendDue());
        Schedule failed = service.schedules(ws.id()).get(0);
        assertEquals("SMTP 451 try later", failed.lastError());
        assertEquals(1, failed.attempts());
        assertEquals(clock.now.plus(Duration.ofMinutes(1)), failed.nextRunAt(), "tried again a minute later");
    }

    @Test
    void aShareLinkOpensTheReportUntilRevoked() {
        tuesday();
        Reporting.SharedLink link = service.share(ws.id(), LocalDate.of(2030, 3, 4), LocalDate.of(2030, 3, 11),
                Duration.ofDays(7), "per_ann");
        assertEquals(43, link.token().length());
        Report shared = service.openShare(link.token()).orElseThrow();
        assertEquals(new BigDecimal("17"), row(section(shared, "Summary"), "Interactions").get(2));
        assertTrue(service.openShare(link.token().substring(1) + "x").isEmpty());
        assertTrue(service.findShare(link.token().substring(1) + "x").isEmpty(), "a token nobody was given");
        clock.now = clock.now.plus(Duration.ofDays(8));
        assertTrue(service.openShare(link.token()).isEmpty(), "expired");
        assertEquals(link.share().id(), service.findShare(link.token()).orElseThrow().id(),
                "an expired link is still known");
        Reporting.SharedLink second = service.share(ws.id(), LocalDate.of(2030, 3, 4), LocalDate.of(2030, 3, 11),
                Duration.ofDays(7), "per_ann");
        assertTrue(service.revokeShare(ws.id(), second.share().id()));
        assertTrue(service.openShare(second.token()).isEmpty(), "revoked");
        assertTrue(service.findShare(second.token()).orElseThrow().revokedAt() != null, "a revoked link is known");
        IllegalArgumentException valid = assertThrows(IllegalArgumentException.class, () -> service.share(ws.id(),
                LocalDate.of(2030, 3, 4), LocalDate.of(2030, 3, 11), Duration.ofDays(91), "per_ann"));
        assertTrue(valid.getMessage().startsWith("validDays:"), valid.getMessage());
    }

    @Test
    void aReportCarriesTheWorkspacesBrandingAndLeavesOutALogoItCannotDraw() {
        Report plain = service.report(ws.id(), LocalDate.of(2030, 3, 4), LocalDate.of(2030, 3, 11));
        assertEquals("Bakery Paris", plain.workspaceName());
        assertEquals(ReportBranding.NONE, plain.branding());

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
        String logo = store.media().add(ws.id(), "image/png", png, "logo.png", null, "per_ann").id();
        store.workspaces().setBranding(ws.id(), new WorkspaceRepository.Branding("Boulangerie Lemoine", logo,
                "#AA3300"));
        Report branded = service.report(ws.id(), LocalDate.of(2030, 3, 4), LocalDate.of(2030, 3, 11));
        assertEquals("Boulangerie Lemoine", branded.workspaceName(), "the name clients know it by");
        assertEquals("image/png", branded.branding().logoType());
        assertArrayEquals(png, branded.branding().logo());
        assertEquals("#AA3300", branded.branding().accent());

        // A GIF logo (the sign-off page shows it; not every renderer can draw it) is left out, the rest kept.
        String gif = store.media().add(ws.id(), "image/gif", "GIF89a-logo".getBytes(StandardCharsets.US_ASCII),
                "logo.gif", null, "per_ann").id();
        store.workspaces().setBranding(ws.id(), new WorkspaceRepository.Branding(null, gif, "#112233"));
        Report noLogo = service.report(ws.id(), LocalDate.of(2030, 3, 4), LocalDate.of(2030, 3, 11));
        assertEquals("Bakery Paris", noLogo.workspaceName());
        assertFalse(noLogo.branding().hasLogo());
        assertEquals("#112233", noLogo.branding().accent());

        // A logo deleted from the library since: no logo, no failure.
        store.workspaces().setBranding(ws.id(), new WorkspaceRepository.Branding(null, logo, null));
        store.media().delete(ws.id(), logo);
        assertFalse(service.report(ws.id(), LocalDate.of(2030, 3, 4), LocalDate.of(2030, 3, 11)).branding().hasLogo());
    }

    @Test
    void badPeriodsAndFormatsAreRefusedNamingTheFieldAndEmptyPeriodsAreFine() throws IOException {
        IllegalArgumentException tenYears = assertThrows(IllegalArgumentException.class,
                () -> service.report(ws.id(), LocalDate.of(2020, 1, 1), LocalDate.of(2030, 1, 1)));
        assertTrue(tenYears.getMessage().startsWith("to: a report covers at most 366 days"), tenYears.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> service.report(ws.id(), LocalDate.of(2030, 3, 4),
                LocalDate.of(2030, 3, 4))).getMessage().startsWith("to:"));
        assertThrows(java.util.NoSuchElementException.class,
                () -> service.report("ws_none", LocalDate.of(2030, 3, 4), LocalDate.of(2030, 3, 5)));

        // A month across the change to summer time, with no data at all.
        Report empty = service.report(ws.id(), LocalDate.of(2030, 3, 1), LocalDate.of(2030, 4, 1));
        assertEquals(31, section(empty, "Interactions per day").rows().size());
        assertEquals(new BigDecimal("0"), row(section(empty, "Summary"), "Posts published").get(2));
        assertNull(row(section(empty, "Summary"), "Interactions").get(2));
        assertEquals(Duration.ofDays(31).minusHours(1), Duration.between(empty.from(), empty.to()));

        IllegalArgumentException format = assertThrows(IllegalArgumentException.class, () -> service.render(empty,
                "docx"));
        assertTrue(format.getMessage().startsWith("format: no installed plugin renders 'docx' (installed: txt)"),
                format.getMessage());
        assertEquals(List.of(new Reporting.Format("txt", "text/plain")), service.formats());
        assertEquals(List.of(), service.bestTimes(ws.id(), account.id(), 3), "fewer than 5 measured posts");
    }

    @Test
    void bestTimesRankTheHoursOfTheAccountsOwnPosts() {
        network.followers = 100;
        clock.now = Instant.parse("2030-03-22T20:00:00Z");
        // Six posts: three on Tuesdays at 10:00 in Paris with 10, 20, 30 likes, three on Thursdays at 18:00 with 5 each.
        int[] likes = {10, 20, 30};
        for (int i = 0; i < 3; i++) {
            Instant tuesday = Instant.parse("2030-03-05T09:00:00Z").plus(Duration.ofDays(7L * i));
            publish("t" + i, tuesday, "t" + i);
            network.counters.put("t" + i, Map.of("likes", (long) likes[i]));
            Instant thursday = Instant.parse("2030-03-07T17:00:00Z").plus(Duration.ofDays(7L * i));
            publish("h" + i, thursday, "h" + i);
            network.counters.put("h" + i, Map.of("likes", 5L));
        }
        assertEquals(1, service.collectDue());
        List<Reporting.Slot> best = service.bestTimes(ws.id(), account.id(), 5);
        assertEquals(2, best.size());
        // Tuesdays 10:00: (10 + 20 + 30) / 3 = 20; Thursdays 18:00: 5.
        assertEquals(new Reporting.Slot(java.time.DayOfWeek.TUESDAY, 10, new BigDecimal("20"), 3), best.get(0));
        assertEquals(new Reporting.Slot(java.time.DayOfWeek.THURSDAY, 18, new BigDecimal("5"), 3), best.get(1));
    }

    @Test
    void collectNowReadsTheYoungPostsAgainEvenJustAfterTheirLastReading() {
        network.followers = 200;
        publish("Bread", MONDAY.minusSeconds(3600), "p1");
        network.counters.put("p1", Map.of("likes", 3L));
        assertEquals(1, service.collectDue());
        assertEquals(List.of(List.of("p1")), network.asked);

        clock.now = MONDAY.plus(Duration.ofMinutes(61));
        network.counters.put("p1", Map.of("likes", 7L));
        network.asked.clear();
        service.collectSoon(ws.id(), account.id());
        assertEquals(1, service.collectDue());
        assertEquals(List.of(List.of("p1")), network.asked, "read again though the interval has hardly passed");

        clock.now = clock.now.plus(Duration.ofMinutes(5));
        network.asked.clear();
        service.collectSoon(ws.id(), account.id());
        assertEquals(1, service.collectDue());
        assertEquals(List.of(List.of("p1")), network.asked, "read again five minutes later, when asked");
        assertEquals(7L, store.metrics().daily(ws.id(), LocalDate.of(2030, 3, 4), LocalDate.of(2030, 3, 5)).stream()
                .filter(d -> d.metric().equals("likes")).mapToLong(d -> d.gained()).sum());
    }

    @Test
    void theShareOfVoiceComesFromTheQueriesMarkedAsTheBrandAndItsCompetitors() {
        LocalDate from = LocalDate.of(2030, 3, 4);
        LocalDate to = LocalDate.of(2030, 3, 11);
        Report unmarked = service.report(ws.id(), from, to);
        assertNull(row(section(unmarked, "Summary"), "Share of voice").get(2));
        assertEquals("no listening query is marked as the brand", row(section(unmarked, "Summary"), "Share of voice")
                .get(5));
        assertTrue(section(unmarked, "Share of voice").rows().isEmpty());

        ListeningRepository listening = store.listening();
        Query brand = listening.createQuery(ws.id(), "Bakery", "bakery", Voice.BRAND, "per_ann");
        Report noCompetitor = service.report(ws.id(), from, to);
        assertEquals("no listening query is marked as a competitor", row(section(noCompetitor, "Summary"),
                "Share of voice").get(5));
        Query rival = listening.createQuery(ws.id(), "Rival Bakes", "rival", Voice.COMPETITOR, "per_ann");
        Query other = listening.createQuery(ws.id(), "Crumbs", "crumbs", Voice.COMPETITOR, "per_ann");

        // This week: 3 brand mentions, 4 of Rival Bakes, 1 of Crumbs; the week before: 1 brand, 3 Rival Bakes.
        Source feed = listening.createSource(ws.id(), "feed", "Press", Credentials.none(), MONDAY);
        Instant received = Instant.parse("2030-03-10T12:00:00Z");
        assertEquals(1, listening.claim("node-1", received, received.plusSeconds(60), 10).size());
        List<Incoming> incoming = new ArrayList<>();
        Map<String, Integer> thisWeek = Map.of(brand.id(), 3, rival.id(), 4, other.id(), 1);
        Map<String, Integer> weekBefore = Map.of(brand.id(), 1, rival.id(), 3);
        for (var week : List.of(Map.entry(P1, thisWeek), Map.entry(P1.minus(Duration.ofDays(7)), weekBefore))) {
            week.getValue().forEach((query, count) -> {
                for (int i = 0; i < count; i++) {
                    Instant at = week.getKey().plusSeconds(60L * incoming.size());
                    incoming.add(new Incoming(new Mention("m" + incoming.size(), "feed", null, "someone", "text", at,
                            null, Map.of()), List.of(query), false));
                }
            });
        }
        listening.completePoll(feed.id(), "node-1", null, incoming, received, received).orElseThrow();

        Report report = service.report(ws.id(), from, to);
        // 3 / (3 + 4 + 1) = 37.5 %; the week before 1 / (1 + 3) = 25 %.
        List<Object> summary = row(section(report, "Summary"), "Share of voice");
        assertEquals(Arrays.asList("Share of voice", "percent", new BigDecimal("37.5"), new BigDecimal("25"),
                new BigDecimal("12.5"), null), summary);
        ReportSection voices = section(report, "Share of voice");
        assertEquals(ReportSection.BAR, voices.chart());
        assertEquals(List.of(Arrays.asList("Brand (Bakery)", 3L, 1L), Arrays.asList("Rival Bakes", 4L, 3L),
                Arrays.asList("Crumbs", 1L, 0L)), voices.rows());
        assertTrue(voices.note().contains("37.5 % of 8 mentions"), voices.note());

        service.createObjective(ws.id(), new ObjectiveInput("Voice", "SHARE_OF_VOICE", "AT_LEAST", new BigDecimal("30"),
                "WEEK", null, null, null), "per_ann");
        Reporting.PeriodStatus week = service.objectives(ws.id()).get(0).periods().get(5);
        assertEquals(from, week.from());
        assertEquals(Evaluation.Outcome.MET, week.evaluation().outcome());
        assertEquals(Evaluation.Outcome.MISSED, service.objectives(ws.id()).get(0).periods().get(4).evaluation()
                .outcome(), "25 % the week before");
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A network that reports likes, replies and shares, and followers (no reach, no quotes). */
    final class Network implements PlatformConnector {
        final Map<String, Map<String, Long>> counters = new HashMap<>();
        final List<List<String>> asked = new CopyOnWriteArrayList<>();
        volatile long followers;
        volatile RuntimeException failure;
        final PlatformInfo info = new PlatformInfo("chatter", "Chatter", Set.of(Capability.PUBLISH, Capability.METRICS),
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
        public List<PostMetrics> metrics(List<String> remoteIds, AccountContext account) {
            if (failure != null) {
                throw failure;
            }
            asked.add(List.copyOf(remoteIds));
            List<PostMetrics> list = new ArrayList<>();
            for (String id : remoteIds) {
                if (counters.containsKey(id)) {
                    list.add(new PostMetrics(id, clock.instant(), counters.get(id)));
                }
            }
            return list;
        }

        @Override
        public AccountMetrics accountMetrics(AccountContext account) {
            return new AccountMetrics(clock.instant(), followers, -1, -1);
        }
    }

    /** Writes each section's title and rows as lines of text. */
    static final class TextRenderer implements ReportRenderer {
        @Override
        public String format() {
            return "txt";
        }

        @Override
        public String mediaType() {
            return "text/plain";
        }

        @Override
        public void render(Report report, OutputStream out) throws IOException {
            StringBuilder text = new StringBuilder(report.title()).append('\n');
            for (ReportSection section : report.sections()) {
                text.append(section.title()).append('\n');
                section.rows().forEach(r -> text.append(r).append('\n'));
            }
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Keeps what it was asked to send, or fails as told. */
    static final class RecordingDelivery implements ReportDelivery {
        record Sent(Map<String, String> settings, List<String> recipients, String subject, String text,
                Document document) {
        }

        final List<Sent> sent = new CopyOnWriteArrayList<>();
        volatile IOException failure;

        @Override
        public String kind() {
            return "email";
        }

        @Override
        public void deliver(Map<String, String> settings, List<String> recipients, String subject, String text,
                Document document) throws IOException {
            if (failure != null) {
                throw failure;
            }
            sent.add(new Sent(settings, recipients, subject, text, document));
        }
    }
}
