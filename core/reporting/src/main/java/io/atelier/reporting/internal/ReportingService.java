package io.atelier.reporting.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.platform.AccountMetrics;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PostMetrics;
import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportBranding;
import io.atelier.api.reporting.ReportDelivery;
import io.atelier.api.reporting.ReportDelivery.Document;
import io.atelier.api.reporting.ReportRenderer;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.Workspace;
import io.atelier.reporting.Reporting;
import io.atelier.reporting.kpi.Comparison;
import io.atelier.reporting.kpi.Evaluation;
import io.atelier.reporting.kpi.Granularity;
import io.atelier.reporting.kpi.Kpi;
import io.atelier.reporting.kpi.Objective;
import io.atelier.reporting.kpi.ReportPeriod;
import io.atelier.scheduling.Platforms;
import io.atelier.scheduling.Platforms.Platform;
import io.atelier.store.AccountRepository;
import io.atelier.store.AlertRepository;
import io.atelier.store.MediaRepository;
import io.atelier.store.MetricsRepository;
import io.atelier.store.MetricsRepository.Collection;
import io.atelier.store.MetricsRepository.CollectionStatus;
import io.atelier.store.MetricsRepository.Daily;
import io.atelier.store.MetricsRepository.PostFigures;
import io.atelier.store.MetricsRepository.Reading;
import io.atelier.store.MetricsRepository.SubjectKind;
import io.atelier.store.MetricsRepository.TrackedPost;
import io.atelier.store.ReportRepository;
import io.atelier.store.ReportRepository.ObjectiveInput;
import io.atelier.store.ReportRepository.Schedule;
import io.atelier.store.ReportRepository.ScheduleInput;
import io.atelier.store.ReportRepository.Share;
import io.atelier.store.StoreInfo;
import io.atelier.store.StoredAccountContext;
import io.atelier.store.WorkspaceRepository;

/**
 * The reporting service in the framework. Unless {@code etc/io.atelier.reporting.cfg}
 * says {@code collector=false}, a thread of its own reads the counters of the
 * accounts this node holds a lease on, sends the scheduled reports that are due and
 * deletes samples past their retention. Renderers and deliveries are plugins
 * (whiteboards): a format or a kind appears when its bundle starts.
 */
@Component(configurationPid = ReportingConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ReportingConfig.class)
public final class ReportingService implements Reporting {

    private static final Logger LOG = LoggerFactory.getLogger(ReportingService.class);
    /** Framework property with the address the workbench listens on, set by the launcher. */
    static final String WORKBENCH_URL = "atelier.url";
    /** Posts younger than this are read at every turn; older ones once a day. */
    static final Duration YOUNG = Duration.ofDays(3);
    static final int BATCH = 50;
    static final int SCHEDULE_ATTEMPTS = 5;
    static final int OBJECTIVE_PERIODS = 6;
    static final Duration LONGEST_SHARE = Duration.ofDays(90);
    static final int MIN_POSTS_FOR_BEST_TIMES = 5;
    private static final LocalTime SEND_AT = LocalTime.of(7, 0);
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MetricsRepository metrics;
    private final ReportRepository reports;
    private final WorkspaceRepository workspaces;
    private final AccountRepository accounts;
    private final MediaRepository media;
    private final AlertRepository alerts;
    private final Platforms platforms;
    private final String node;
    private final Settings settings;
    private final Clock clock;
    private final Plugins<ReportRenderer> renderers = new Plugins<>(ReportRenderer::format);
    private final Plugins<ReportDelivery> deliveries = new Plugins<>(ReportDelivery::kind);
    private ScheduledExecutorService loop;
    private volatile LocalDate lastPurge;

    /** How this node collects and sends, read from {@link ReportingConfig}. */
    record Settings(Duration interval, Duration track, Duration retention, String workbenchUrl) {

        static Settings from(ReportingConfig config, String listenUrl) {
            if (config.collectIntervalMinutes() < 1) {
                throw new IllegalArgumentException("collectIntervalMinutes in " + ReportingConfig.FILE
                        + " must be at least 1, was " + config.collectIntervalMinutes());
            }
            if (config.trackDays() < 1) {
                throw new IllegalArgumentException("trackDays in " + ReportingConfig.FILE + " must be at least 1, was "
                        + config.trackDays());
            }
            if (config.sampleRetentionDays() < 0) {
                throw new IllegalArgumentException("sampleRetentionDays in " + ReportingConfig.FILE
                        + " must be 0 (keep every sample) or more, was " + config.sampleRetentionDays());
            }
            String url = config.publicUrl() == null || config.publicUrl().isBlank() ? listenUrl : config.publicUrl().strip();
            url = url == null || url.isBlank() ? null : url.endsWith("/") ? url : url + "/";
            return new Settings(Duration.ofMinutes(config.collectIntervalMinutes()), Duration.ofDays(config.trackDays()),
                    Duration.ofDays(config.sampleRetentionDays()), url);
        }
    }

    @Activate
    public ReportingService(@Reference MetricsRepository metrics, @Reference ReportRepository reports,
            @Reference WorkspaceRepository workspaces, @Reference AccountRepository accounts,
            @Reference MediaRepository media, @Reference AlertRepository alerts, @Reference Platforms platforms,
            @Reference StoreInfo store, ReportingConfig config, BundleContext context) {
        this(metrics, reports, workspaces, accounts, media, alerts, platforms, store.nodeId(),
                Settings.from(config, context.getProperty(WORKBENCH_URL)), Clock.systemUTC());
        if (config.collector()) {
            loop = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "atelier-reporting");
                thread.setDaemon(true);
                return thread;
            });
            loop.scheduleWithFixedDelay(this::turn, 5, 30, TimeUnit.SECONDS);
            LOG.info("Metrics collection and scheduled reports started on node {}", node);
        }
    }

    /** The service outside the framework (tests): nothing runs until {@link #collectDue()} or {@link #sendDue()}. */
    ReportingService(MetricsRepository metrics, ReportRepository reports, WorkspaceRepository workspaces,
            AccountRepository accounts, MediaRepository media, AlertRepository alerts, Platforms platforms,
            String node, Settings settings, Clock clock) {
        this.metrics = metrics;
        this.reports = reports;
        this.workspaces = workspaces;
        this.accounts = accounts;
        this.media = media;
        this.alerts = alerts;
        this.platforms = platforms;
        this.node = node;
        this.settings = settings;
        this.clock = clock;
    }

    @Deactivate
    void deactivate() {
        if (loop != null) {
            loop.shutdownNow();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRenderer(ReportRenderer renderer, Map<String, Object> properties) {
        add(renderers, renderer, properties, "report renderer");
    }

    void removeRenderer(ReportRenderer renderer, Map<String, Object> properties) {
        renderers.remove(properties.get(Constants.SERVICE_ID));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDelivery(ReportDelivery delivery, Map<String, Object> properties) {
        add(deliveries, delivery, properties, "report delivery");
    }

    void removeDelivery(ReportDelivery delivery, Map<String, Object> properties) {
        deliveries.remove(properties.get(Constants.SERVICE_ID));
    }

    private static <T> void add(Plugins<T> plugins, T plugin, Map<String, Object> properties, String role) {
        int ranking = properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
        try {
            plugins.add(properties.get(Constants.SERVICE_ID), ranking, plugin);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("The {} {} of bundle {} is left out: it failed to describe itself", role,
                    plugin.getClass().getName(), properties.get("service.bundleid"), e);
        }
    }

    /** For tests: a renderer or a delivery without the framework. */
    Plugins<ReportRenderer> renderers() {
        return renderers;
    }

    Plugins<ReportDelivery> deliveries() {
        return deliveries;
    }

    /** One turn of the background thread; a failure is logged and the next turn comes anyway. */
    private void turn() {
        try {
            collectDue();
            sendDue();
            purge();
        } catch (RuntimeException e) {
            LOG.warn("A turn of metrics collection and scheduled reports failed; trying again in 30 s", e);
        }
    }

    // Reports

    @Override
    public List<Format> formats() {
        List<Format> formats = new ArrayList<>();
        for (String format : renderers.keys()) {
            renderers.find(format).ifPresent(r -> formats.add(new Format(format, r.mediaType())));
        }
        return formats;
    }

    @Override
    public Report report(String workspaceId, LocalDate from, LocalDate to) {
        checkPeriod(from, to);
        Workspace workspace = workspace(workspaceId);
        Map<String, Account> byId = accountsOf(workspaceId);
        Predicate<String> all = PeriodData.scope(byId, null, null);
        long days = ChronoUnit.DAYS.between(from, to);
        PeriodData current = PeriodData.load(metrics, reports, workspaceId, workspace.zone(), from, to, all,
                true);
        PeriodData previous = PeriodData.load(metrics, reports, workspaceId, workspace.zone(), from.minusDays(days), from,
                all, false);
        Instant now = clock.instant();
        List<Evaluation> evaluations = new ArrayList<>();
        for (ReportRepository.Objective stored : reports.objectives(workspaceId)) {
            Objective objective = objective(stored);
            PeriodData data = stored.platform() == null && stored.accountId() == null ? current
                    : current.restrict(PeriodData.scope(byId, stored.platform(), stored.accountId()));
            evaluations.add(objective.evaluate(data.kpi(objective.kpi(), objective.within(), now)));
        }
        WorkspaceRepository.Branding branding = workspaces.branding(workspaceId);
        String name = branding.displayName() != null ? branding.displayName() : workspace.name();
        return ReportBuilder.build(workspace.id(), name, reportBranding(workspaceId, branding), byId, current, previous,
                evaluations, now);
    }

    /**
     * The workspace's logo (when it is a PNG or JPEG of its library, small enough) and
     * accent colour, as reports carry them; a logo that cannot be drawn is left out.
     */
    private ReportBranding reportBranding(String workspaceId, WorkspaceRepository.Branding branding) {
        String logoType = null;
        byte[] logo = null;
        if (branding.logo() != null) {
            Optional<MediaRepository.StoredMedia> found = media.find(workspaceId, branding.logo())
                    .filter(m -> ReportBranding.LOGO_TYPES.contains(m.mediaType())
                            && m.size() <= ReportBranding.MAX_LOGO_BYTES);
            if (found.isPresent()) {
                logo = media.bytes(workspaceId, found.get().id()).orElse(null);
                logoType = logo == null ? null : found.get().mediaType();
            }
        }
        String accent = branding.accent() != null && branding.accent().matches("#[0-9a-fA-F]{6}") ? branding.accent()
                : null;
        return new ReportBranding(logoType, logo, accent);
    }

    static void checkPeriod(LocalDate from, LocalDate to) {
        if (from == null) {
            throw new IllegalArgumentException("from: give the first day of the period (YYYY-MM-DD)");
        }
        if (to == null) {
            throw new IllegalArgumentException("to: give the day after the period (YYYY-MM-DD)");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("to: the period must end after it starts (" + from + " – " + to + ")");
        }
        long days = ChronoUnit.DAYS.between(from, to);
        if (days > MAX_DAYS) {
            throw new IllegalArgumentException("to: a report covers at most " + MAX_DAYS + " days, this period has "
                    + days + "; make one report per year");
        }
    }

    @Override
    public Document render(Report report, String format) throws IOException {
        ReportRenderer renderer = renderers.find(format == null ? "" : format).orElseThrow(
                () -> new IllegalArgumentException("format: no installed plugin renders '" + format + "' (installed: "
                        + String.join(", ", renderers.keys()) + ")"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(report, out);
        LocalDate from = report.from().atZone(report.zone()).toLocalDate();
        LocalDate last = report.to().atZone(report.zone()).toLocalDate().minusDays(1);
        String name = slug(report.workspaceName()) + "-" + from + "-" + last + "." + renderer.format();
        return new Document(name, renderer.mediaType(), out.toByteArray());
    }

    static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "report" : slug;
    }

    // Metrics

    @Override
    public List<Daily> daily(String workspaceId, LocalDate from, LocalDate to) {
        checkPeriod(from, to);
        workspace(workspaceId);
        return metrics.daily(workspaceId, from, to);
    }

    @Override
    public List<CollectionStatus> collections(String workspaceId) {
        return metrics.collections(workspaceId);
    }

    @Override
    public void collectSoon(String workspaceId, String accountId) {
        metrics.collectSoon(workspaceId, accountId);
    }

    @Override
    public int collectDue() {
        Set<String> measured = platforms.all().stream()
                .filter(p -> p.info().capabilities().contains(Capability.METRICS)).map(p -> p.info().id())
                .collect(Collectors.toSet());
        Instant now = clock.instant();
        List<Collection> due = metrics.claimCollections(node, measured, now, now.plus(Duration.ofMinutes(10)), 20);
        for (Collection collection : due) {
            collect(collection);
        }
        return due.size();
    }

    /** Reads one account's counters and its posts' and saves them with the outcome. */
    private void collect(Collection lease) {
        Instant now = clock.instant();
        List<Reading> readings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try {
            Account account = accounts.find(lease.workspaceId(), lease.accountId())
                    .orElseThrow(() -> new NoSuchElementException("the account is gone"));
            Platform platform = platforms.find(account.platform()).orElseThrow(() -> new NoSuchElementException(
                    "no installed plugin provides the platform " + account.platform()));
            StoredAccountContext context = StoredAccountContext.stored(accounts, media, account);
            List<TrackedPost> due = metrics.trackedPosts(account.id(), now.minus(settings.track())).stream()
                    .filter(p -> isDue(p, lease.forced(), now)).toList();
            Map<String, TrackedPost> byRemote = new LinkedHashMap<>();
            due.forEach(p -> byRemote.put(p.remoteId(), p));
            List<String> remoteIds = new ArrayList<>(byRemote.keySet());
            for (int i = 0; i < remoteIds.size(); i += BATCH) {
                List<String> batch = remoteIds.subList(i, Math.min(remoteIds.size(), i + BATCH));
                try {
                    for (PostMetrics post : platform.connector().metrics(batch, context)) {
                        TrackedPost tracked = byRemote.get(post.remoteId());
                        if (tracked == null) {
                            continue;
                        }
                        post.values().forEach((metric, value) -> readings.add(new Reading(SubjectKind.POST,
                                post.remoteId(), tracked.postId(), tracked.publishedAt(), metric, post.measuredAt(),
                                value)));
                    }
                } catch (PlatformException | RuntimeException e) {
                    errors.add("post counters: " + reason(e));
                    if (e instanceof AuthExpiredException) {
                        break;
                    }
                }
            }
            try {
                AccountMetrics counters = platform.connector().accountMetrics(context);
                readings.add(new Reading(SubjectKind.ACCOUNT, "", null, null, PeriodData.FOLLOWERS,
                        counters.measuredAt(), counters.followers()));
                if (counters.following() >= 0) {
                    readings.add(new Reading(SubjectKind.ACCOUNT, "", null, null, "following", counters.measuredAt(),
                            counters.following()));
                }
                if (counters.posts() >= 0) {
                    readings.add(new Reading(SubjectKind.ACCOUNT, "", null, null, "posts", counters.measuredAt(),
                            counters.posts()));
                }
            } catch (UnsupportedOperationException e) {
                // The network gives no account counters: posts only.
            } catch (PlatformException | RuntimeException e) {
                errors.add("account counters: " + reason(e));
            }
        } catch (RuntimeException e) {
            errors.add(e instanceof NoSuchElementException ? e.getMessage() : reason(e));
        }
        String error = errors.isEmpty() ? null : String.join("; ", errors);
        Duration pause = error == null ? settings.interval()
                : min(settings.interval().multipliedBy(1L << Math.min(lease.failures(), 5)), Duration.ofDays(1));
        if (error != null) {
            LOG.warn("The counters of account {} could not all be read ({}); next try at {}", lease.accountId(), error,
                    now.plus(pause));
        }
        if (!metrics.completeCollection(node, lease.accountId(), readings, now.plus(pause), error)) {
            LOG.info("The collection lease on account {} was lost; its readings are left to the next holder",
                    lease.accountId());
        }
    }

    /** Whether a post is read at this turn; {@code forced}: a person asked, young posts are read whatever. */
    private boolean isDue(TrackedPost post, boolean forced, Instant now) {
        if (post.lastMeasuredAt() == null) {
            return true;
        }
        boolean young = post.publishedAt().isAfter(now.minus(YOUNG));
        if (forced && young) {
            return true;
        }
        // A little early rather than a whole turn late.
        Duration every = young ? settings.interval() : Duration.ofDays(1);
        return !post.lastMeasuredAt().isAfter(now.minus(every).plus(Duration.ofMinutes(1)));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A failure for people and logs: the plugin's message, never its stack. */
    private static String reason(Exception e) {
        if (e instanceof AuthExpiredException) {
            return "the account needs reconnecting in Accounts";
        }
        if (e instanceof PlatformException) {
            return e.getMessage();
        }
        if (e instanceof UnsupportedOperationException) {
            return "the plugin does not report them";
        }
        LOG.warn("A connector failed while its counters were read", e);
        return "the plugin failed (" + e.getClass().getSimpleName() + ")";
    }

    private void purge() {
        LocalDate today = LocalDate.now(clock);
        if (settings.retention().isZero() || today.equals(lastPurge)) {
            return;
        }
        int purged = metrics.purgeSamples(clock.instant().minus(settings.retention()));
        lastPurge = today;
        if (purged > 0) {
            LOG.info("Deleted {} metric samples older than {} days", purged, settings.retention().toDays());
        }
    }

    // Objectives

    @Override
    public List<ObjectiveStatus> objectives(String workspaceId) {
        Workspace workspace = workspace(workspaceId);
        Map<String, Account> byId = accountsOf(workspaceId);
        Instant now = clock.instant();
        List<ObjectiveStatus> list = new ArrayList<>();
        for (ReportRepository.Objective stored : reports.objectives(workspaceId)) {
            Objective objective = objective(stored);
            ReportPeriod period = objective.granularity().periodContaining(now, workspace.zone());
            List<PeriodStatus> periods = new ArrayList<>();
            for (int i = 0; i < OBJECTIVE_PERIODS; i++) {
                LocalDate from = period.from().atZone(workspace.zone()).toLocalDate();
                LocalDate to = period.to().atZone(workspace.zone()).toLocalDate();
                PeriodData data = PeriodData.load(metrics, reports, workspaceId, workspace.zone(), from, to,
                        PeriodData.scope(byId, stored.platform(), stored.accountId()), false);
                periods.add(0, new PeriodStatus(from, to, objective.evaluate(data.kpi(objective.kpi(),
                        objective.within(), now))));
                period = objective.granularity().periodContaining(period.from().minusSeconds(1), workspace.zone());
            }
            list.add(new ObjectiveStatus(stored, periods));
        }
        return list;
    }

    @Override
    public ReportRepository.Objective createObjective(String workspaceId, ObjectiveInput input, String actor) {
        Kpi kpi = parse(Kpi.class, "kpi", input.kpi());
        Comparison comparison = parse(Comparison.class, "comparison", input.comparison());
        Granularity granularity = parse(Granularity.class, "granularity", input.granularity());
        new Objective(kpi, comparison, input.target(), granularity, input.within());
        if (input.platform() != null
                && accountsOf(workspaceId).values().stream().noneMatch(a -> a.platform().equals(input.platform()))) {
            throw new IllegalArgumentException("platform: the workspace has no account on '" + input.platform() + "'");
        }
        return reports.createObjective(workspaceId, new ObjectiveInput(input.name(), kpi.name(), comparison.name(),
                input.target(), granularity.name(), input.within(), input.platform(), input.accountId()), actor);
    }

    @Override
    public boolean deleteObjective(String workspaceId, String objectiveId) {
        return reports.deleteObjective(workspaceId, objectiveId);
    }

    static Objective objective(ReportRepository.Objective stored) {
        return new Objective(Kpi.valueOf(stored.kpi()), Comparison.valueOf(stored.comparison()), stored.target(),
                Granularity.valueOf(stored.granularity()), stored.within());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": give one of " + names(type));
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not one of " + names(type));
        }
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    // Schedules

    /** The periods a schedule reports on. */
    enum Period {
        WEEK, MONTH;

        /** The last complete period before {@code day}: the previous week (Monday to Sunday) or month. */
        LocalDate[] lastComplete(LocalDate day) {
            if (this == WEEK) {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                return new LocalDate[] {monday.minusWeeks(1), monday};
            }
            LocalDate first = day.withDayOfMonth(1);
            return new LocalDate[] {first.minusMonths(1), first};
        }

        /** The next sending time after {@code now}: Monday or the 1st, at 07:00 in the zone. */
        Instant next(Instant now, ZoneId zone) {
            LocalDate today = now.atZone(zone).toLocalDate();
            LocalDate day = this == WEEK ? today.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                    : today.withDayOfMonth(1).plusMonths(1);
            return day.atTime(SEND_AT).atZone(zone).toInstant();
        }
    }

    @Override
    public List<Schedule> schedules(String workspaceId) {
        return reports.schedules(workspaceId);
    }

    @Override
    public Schedule createSchedule(String workspaceId, ScheduleInput input, String actor) {
        Workspace workspace = workspace(workspaceId);
        Period period = parse(Period.class, "period", input.period());
        String format = input.format() == null ? "" : input.format().strip().toLowerCase(Locale.ROOT);
        if (renderers.find(format).isEmpty()) {
            throw new IllegalArgumentException("format: no installed plugin renders '" + input.format()
                    + "' (installed: " + String.join(", ", renderers.keys()) + ")");
        }
        AlertRepository.Channel channel = alerts.channels(workspaceId).stream()
                .filter(c -> c.id().equals(input.channelId())).findFirst().orElseThrow(
                        () -> new IllegalArgumentException("channelId: no channel " + input.channelId()
                                + " in this workspace"));
        if (deliveries.find(channel.sink()).isEmpty()) {
            throw new IllegalArgumentException("channelId: channel '" + channel.name() + "' is of kind "
                    + channel.sink() + ", which cannot send reports (kinds that can: "
                    + String.join(", ", deliveries.keys()) + ")");
        }
        List<String> recipients = input.recipients().stream().map(String::strip).filter(r -> !r.isEmpty()).toList();
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("recipients: give at least one e-mail address");
        }
        for (String recipient : recipients) {
            if (!ADDRESS.matcher(recipient).matches()) {
                throw new IllegalArgumentException("recipients: '" + recipient + "' is not an e-mail address");
            }
        }
        return reports.createSchedule(workspaceId, new ScheduleInput(input.name(), period.name(), format,
                channel.id(), recipients, input.enabled()), period.next(clock.instant(), workspace.zone()), actor);
    }

    @Override
    public boolean deleteSchedule(String workspaceId, String scheduleId) {
        return reports.deleteSchedule(workspaceId, scheduleId);
    }

    @Override
    public boolean sendSoon(String workspaceId, String scheduleId) {
        return reports.runSoon(workspaceId, scheduleId);
    }

    @Override
    public int sendDue() {
        Instant now = clock.instant();
        int sent = 0;
        for (Schedule schedule : reports.claimSchedules(node, now, now.plus(Duration.ofMinutes(10)), 10)) {
            String error = send(schedule);
            Instant ranAt = clock.instant();
            Instant next;
            ZoneId zone = workspaces.find(schedule.workspaceId()).map(Workspace::zone).orElse(ZoneId.of("UTC"));
            Period period = Period.valueOf(schedule.period());
            if (error == null) {
                sent++;
                next = period.next(ranAt, zone);
            } else if (schedule.attempts() + 1 < SCHEDULE_ATTEMPTS) {
                next = ranAt.plus(Duration.ofMinutes(1L << (2 * schedule.attempts())));
                LOG.warn("Scheduled report {} could not be sent ({}); trying again at {}", schedule.id(), error, next);
            } else {
                next = period.next(ranAt, zone);
                LOG.warn("Scheduled report {} could not be sent ({}); given up until {}", schedule.id(), error, next);
            }
            reports.completeSchedule(node, schedule.id(), next, ranAt, error);
        }
        return sent;
    }

    /** Builds, renders and delivers one scheduled report. @return {@code null}, or why it failed */
    private String send(Schedule schedule) {
        try {
            Workspace workspace = workspace(schedule.workspaceId());
            LocalDate[] period = Period.valueOf(schedule.period())
                    .lastComplete(clock.instant().atZone(workspace.zone()).toLocalDate());
            AlertRepository.Channel channel = alerts.channels(schedule.workspaceId()).stream()
                    .filter(c -> c.id().equals(schedule.channelId())).findFirst()
                    .orElseThrow(() -> new NoSuchElementException("its channel is gone"));
            ReportDelivery delivery = deliveries.find(channel.sink()).orElseThrow(() -> new NoSuchElementException(
                    "no installed plugin sends reports through " + channel.sink()));
            Map<String, String> channelSettings = alerts.channelSettings(schedule.workspaceId(), channel.id())
                    .orElseThrow(() -> new NoSuchElementException("its channel is gone")).asMap();
            Report report = report(schedule.workspaceId(), period[0], period[1]);
            Document document = render(report, schedule.format());
            String subject = workspace.name() + ": report " + period[0] + " – " + period[1].minusDays(1);
            StringBuilder text = new StringBuilder().append("The report of ").append(workspace.name()).append(" for ")
                    .append(period[0]).append(" – ").append(period[1].minusDays(1)).append(" is attached (")
                    .append(schedule.name()).append(").\n");
            if (settings.workbenchUrl() != null) {
                text.append("\nOpen the workbench: ").append(settings.workbenchUrl()).append('\n');
            }
            delivery.deliver(channelSettings, schedule.recipients(), subject, text.toString(), document);
            return null;
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        } catch (IOException | NoSuchElementException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            LOG.warn("Scheduled report {} failed", schedule.id(), e);
            return "failed (" + e.getClass().getSimpleName() + ")";
        }
    }

    // Share links

    @Override
    public SharedLink share(String workspaceId, LocalDate from, LocalDate to, Duration validFor, String actor) {
        checkPeriod(from, to);
        Workspace workspace = workspace(workspaceId);
        if (validFor == null || validFor.isNegative() || validFor.isZero() || validFor.compareTo(LONGEST_SHARE) > 0) {
            throw new IllegalArgumentException("validDays: a link is valid from 1 to " + LONGEST_SHARE.toDays()
                    + " days");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Share share = reports.createShare(workspaceId, hash(token), from.atStartOfDay(workspace.zone()).toInstant(),
                to.atStartOfDay(workspace.zone()).toInstant(), clock.instant().plus(validFor), actor);
        return new SharedLink(share, token);
    }

    @Override
    public Optional<Report> openShare(String token) {
        return findShare(token).filter(s -> s.opensAt(clock.instant())).flatMap(share -> {
            Optional<Workspace> workspace = workspaces.find(share.workspaceId());
            return workspace.map(w -> report(w.id(), share.from().atZone(w.zone()).toLocalDate(),
                    share.to().atZone(w.zone()).toLocalDate()));
        });
    }

    @Override
    public Optional<Share> findShare(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        return reports.shareByHash(hash(token));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public List<Share> shares(String workspaceId) {
        return reports.shares(workspaceId);
    }

    @Override
    public boolean revokeShare(String workspaceId, String shareId) {
        return reports.revokeShare(workspaceId, shareId, clock.instant());
    }

    // Best times

    @Override
    public List<Slot> bestTimes(String workspaceId, String accountId, int limit) {
        Workspace workspace = workspace(workspaceId);
        if (accounts.find(workspaceId, accountId).isEmpty()) {
            throw new NoSuchElementException("account " + accountId + " is not in this workspace");
        }
        if (limit < 1 || limit > 168) {
            throw new IllegalArgumentException("limit: give 1 to 168 hours");
        }
        Instant now = clock.instant();
        Map<Integer, long[]> slots = new HashMap<>();
        int measured = 0;
        for (PostFigures post : metrics.postCounters(workspaceId, now.minus(Duration.ofDays(90)), now)) {
            Long engagements = post.accountId().equals(accountId) ? PeriodData.engagements(post) : null;
            if (engagements == null) {
                continue;
            }
            measured++;
            var local = post.publishedAt().atZone(workspace.zone());
            long[] slot = slots.computeIfAbsent(local.getDayOfWeek().getValue() * 100 + local.getHour(),
                    k -> new long[2]);
            slot[0] += engagements;
            slot[1]++;
        }
        if (measured < MIN_POSTS_FOR_BEST_TIMES) {
            return List.of();
        }
        return slots.entrySet().stream()
                .map(e -> new Slot(DayOfWeek.of(e.getKey() / 100), e.getKey() % 100,
                        ReportBuilder.round(BigDecimal.valueOf(e.getValue()[0]).divide(
                                BigDecimal.valueOf(e.getValue()[1]), 4, RoundingMode.HALF_EVEN)),
                        (int) e.getValue()[1]))
                .sorted(Comparator.comparing(Slot::meanInteractions).reversed()
                        .thenComparing(Comparator.comparingInt(Slot::posts).reversed())
                        .thenComparing(Slot::day).thenComparingInt(Slot::hour))
                .limit(limit).toList();
    }

    // Lookups

    private Workspace workspace(String workspaceId) {
        return workspaces.find(workspaceId)
                .orElseThrow(() -> new NoSuchElementException("workspace " + workspaceId + " does not exist"));
    }

    private Map<String, Account> accountsOf(String workspaceId) {
        Map<String, Account> byId = new LinkedHashMap<>();
        accounts.list(workspaceId).forEach(a -> byId.put(a.id(), a));
        return byId;
    }
}
