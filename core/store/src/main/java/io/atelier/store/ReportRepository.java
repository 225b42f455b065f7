package io.atelier.store;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a workspace keeps about its reports: objectives (a KPI against a target per
 * period), reports sent on a schedule, and read-only share links. Schedules are run
 * only by the node holding their lease ({@link #claimSchedules}), like alert rules.
 * The meaning of KPIs and periods is the reporting service's; the store checks sizes
 * and references.
 */
@ProviderType
public interface ReportRepository {

    /**
     * An objective.
     *
     * @param kpi         the KPI's name (the reporting service's {@code Kpi})
     * @param comparison  {@code AT_LEAST} or {@code AT_MOST}
     * @param granularity the period it is judged on ({@code WEEK}, {@code MONTH}...)
     * @param within      the response time of an "answered within" objective, else {@code null}
     * @param platform    the network it is about, or {@code null} for every network
     * @param accountId   the account it is about, or {@code null}
     */
    record Objective(String id, String workspaceId, String name, String kpi, String comparison, BigDecimal target,
            String granularity, Duration within, String platform, String accountId, String createdBy,
            Instant createdAt) {
    }

    /** What a person gives to set an objective. */
    record ObjectiveInput(String name, String kpi, String comparison, BigDecimal target, String granularity,
            Duration within, String platform, String accountId) {
        public ObjectiveInput {
            Objects.requireNonNull(target, "target");
        }
    }

    /**
     * A report sent on a schedule.
     *
     * @param period     {@code WEEK} or {@code MONTH}: the last complete one is reported
     * @param format     the renderer's format, e.g. {@code pdf}
     * @param channelId  the alert channel whose server sends it
     * @param recipients the addresses it goes to
     * @param attempts   failed attempts at the current run
     */
    record Schedule(String id, String workspaceId, String name, String period, String format, String channelId,
            List<String> recipients, boolean enabled, Instant nextRunAt, Instant lastRunAt, String lastError,
            int attempts, String createdBy, Instant createdAt) {
        public Schedule {
            recipients = List.copyOf(recipients);
        }
    }

    /** What a person gives to schedule a report. */
    record ScheduleInput(String name, String period, String format, String channelId, List<String> recipients,
            boolean enabled) {
        public ScheduleInput {
            recipients = recipients == null ? List.of() : List.copyOf(recipients);
        }
    }

    /** A read-only link to the report of {@code [from, to)}, valid until {@code expiresAt} unless revoked. */
    record Share(String id, String workspaceId, Instant from, Instant to, String createdBy, Instant createdAt,
            Instant expiresAt, Instant revokedAt) {

        /** Whether the link still opens at {@code now}. */
        public boolean opensAt(Instant now) {
            return revokedAt == null && now.isBefore(expiresAt);
        }
    }

    /** An inbox item: when it arrived and when it was first answered ({@code null}: not yet). */
    record InboxTiming(String itemId, Instant createdAt, Instant firstResponseAt) {
    }

    /** The workspace's mentions published on one day, by the sentiment enrichers gave them. */
    record SentimentDay(LocalDate day, long positive, long neutral, long negative, long unrated) {
    }

    /**
     * The mentions published in a period that the queries marked for the share of voice
     * matched when they arrived.
     *
     * @param brandQueries the names of the queries marked as the brand, by name (empty: none is)
     * @param brand        the mentions that matched at least one of them, each counted once
     * @param competitors  the mentions each query marked as a competitor matched, by its name; every
     *                     such query is there, with 0 when it matched nothing
     */
    record Voices(List<String> brandQueries, long brand, Map<String, Long> competitors) {

        public Voices {
            brandQueries = List.copyOf(brandQueries);
            competitors = Map.copyOf(competitors);
        }
    }

    /** The inbox items of the workspace that arrived in {@code [from, to)}, oldest first. */
    List<InboxTiming> inboxTimings(String workspaceId, Instant from, Instant to);

    /** The workspace's mentions published in {@code [from, to)} counted per day in {@code zone} and sentiment. */
    List<SentimentDay> sentimentByDay(String workspaceId, Instant from, Instant to, ZoneId zone);

    /** The share-of-voice counts of the workspace's mentions published in {@code [from, to)}. */
    Voices voices(String workspaceId, Instant from, Instant to);

    List<Objective> objectives(String workspaceId);

    /**
     * @throws ConflictException when the workspace has an objective of that name
     * @throws java.util.NoSuchElementException when the workspace or the account does not exist
     */
    Objective createObjective(String workspaceId, ObjectiveInput input, String actor);

    boolean deleteObjective(String workspaceId, String objectiveId);

    List<Schedule> schedules(String workspaceId);

    /**
     * @throws ConflictException when the workspace has a schedule of that name
     * @throws java.util.NoSuchElementException when the channel is not one of the workspace's
     */
    Schedule createSchedule(String workspaceId, ScheduleInput input, Instant firstRun, String actor);

    boolean deleteSchedule(String workspaceId, String scheduleId);

    /** Makes the schedule due now (a "send now" button). */
    boolean runSoon(String workspaceId, String scheduleId);

    /** Leases to {@code node} up to {@code limit} enabled schedules due at {@code now}. */
    List<Schedule> claimSchedules(String node, Instant now, Instant leaseUntil, int limit);

    /**
     * Ends a run: the schedule is due again at {@code nextRunAt}; {@code error} is
     * {@code null} after a success (attempts start again from zero), else the reason,
     * with one more attempt counted.
     *
     * @return {@code false} when {@code node} no longer holds the lease: nothing is saved
     */
    boolean completeSchedule(String node, String scheduleId, Instant nextRunAt, Instant ranAt, String error);

    /** Keeps a share link; the token itself is never stored, only its hash. */
    Share createShare(String workspaceId, String tokenHash, Instant from, Instant to, Instant expiresAt, String actor);

    Optional<Share> shareByHash(String tokenHash);

    List<Share> shares(String workspaceId);

    boolean revokeShare(String workspaceId, String shareId, Instant at);
}
