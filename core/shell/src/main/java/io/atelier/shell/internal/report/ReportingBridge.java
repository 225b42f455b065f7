package io.atelier.shell.internal.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportDelivery.Document;
import io.atelier.reporting.Reporting;
import io.atelier.reporting.Reporting.ObjectiveStatus;
import io.atelier.reporting.Reporting.PeriodStatus;
import io.atelier.reporting.Reporting.SharedLink;
import io.atelier.reporting.kpi.Evaluation;
import io.atelier.reporting.kpi.KpiResult;
import io.atelier.shell.internal.report.ReportOperations.FormatView;
import io.atelier.shell.internal.report.ReportOperations.ObjectiveView;
import io.atelier.shell.internal.report.ReportOperations.PeriodView;
import io.atelier.shell.internal.report.ReportOperations.SlotView;
import io.atelier.store.MetricsRepository.CollectionStatus;
import io.atelier.store.MetricsRepository.Daily;
import io.atelier.store.ReportRepository.Objective;
import io.atelier.store.ReportRepository.ObjectiveInput;
import io.atelier.store.ReportRepository.Schedule;
import io.atelier.store.ReportRepository.ScheduleInput;
import io.atelier.store.ReportRepository.Share;

/**
 * The one class of the shell that names the reporting bundle's types: it hands the
 * {@link Reporting} service to the shell as a {@link ReportService}, turning what
 * the shell shows of it (formats, objectives' evaluations, best times) into the
 * shell's own records. {@link ReportOperations} makes one when the service appears,
 * so this class is loaded only then: without the reporting bundle its packages are
 * not wired, nothing here is ever loaded, and the reporting routes answer 503.
 */
public final class ReportingBridge implements ReportService {

    private final Reporting reporting;

    ReportingBridge(Reporting reporting) {
        this.reporting = reporting;
    }

    /** The bridge to {@code service}, a {@link Reporting} the framework handed over as an object. */
    static ReportService of(Object service) {
        return new ReportingBridge((Reporting) service);
    }

    @Override
    public List<FormatView> formats() {
        return reporting.formats().stream().map(f -> new FormatView(f.format(), f.mediaType())).toList();
    }

    @Override
    public Report report(String workspaceId, LocalDate from, LocalDate to) {
        return reporting.report(workspaceId, from, to);
    }

    @Override
    public Document render(Report report, String format) throws IOException {
        return reporting.render(report, format);
    }

    @Override
    public List<Daily> daily(String workspaceId, LocalDate from, LocalDate to) {
        return reporting.daily(workspaceId, from, to);
    }

    @Override
    public List<CollectionStatus> collections(String workspaceId) {
        return reporting.collections(workspaceId);
    }

    @Override
    public void collectSoon(String workspaceId, String accountId) {
        reporting.collectSoon(workspaceId, accountId);
    }

    @Override
    public int collectDue() {
        return reporting.collectDue();
    }

    @Override
    public List<ObjectiveView> objectives(String workspaceId) {
        return reporting.objectives(workspaceId).stream().map(ReportingBridge::view).toList();
    }

    @Override
    public Objective createObjective(String workspaceId, ObjectiveInput input, String actor) {
        return reporting.createObjective(workspaceId, input, actor);
    }

    @Override
    public boolean deleteObjective(String workspaceId, String objectiveId) {
        return reporting.deleteObjective(workspaceId, objectiveId);
    }

    @Override
    public List<Schedule> schedules(String workspaceId) {
        return reporting.schedules(workspaceId);
    }

    @Override
    public Schedule createSchedule(String workspaceId, ScheduleInput input, String actor) {
        return reporting.createSchedule(workspaceId, input, actor);
    }

    @Override
    public boolean deleteSchedule(String workspaceId, String scheduleId) {
        return reporting.deleteSchedule(workspaceId, scheduleId);
    }

    @Override
    public boolean sendSoon(String workspaceId, String scheduleId) {
        return reporting.sendSoon(workspaceId, scheduleId);
    }

    @Override
    public int sendDue() {
        return reporting.sendDue();
    }

    @Override
    public IssuedShare share(String workspaceId, LocalDate from, LocalDate to, Duration validFor, String actor) {
        SharedLink link = reporting.share(workspaceId, from, to, validFor, actor);
        return new IssuedShare(link.share(), link.token());
    }

    @Override
    public Optional<Report> openShare(String token) {
        return reporting.openShare(token);
    }

    @Override
    public Optional<Share> findShare(String token) {
        return reporting.findShare(token);
    }

    @Override
    public List<Share> shares(String workspaceId) {
        return reporting.shares(workspaceId);
    }

    @Override
    public boolean revokeShare(String workspaceId, String shareId) {
        return reporting.revokeShare(workspaceId, shareId);
    }

    @Override
    public List<SlotView> bestTimes(String workspaceId, String accountId, int limit) {
        return reporting.bestTimes(workspaceId, accountId, limit).stream()
                .map(s -> new SlotView(s.day().name(), s.hour(), s.meanInteractions(), s.posts())).toList();
    }

    static ObjectiveView view(ObjectiveStatus status) {
        return ObjectiveView.of(status.objective(), status.periods().stream().map(ReportingBridge::view).toList());
    }

    /** One period's verdict: the value and the gap to the target, or why there is none. */
    static PeriodView view(PeriodStatus period) {
        Evaluation evaluation = period.evaluation();
        KpiResult result = evaluation.result();
        BigDecimal value = result.value().orElse(null);
        BigDecimal gap = evaluation.gap().orElse(null);
        if (result instanceof KpiResult.Value v) {
            return new PeriodView(period.from(), period.to(), evaluation.outcome().name(), value, gap, v.basis(),
                    v.excluded(), null, null);
        }
        KpiResult.NotComputable none = (KpiResult.NotComputable) result;
        return new PeriodView(period.from(), period.to(), evaluation.outcome().name(), null, null, null, null,
                none.reason().name(), none.detail());
    }
}
