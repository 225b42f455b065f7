package io.atelier.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.api.platform.Credentials;

/**
 * Alerts: the rules a workspace sets (what it wants to hear about), the alerts they
 * raised with the mentions that caused them, the channels alerts go to and each
 * alert's delivery to each channel. A rule is evaluated only by the node holding its
 * lease ({@link #claimRules}), and an evaluation's outcome — where it ended, the alert
 * it raised with its evidence and one pending delivery per enabled channel — is saved
 * in one transaction ({@link #completeEvaluation}), so a crash never raises an alert
 * twice nor loses one. Deliveries are leased the same way and tried again until they
 * succeed or run out of attempts.
 */
@ProviderType
public interface AlertRepository {

    /** Rule kind: more mentions in the last hour than the same hour of past weeks explains. */
    String SPIKE = "spike";
    /** Rule kind: a sudden rise of the share of negative mentions ("bad buzz"). */
    String NEGATIVE_SURGE = "negative-surge";
    /** Rule kind: any new mention matching the rule's query. */
    String KEYWORD = "keyword";

    /** Where an alert stands. */
    enum Status {
        OPEN, ACKNOWLEDGED
    }

    /** Where a delivery stands. */
    enum DeliveryState {
        /** Not delivered yet; tried again at {@link Delivery#nextAttemptAt()}. */
        PENDING,
        /** The channel took it. */
        SENT,
        /** Every attempt failed; {@link Delivery#lastError()} says why. */
        FAILED
    }

    /**
     * An alert rule.
     *
     * @param kind           {@link #SPIKE}, {@link #NEGATIVE_SURGE} or {@link #KEYWORD}
     * @param queryId        the listening query it watches, or {@code null} for every mention of the workspace
     * @param coolDown       the least time between two of its alerts
     * @param lastAlertAt    when it last alerted, or {@code null}
     * @param evaluatedUntil where its last evaluation ended
     */
    record Rule(String id, String workspaceId, String name, String kind, String queryId, Duration coolDown,
            boolean enabled, Instant lastAlertAt, Instant evaluatedUntil, Instant nextEvalAt, String createdBy,
            Instant createdAt) {
    }

    /** A place alerts go: a sink kind (e.g. {@code email}) with its settings. */
    record Channel(String id, String workspaceId, String sink, String name, boolean enabled, Instant createdAt) {
    }

    /**
     * An alert raised.
     *
     * @param ruleId     the rule that raised it (it may be gone since)
     * @param queryId    the query it watched, or {@code null}
     * @param windowEnd  the end of the period it is about
     * @param mentionIds the mentions that caused it, in the order they are shown
     */
    record StoredAlert(String id, String workspaceId, String ruleId, String kind, String queryId, String title,
            String message, Instant raisedAt, Instant windowStart, Instant windowEnd, Status status,
            String acknowledgedBy, Instant acknowledgedAt, List<String> mentionIds) {

        public StoredAlert {
            mentionIds = List.copyOf(mentionIds);
        }
    }

    /** An alert's delivery to one channel. */
    record Delivery(String alertId, String channelId, String channelName, String sink, DeliveryState state,
            int attempts, String lastError, Instant nextAttemptAt, Instant sentAt) {
    }

    /** A delivery this node may attempt now, with the channel's settings decrypted. */
    record DeliveryLease(Delivery delivery, StoredAlert alert, Credentials settings) {
    }

    /**
     * What an evaluation raised.
     *
     * @param windowStart the start of the period it is about
     * @param mentionIds  the mentions that caused it, in the order they are shown (at most 50 kept)
     */
    record NewAlert(String title, String message, Instant windowStart, Instant windowEnd, List<String> mentionIds) {

        public NewAlert {
            Objects.requireNonNull(title, "title");
            message = message == null ? "" : message;
            mentionIds = List.copyOf(mentionIds);
        }
    }

    /** Which mentions are counted: whose time falls in [from, to). */
    enum Clock {
        /** When the author published them: for volume. */
        PUBLISHED,
        /** When they were stored: for "new since". */
        RECEIVED
    }

    /**
     * A period of a workspace's mentions.
     *
     * @param queryId only those that matched this query, or {@code null} for all
     */
    record Window(String workspaceId, String queryId, Clock clock, Instant from, Instant to) {

        public Window {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(clock, "clock");
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("a window must end after it starts");
            }
        }
    }

    /** Mentions of a window that carry a sentiment, and how many of them are negative. */
    record Sentiments(int negative, int total) {
    }

    /** Which alerts to list, newest first; {@code status} and {@code before} may be {@code null}. */
    record AlertFilter(Status status, String before, int limit) {

        public AlertFilter {
            if (limit < 1 || limit > 500) {
                throw new IllegalArgumentException("limit must be 1 to 500");
            }
        }
    }

    // Rules

    /** The workspace's rules, by name. */
    List<Rule> rules(String workspaceId);

    Optional<Rule> rule(String workspaceId, String ruleId);

    /**
     * Adds a rule, evaluated first at {@code now} over what arrives from then on.
     *
     * @throws ConflictException when the workspace has a rule of that name
     * @throws java.util.NoSuchElementException when the workspace or the query does not exist
     */
    Rule createRule(String workspaceId, String name, String kind, String queryId, Duration coolDown,
            String actor, Instant now);

    /** Renames a rule, changes its cool-down and turns it on or off; empty if there is none. */
    Optional<Rule> updateRule(String workspaceId, String ruleId, String name, Duration coolDown, boolean enabled);

    boolean deleteRule(String workspaceId, String ruleId);

    /**
     * Leases to {@code node}, until {@code leaseUntil}, up to {@code limit} enabled rules
     * due at {@code now} and not leased to a node whose lease still runs.
     */
    List<Rule> claimRules(String node, Instant now, Instant leaseUntil, int limit);

    /**
     * Saves an evaluation: the rule was evaluated until {@code evaluatedUntil} and is due
     * again at {@code nextEval}; if {@code raised} is given, the alert is stored with its
     * evidence, the rule's last alert set to {@code now}, and one pending delivery added
     * per enabled channel of the workspace. The lease ends. All in one transaction.
     *
     * @return the alert stored, or empty when nothing was raised or {@code node} no
     *         longer holds the lease (then nothing is saved)
     */
    Optional<StoredAlert> completeEvaluation(String ruleId, String node, Instant evaluatedUntil, Instant nextEval,
            NewAlert raised, Instant now);

    /**
     * Raises an alert no rule evaluated (a mention a moderation rule escalated...), with
     * its evidence and one pending delivery per enabled channel of the workspace.
     *
     * @param kind e.g. {@code escalation}
     */
    StoredAlert raise(String workspaceId, String kind, NewAlert alert, Instant now);

    // Counting mentions

    /** How many of the workspace's mentions fall in the window. */
    int count(Window window);

    /** The sentiments of the window's mentions. */
    Sentiments sentiments(Window window);

    /**
     * The ids of up to {@code limit} mentions of the window, the most negative first when
     * {@code negativeFirst}, otherwise the newest first.
     */
    List<String> mentionIds(Window window, boolean negativeFirst, int limit);

    /** When the earliest mention that matched {@code queryId} (or any, for {@code null}) was published. */
    Optional<Instant> firstMention(String workspaceId, String queryId);

    // Alerts

    List<StoredAlert> alerts(String workspaceId, AlertFilter filter);

    Optional<StoredAlert> alert(String workspaceId, String alertId);

    /** Marks an alert as seen and handled by {@code actor}; empty if there is none. */
    Optional<StoredAlert> acknowledge(String workspaceId, String alertId, String actor, Instant now);

    /** How many alerts of the workspace are open. */
    int openAlerts(String workspaceId);

    // Channels

    List<Channel> channels(String workspaceId);

    /**
     * Adds a channel with its settings encrypted.
     *
     * @throws ConflictException when the workspace has a channel of that name
     */
    Channel createChannel(String workspaceId, String sink, String name, Credentials settings, Instant now);

    Optional<Channel> setChannelEnabled(String workspaceId, String channelId, boolean enabled);

    boolean deleteChannel(String workspaceId, String channelId);

    /** A channel's settings, decrypted, for a test delivery; empty if there is none. */
    Optional<Credentials> channelSettings(String workspaceId, String channelId);

    // Deliveries

    /** An alert's deliveries, by channel name. */
    List<Delivery> deliveries(String alertId);

    /** Leases up to {@code limit} pending deliveries due at {@code now} to {@code node}. */
    List<DeliveryLease> claimDeliveries(String node, Instant now, Instant leaseUntil, int limit);

    /**
     * Records an attempt: delivered, or failed with {@code error} and tried again at
     * {@code retryAt} ({@code null}: never again, the delivery failed). The lease ends.
     * Nothing happens if {@code node} no longer holds the lease.
     */
    void finishDelivery(String alertId, String channelId, String node, boolean delivered, String error,
            Instant retryAt, Instant now);
}
