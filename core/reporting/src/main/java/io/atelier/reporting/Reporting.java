package io.atelier.reporting;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportDelivery.Document;
import io.atelier.reporting.kpi.Evaluation;
import io.atelier.store.MetricsRepository.CollectionStatus;
import io.atelier.store.MetricsRepository.Daily;
import io.atelier.store.ReportRepository.Objective;
import io.atelier.store.ReportRepository.ObjectiveInput;
import io.atelier.store.ReportRepository.Schedule;
import io.atelier.store.ReportRepository.ScheduleInput;
import io.atelier.store.ReportRepository.Share;

/**
 * The reporting service: collects the connectors' counters, builds a workspace's
 * report of a period against the previous period and its objectives, renders it
 * through the {@link io.atelier.api.reporting.ReportRenderer} plugins, sends it on
 * a schedule and shares it by link. Periods are whole days in the workspace's zone,
 * {@code from} included and {@code to} excluded.
 *
 * <p>Bad input throws {@link IllegalArgumentException} whose message starts with the
 * field's name ({@code "to: ..."}); a workspace, account or item that does not exist
 * throws {@link java.util.NoSuchElementException}.
 */
@ProviderType
public interface Reporting {

    /** The longest period a report covers. */
    int MAX_DAYS = 366;

    /** A format an installed renderer writes. */
    record Format(String format, String mediaType) {
    }

    /** Formats of the installed renderers, by name. */
    List<Format> formats();

    /** The report of the workspace for the days {@code [from, to)}. */
    Report report(String workspaceId, LocalDate from, LocalDate to);

    /** Renders {@code report} with the renderer of {@code format}; the file is named after the workspace and period. */
    Document render(Report report, String format) throws IOException;

    // Metrics

    /** The daily rollups of the workspace for the days {@code [from, to)}. */
    List<Daily> daily(String workspaceId, LocalDate from, LocalDate to);

    /** Where each account's collection stands. */
    List<CollectionStatus> collections(String workspaceId);

    /** Asks for the account's counters, and every young post's, to be read at the collector's next turn. */
    void collectSoon(String workspaceId, String accountId);

    /** Reads now the counters of every account that is due (console, tests). @return how many accounts were read */
    int collectDue();

    // Objectives

    /** An objective and how it fared in its recent periods, the current one last. */
    record ObjectiveStatus(Objective objective, List<PeriodStatus> periods) {
        public ObjectiveStatus {
            periods = List.copyOf(periods);
        }
    }

    /** An objective in one period {@code [from, to)}. */
    record PeriodStatus(LocalDate from, LocalDate to, Evaluation evaluation) {
    }

    /** The workspace's objectives, each with its last six periods. */
    List<ObjectiveStatus> objectives(String workspaceId);

    /** Checks the objective (KPI, comparison, target, granularity) and keeps it. */
    Objective createObjective(String workspaceId, ObjectiveInput input, String actor);

    boolean deleteObjective(String workspaceId, String objectiveId);

    // Schedules

    List<Schedule> schedules(String workspaceId);

    /** Checks the schedule (period, an installed format, the channel's kind delivers reports, addresses) and keeps it. */
    Schedule createSchedule(String workspaceId, ScheduleInput input, String actor);

    boolean deleteSchedule(String workspaceId, String scheduleId);

    /** Sends the schedule's report at the next turn. */
    boolean sendSoon(String workspaceId, String scheduleId);

    /** Sends now every scheduled report that is due (console, tests). @return how many were sent */
    int sendDue();

    // Share links

    /** A new share link; the token is shown once and only its hash is kept. */
    record SharedLink(Share share, String token) {
        public SharedLink {
            Objects.requireNonNull(share, "share");
            Objects.requireNonNull(token, "token");
        }
    }

    /** Shares the report of {@code [from, to)} for {@code validFor} (at most 90 days). */
    SharedLink share(String workspaceId, LocalDate from, LocalDate to, Duration validFor, String actor);

    /** The report a token opens, while its link is valid. */
    Optional<Report> openShare(String token);

    /**
     * The share link a token was given for, whether it still opens or not (expired,
     * revoked); empty for a token nobody was given.
     */
    Optional<Share> findShare(String token);

    List<Share> shares(String workspaceId);

    boolean revokeShare(String workspaceId, String shareId);

    // Best times to post

    /**
     * An hour of the week, in the workspace's zone, and how the posts published then
     * fared: their mean interactions (likes, replies, shares, quotes).
     */
    record Slot(DayOfWeek day, int hour, BigDecimal meanInteractions, int posts) {
    }

    /**
     * The best hours to post on the account, learned from its posts of the last 90
     * days, best first; empty when it has too few measured posts (fewer than 5).
     */
    List<Slot> bestTimes(String workspaceId, String accountId, int limit);
}
