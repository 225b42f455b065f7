package io.atelier.shell.internal.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportDelivery.Document;
import io.atelier.api.workspace.Workspace;
import io.atelier.reporting.Reporting;
import io.atelier.shell.internal.audit.Actor;
import io.atelier.shell.internal.audit.Audit;
import io.atelier.shell.internal.listening.ListeningOperations;
import io.atelier.shell.internal.report.ReportService.IssuedShare;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.Download;
import io.atelier.shell.internal.rest.ErrorCode;
import io.atelier.shell.internal.rest.QueryParameters;
import io.atelier.shell.internal.rest.StoreAccess;
import io.atelier.shell.internal.rest.StoreCalls;
import io.atelier.store.MetricsRepository.CollectionStatus;
import io.atelier.store.MetricsRepository.Daily;
import io.atelier.store.ReportRepository.Objective;
import io.atelier.store.ReportRepository.ObjectiveInput;
import io.atelier.store.ReportRepository.Schedule;
import io.atelier.store.ReportRepository.ScheduleInput;
import io.atelier.store.ReportRepository.Share;

/**
 * Reporting as the shell offers it, behind the REST routes and the console: the
 * metrics collected, reports of a period as JSON or rendered by the installed
 * renderers, objectives with how they fared, scheduled reports, read-only share
 * links and the best times to post. It calls the reporting service through an
 * optional, dynamic reference: without it every call answers 503 and the rest of
 * the workbench works. Changes are recorded in the audit log with the real caller;
 * a share link's token is answered once and never recorded or logged.
 */
@Component(service = ReportOperations.class)
public final class ReportOperations {

    /** The format answered as the report's own JSON rather than by a renderer. */
    public static final String JSON = "json";
    /** Where a share link opens, relative to the workbench's address; the token follows. */
    public static final String SHARED_PATH = "/api/v1/shared/reports/";
    /** Best times answered when no limit is asked for. */
    static final int DEFAULT_SLOTS = 5;
    /** Every hour of a week. */
    static final int MAX_SLOTS = 7 * 24;
    /** The longest a share link opens, in days (the reporting service's limit). */
    static final int MAX_SHARE_DAYS = 90;

    private static final Logger LOG = LoggerFactory.getLogger(ReportOperations.class);

    private final StoreAccess store;
    private final Audit audit;
    /** The service in use and the reference it came from; null while there is none. */
    private volatile Bound reporting;

    private record Bound(ServiceReference<?> reference, ReportService service) {
    }

    @Activate
    public ReportOperations(@Reference StoreAccess store, @Reference Audit audit) {
        this.store = store;
        this.audit = audit;
    }

    /**
     * The reporting service, taken by its reference only: this class never names the
     * reporting bundle's types (their packages are imported optionally), so it loads,
     * and the shell starts, without that bundle. The bridge that names them is loaded
     * here, once a service is there.
     */
    @Reference(service = Reporting.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindReporting")
    void bindReporting(ServiceReference<?> reference) {
        BundleContext context = FrameworkUtil.getBundle(ReportOperations.class).getBundleContext();
        Object service = context.getService(reference);
        if (service == null) {
            return;
        }
        try {
            reporting = new Bound(reference, ReportingBridge.of(service));
        } catch (LinkageError e) {
            // The reporting bundle came after the shell resolved: its packages are not wired to the shell yet.
            context.ungetService(reference);
            LOG.warn("The reporting service is not usable by the shell until the shell bundle is refreshed: {}",
                    e.toString());
        }
    }

    void unbindReporting(ServiceReference<?> reference) {
        Bound bound = reporting;
        if (bound != null && bound.reference().equals(reference)) {
            reporting = null;
            BundleContext context = FrameworkUtil.getBundle(ReportOperations.class).getBundleContext();
            if (context != null) {
                context.ungetService(reference);
            }
        }
    }

    // --- answers

    /** A format an installed renderer writes, e.g. {@code pdf} as {@code application/pdf}. */
    public record FormatView(String format, String mediaType) {
    }

    /** One day of one counter of one account. */
    public record DayView(String accountId, LocalDate day, String metric, long gained, Long closing) {

        static DayView of(Daily daily) {
            return new DayView(daily.accountId(), daily.day(), daily.metric(), daily.gained(), daily.closing());
        }
    }

    /** Where an account's collection stands. */
    public record CollectionView(String accountId, Instant lastCollectedAt, Instant nextAt, String lastError,
            int failures) {

        static CollectionView of(CollectionStatus status) {
            return new CollectionView(status.accountId(), status.lastCollectedAt(), status.nextAt(),
                    status.lastError(), status.failures());
        }
    }

    /** The metrics of a period and where each account's collection stands. */
    public record MetricsView(LocalDate from, LocalDate to, List<DayView> days, List<CollectionView> collections) {
    }

    /** A collection asked for: it happens at the collector's next turn. */
    public record CollectAccepted(String accountId, String status) {
    }

    /**
     * An objective in one period {@code [from, to)}: {@code MET}, {@code MISSED} or
     * {@code NOT_COMPUTABLE}; the value and the gap to the target (value − target) when
     * computable, what it rests on, or else why it is not.
     */
    public record PeriodView(LocalDate from, LocalDate to, String outcome, BigDecimal value, BigDecimal gap,
            Long basis, Long excluded, String reason, String detail) {
    }

    /** An objective and its recent periods, the current one last. */
    public record ObjectiveView(String id, String name, String kpi, String comparison, BigDecimal target,
            String granularity, Duration within, String platform, String account, String createdBy,
            Instant createdAt, List<PeriodView> periods) {

        public ObjectiveView {
            periods = List.copyOf(periods);
        }

        static ObjectiveView of(Objective objective, List<PeriodView> periods) {
            return new ObjectiveView(objective.id(), objective.name(), objective.kpi(), objective.comparison(),
                    objective.target(), objective.granularity(), objective.within(), objective.platform(),
                    objective.accountId(), objective.createdBy(), objective.createdAt(), periods);
        }
    }

    /** A report sent on a schedule to the recipients through one of the workspace's alert channels. */
    public record ScheduleView(String id, String name, String period, String format, String channel,
            List<String> recipients, boolean enabled, Instant nextRunAt, Instant lastRunAt, String lastError,
            int attempts, String createdBy, Instant createdAt) {

        static ScheduleView of(Schedule s) {
            return new ScheduleView(s.id(), s.name(), s.period(), s.format(), s.channelId(), s.recipients(),
                    s.enabled(), s.nextRunAt(), s.lastRunAt(), s.lastError(), s.attempts(), s.createdBy(),
                    s.createdAt());
        }
    }

    /** A share link without its token: the days it shows, until when, and whether it still opens. */
    public record ShareView(String id, LocalDate from, LocalDate to, String createdBy, Instant createdAt,
            Instant expiresAt, Instant revokedAt, boolean open) {

        static ShareView of(Share share, ZoneId zone, Instant now) {
            return new ShareView(share.id(), share.from().atZone(zone).toLocalDate(),
                    share.to().atZone(zone).toLocalDate(), share.createdBy(), share.createdAt(), share.expiresAt(),
                    share.revokedAt(), share.opensAt(now));
        }
    }

    /** A share link just made, with its token and its address: shown this once. */
    public record NewShareView(ShareView share, String token, String url) {
    }

    /** An hour of the week in the workspace's zone and how posts published then fared. */
    public record SlotView(String day, int hour, BigDecimal meanInteractions, int posts) {
    }

    // --- formats, metrics, reports

    public List<FormatView> formats() {
        return service().formats();
    }

    public MetricsView metrics(String workspaceId, Map<String, String> query) {
        Period period = period(workspaceId, query);
        ReportService service = service();
        return new MetricsView(period.from(), period.to(),
                call(() -> service.daily(workspaceId, period.from(), period.to())).stream().map(DayView::of).toList(),
                call(() -> service.collections(workspaceId)).stream().map(CollectionView::of).toList());
    }

    public CollectAccepted collect(Actor actor, String workspaceId, String accountId) {
        workspace(workspaceId);
        if (accountId == null || accountId.isBlank()) {
            throw ApiException.invalid("accountId", "accountId is required: the account whose counters to read");
        }
        ReportService service = service();
        call(() -> {
            service.collectSoon(workspaceId, accountId.strip());
            return null;
        }, missing -> ApiException.invalid("accountId", "accountId must be an account of the workspace: "
                + missing));
        audit.record(actor, workspaceId, "metrics.collect-requested", "account", accountId.strip(), null);
        return new CollectAccepted(accountId.strip(), "queued");
    }

    /** The period of {@code from} and {@code to} in the query (dates), in the workspace's zone. */
    public Period period(String workspaceId, Map<String, String> query) {
        return Period.of(query.get("from"), query.get("to"), today(workspaceId));
    }

    /** Today in the workspace's zone. */
    public LocalDate today(String workspaceId) {
        return LocalDate.now(workspace(workspaceId).zone());
    }

    /**
     * The report of the query's period: the {@link Report} itself for {@code format=json}
     * (the default), else the document the format's renderer writes, to save, or to show
     * when {@code inline=true} and it is HTML.
     */
    public Object report(String workspaceId, Map<String, String> query) throws IOException {
        String format = format(query);
        boolean inline = inline(query);
        Period period = period(workspaceId, query);
        if (!format.equals(JSON)) {
            checkFormat(format);
        }
        Report report = report(workspaceId, period);
        if (format.equals(JSON)) {
            return report;
        }
        Document document = render(report, format);
        return Download.report(document.mediaType(), fileName(document, format), inline, document.content());
    }

    /** The report of the workspace for {@code period}. */
    public Report report(String workspaceId, Period period) {
        ReportService service = service();
        return call(() -> service.report(workspaceId, period.from(), period.to()),
                missing -> ApiException.notFound("workspace", missing));
    }

    /** {@code report} rendered by the renderer of {@code format}; an unknown format is refused on field format. */
    public Document render(Report report, String format) throws IOException {
        checkFormat(format);
        ReportService service = service();
        try {
            return service.render(report, format);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("format", e.getMessage());
        }
    }

    /** Refuses, on field format, a format no installed renderer writes ({@code json} is not checked here). */
    public void checkFormat(String format) {
        List<String> formats = formats().stream().map(FormatView::format).toList();
        if (!formats.contains(format)) {
            throw ApiException.invalid("format", "format must be " + JSON + (formats.isEmpty()
                    ? " (no plugin renders reports as files)" : " or one of " + String.join(", ", formats))
                    + ", not '" + format + "'");
        }
    }

    private static String format(Map<String, String> query) {
        String format = QueryParameters.text(query, "format");
        return format == null ? JSON : format.toLowerCase(Locale.ROOT);
    }

    private static boolean inline(Map<String, String> query) {
        String inline = QueryParameters.text(query, "inline");
        if (inline == null || inline.equalsIgnoreCase("false")) {
            return false;
        }
        if (inline.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiException.invalid("inline", "inline must be true or false");
    }

    /** The renderer's file name, kept to what a download may be named. */
    static String fileName(Document document, String format) {
        String name = document.fileName().replaceAll("[^A-Za-z0-9._-]+", "-");
        if (name.length() > 100) {
            name = name.substring(name.length() - 100);
        }
        return name.isEmpty() || name.matches("[.-]+") ? "report." + format : name;
    }

    // --- objectives

    public List<ObjectiveView> objectives(String workspaceId) {
        workspace(workspaceId);
        ReportService service = service();
        return call(() -> service.objectives(workspaceId));
    }

    public ObjectiveView createObjective(Actor actor, String workspaceId, ObjectiveInput input) {
        workspace(workspaceId);
        ReportService service = service();
        Objective objective = call(() -> service.createObjective(workspaceId, input, actor.id()),
                missing -> ApiException.invalid("accountId", missing));
        audit.record(actor, workspaceId, "objective.created", "objective", objective.id(), objective.name() + ": "
                + objective.kpi() + " " + objective.comparison() + " " + objective.target().toPlainString()
                + " per " + objective.granularity());
        return call(() -> service.objectives(workspaceId)).stream().filter(o -> o.id().equals(objective.id()))
                .findFirst().orElse(ObjectiveView.of(objective, List.of()));
    }

    public void deleteObjective(Actor actor, String workspaceId, String objectiveId) {
        ReportService service = service();
        if (!call(() -> service.deleteObjective(workspaceId, objectiveId))) {
            throw ApiException.notFound("id", "no objective " + objectiveId + " in workspace " + workspaceId);
        }
        audit.record(actor, workspaceId, "objective.removed", "objective", objectiveId, null);
    }

    // --- schedules

    public List<ScheduleView> schedules(String workspaceId) {
        workspace(workspaceId);
        ReportService service = service();
        return call(() -> service.schedules(workspaceId)).stream().map(ScheduleView::of).toList();
    }

    public ScheduleView createSchedule(Actor actor, String workspaceId, ScheduleInput input) {
        workspace(workspaceId);
        ReportService service = service();
        Schedule schedule = call(() -> service.createSchedule(workspaceId, input, actor.id()),
                missing -> ApiException.invalid("channelId", missing));
        audit.record(actor, workspaceId, "report-schedule.created", "report-schedule", schedule.id(),
                schedule.name() + ": " + schedule.period() + ", " + schedule.format() + ", "
                        + schedule.recipients().size() + " recipient(s)");
        return ScheduleView.of(schedule);
    }

    public void deleteSchedule(Actor actor, String workspaceId, String scheduleId) {
        ReportService service = service();
        if (!call(() -> service.deleteSchedule(workspaceId, scheduleId))) {
            throw noSchedule(workspaceId, scheduleId);
        }
        audit.record(actor, workspaceId, "report-schedule.removed", "report-schedule", scheduleId, null);
    }

    /** Makes the schedule due now: its report leaves at the next turn. */
    public ScheduleView sendSchedule(Actor actor, String workspaceId, String scheduleId) {
        ReportService service = service();
        if (!call(() -> service.sendSoon(workspaceId, scheduleId))) {
            throw noSchedule(workspaceId, scheduleId);
        }
        audit.record(actor, workspaceId, "report-schedule.send-requested", "report-schedule", scheduleId, null);
        return schedules(workspaceId).stream().filter(s -> s.id().equals(scheduleId)).findFirst()
                .orElseThrow(() -> noSchedule(workspaceId, scheduleId));
    }

    private static ApiException noSchedule(String workspaceId, String scheduleId) {
        return ApiException.notFound("id", "no report schedule " + scheduleId + " in workspace " + workspaceId);
    }

    // --- share links

    public List<ShareView> shares(String workspaceId) {
        ZoneId zone = workspace(workspaceId).zone();
        ReportService service = service();
        Instant now = Instant.now();
        return call(() -> service.shares(workspaceId)).stream().map(s -> ShareView.of(s, zone, now)).toList();
    }

    /**
     * A link that shows the report of {@code [from, to)} to anybody who has it, for
     * {@code validDays} days; its token is in this answer only.
     */
    public NewShareView createShare(Actor actor, String workspaceId, String from, String to, Integer validDays) {
        Workspace workspace = workspace(workspaceId);
        Period period = Period.of(from, to, LocalDate.now(workspace.zone()));
        if (validDays == null || validDays < 1 || validDays > MAX_SHARE_DAYS) {
            throw ApiException.invalid("validDays", "validDays must be a whole number of days from 1 to "
                    + MAX_SHARE_DAYS);
        }
        ReportService service = service();
        IssuedShare issued = call(() -> service.share(workspaceId, period.from(), period.to(),
                Duration.ofDays(validDays), actor.id()));
        Share share = issued.share();
        audit.record(actor, workspaceId, "report-share.created", "report-share", share.id(), "report of "
                + period.from() + " to " + period.to() + ", open until " + share.expiresAt());
        return new NewShareView(ShareView.of(share, workspace.zone(), Instant.now()), issued.token(),
                SHARED_PATH + issued.token());
    }

    public void revokeShare(Actor actor, String workspaceId, String shareId) {
        ReportService service = service();
        if (!call(() -> service.revokeShare(workspaceId, shareId))) {
            throw ApiException.notFound("id", "no share link " + shareId + " in workspace " + workspaceId);
        }
        audit.record(actor, workspaceId, "report-share.revoked", "report-share", shareId, null);
    }

    /**
     * The report a share link shows, as HTML, to whoever has the link: 404 for a
     * token nobody was given, 410 for a link that expired or was revoked.
     */
    public Download shared(String token) throws IOException {
        ReportService service = service();
        Optional<Report> opened;
        try {
            opened = StoreCalls.call(() -> service.openShare(token));
        } catch (IllegalArgumentException e) {
            // A token of the wrong shape opens nothing, like any other unknown token.
            opened = Optional.empty();
        }
        Report report = opened.orElseThrow(() -> closed(service, token));
        if (service.formats().stream().noneMatch(f -> f.format().equals("html"))) {
            throw new ApiException(ErrorCode.STORE_UNAVAILABLE, "this report cannot be shown: no installed plugin"
                    + " renders reports as HTML", null);
        }
        Document document = service.render(report, "html");
        return Download.report(document.mediaType(), fileName(document, "html"), true, document.content());
    }

    /** Why a token opens nothing: it never did (404), or its link has ended (410). */
    private static ApiException closed(ReportService service, String token) {
        boolean known = StoreCalls.call(() -> service.findShare(token)).isPresent();
        return known ? new ApiException(ErrorCode.GONE, "this report link has expired or was revoked; ask for a"
                + " new one", "token") : ApiException.notFound("token", "no report is shared under this link");
    }

    // --- best times

    public List<SlotView> bestTimes(String workspaceId, String accountId, Map<String, String> query) {
        workspace(workspaceId);
        int limit = QueryParameters.limit(query, DEFAULT_SLOTS, MAX_SLOTS);
        ReportService service = service();
        return call(() -> service.bestTimes(workspaceId, accountId, limit),
                missing -> ApiException.notFound("acc", "no account " + accountId + " in workspace "
                        + workspaceId));
    }

    // --- console

    /** Reads now the counters of every account that is due. @return how many accounts were read */
    public int collectDue() {
        return service().collectDue();
    }

    /** Sends now every scheduled report that is due. @return how many were sent */
    public int sendDue() {
        return service().sendDue();
    }

    // --- plumbing

    private Workspace workspace(String workspaceId) {
        return StoreCalls.call(() -> store.workspaces().find(workspaceId))
                .orElseThrow(() -> ApiException.notFound("workspace", "no workspace " + workspaceId));
    }

    private ReportService service() {
        Bound bound = reporting;
        if (bound == null) {
            throw new ApiException(ErrorCode.STORE_UNAVAILABLE, "reporting is not available: the"
                    + " io.atelier.reporting bundle is not running (see /api/v1/plugins and /api/v1/health)", null);
        }
        return bound.service();
    }

    /** A call of the reporting service, its refusals turned into the API's errors (a field's name first). */
    private static <T> T call(Supplier<T> call) {
        return ListeningOperations.call(call);
    }

    /** The same, with what a missing thing means for this call (an unknown account in the body is a 400). */
    private static <T> T call(Supplier<T> call, Function<String, ApiException> missing) {
        return ListeningOperations.call(() -> {
            try {
                return call.get();
            } catch (NoSuchElementException e) {
                throw missing.apply(e.getMessage());
            }
        });
    }
}
