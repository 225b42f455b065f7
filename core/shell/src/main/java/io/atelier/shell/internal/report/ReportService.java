package io.atelier.shell.internal.report;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportDelivery.Document;
import io.atelier.shell.internal.report.ReportOperations.FormatView;
import io.atelier.shell.internal.report.ReportOperations.ObjectiveView;
import io.atelier.shell.internal.report.ReportOperations.SlotView;
import io.atelier.store.MetricsRepository.CollectionStatus;
import io.atelier.store.MetricsRepository.Daily;
import io.atelier.store.ReportRepository.Objective;
import io.atelier.store.ReportRepository.ObjectiveInput;
import io.atelier.store.ReportRepository.Schedule;
import io.atelier.store.ReportRepository.ScheduleInput;
import io.atelier.store.ReportRepository.Share;

/**
 * The reporting service as the shell sees it, in types of the API, the store and
 * the shell only. The shell imports the reporting bundle's packages optionally, so
 * that it starts without that bundle: nothing but {@link ReportingBridge}, made only
 * once the reporting service is there, uses them at run time. Its methods are
 * those of {@code io.atelier.reporting.Reporting}, with the same refusals
 * ({@link IllegalArgumentException} starting with the field's name,
 * {@link java.util.NoSuchElementException} for what does not exist).
 */
public interface ReportService {

    /** A share link just made: the link and its token, shown once. */
    record IssuedShare(Share share, String token) {
    }

    List<FormatView> formats();

    Report report(String workspaceId, LocalDate from, LocalDate to);

    Document render(Report report, String format) throws IOException;

    List<Daily> daily(String workspaceId, LocalDate from, LocalDate to);

    List<CollectionStatus> collections(String workspaceId);

    void collectSoon(String workspaceId, String accountId);

    int collectDue();

    /** The workspace's objectives, each with its recent periods' evaluations, the current one last. */
    List<ObjectiveView> objectives(String workspaceId);

    Objective createObjective(String workspaceId, ObjectiveInput input, String actor);

    boolean deleteObjective(String workspaceId, String objectiveId);

    List<Schedule> schedules(String workspaceId);

    Schedule createSchedule(String workspaceId, ScheduleInput input, String actor);

    boolean deleteSchedule(String workspaceId, String scheduleId);

    boolean sendSoon(String workspaceId, String scheduleId);

    int sendDue();

    IssuedShare share(String workspaceId, LocalDate from, LocalDate to, Duration validFor, String actor);

    Optional<Report> openShare(String token);

    /** The share link a token was given for, open or not; empty for a token nobody was given. */
    Optional<Share> findShare(String token);

    List<Share> shares(String workspaceId);

    boolean revokeShare(String workspaceId, String shareId);

    List<SlotView> bestTimes(String workspaceId, String accountId, int limit);
}
