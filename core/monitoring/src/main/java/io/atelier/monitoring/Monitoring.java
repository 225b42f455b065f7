package io.atelier.monitoring;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.scheduling.Approvals.Review;
import io.atelier.store.AlertRepository.Channel;
import io.atelier.store.InboxRepository.Reply;
import io.atelier.store.ListeningRepository.Query;
import io.atelier.store.ListeningRepository.Source;
import io.atelier.store.ListeningRepository.StoredMention;
import io.atelier.store.ListeningRepository.Voice;

/**
 * The monitoring service. Every node polls the sources it holds a lease on, passes
 * their mentions through the enrichers (language, sentiment...), matches them against
 * the workspace's listening queries, stores them once and puts those that need a
 * person into the inbox: every mention of an account, and every mention of another
 * source that matched a query. It evaluates the workspaces' alert rules on those
 * mentions and delivers the alerts raised to their channels through the alert sink
 * plugins.
 */
@ProviderType
public interface Monitoring {

    /**
     * Checks a listening query.
     *
     * @throws InvalidQueryException with the position of the first problem
     */
    void check(String query);

    /**
     * Adds a query after checking it.
     *
     * @param voice what it counts for the share of voice (the brand, a competitor), or {@code null}
     * @throws InvalidQueryException when it cannot run
     * @throws io.atelier.store.ConflictException on a taken name
     */
    Query createQuery(String workspaceId, String name, String query, Voice voice, String actor);

    /** Adds a query, after checking it, that counts for neither the brand nor a competitor. */
    default Query createQuery(String workspaceId, String name, String query, String actor) {
        return createQuery(workspaceId, name, query, null, actor);
    }

    /** Changes a query after checking it, its voice included; empty if there is none. */
    Optional<Query> updateQuery(String workspaceId, String queryId, String name, String query, Voice voice);

    /**
     * What {@code query} would have matched among the workspace's most recent mentions
     * (the last 500 stored), newest first, at most {@code limit}.
     *
     * @throws InvalidQueryException when it cannot run
     */
    List<StoredMention> preview(String workspaceId, String query, int limit);

    /** The kinds of listening sources the installed plugins provide, by id. */
    List<PluginKind> sourceKinds();

    /**
     * Adds a source of kind {@code kind} with its settings (secret ones encrypted at
     * rest), polled at once.
     *
     * @throws IllegalArgumentException naming the setting that is missing or unknown, or the unknown kind
     */
    Source addSource(String workspaceId, String kind, String name, Map<String, String> settings);

    /**
     * Answers an inbox item through its account's network: the answer is recorded
     * before the network is called and sent on the service's own threads; its state
     * shows how it ended. When the workspace's answers need approval, it is recorded
     * {@code IN_REVIEW} and sent only once approved ({@link #approveReply}).
     *
     * @throws java.util.NoSuchElementException when the workspace has no such item
     * @throws IllegalArgumentException (field {@code text}) when the text is empty or too long, or
     *         the item's source cannot be answered from here
     */
    Reply reply(String workspaceId, String itemId, String actor, String text);

    /**
     * Where an answer in review stands in the workspace's approval workflow (without
     * one: a single step that anyone who may answer passes).
     *
     * @throws io.atelier.store.ConflictException when it is not in review
     */
    Review replyReview(String workspaceId, String replyId);

    /**
     * Approves the step an answer in review waits at; the approval that passes the
     * workflow sends it, once, as {@link #reply} would have.
     *
     * @param mayReply whether the person may answer in the workspace (who decides without a workflow)
     * @throws io.atelier.scheduling.NotAnApproverException when the person is not an approver of that step
     * @throws io.atelier.store.ConflictException when it is not in review
     */
    Reply approveReply(String workspaceId, String replyId, String personId, boolean mayReply);

    /**
     * Turns down an answer in review: it is never sent; {@code reason} is kept with it.
     *
     * @throws io.atelier.scheduling.NotAnApproverException when the person is not an approver of that step
     */
    Reply rejectReply(String workspaceId, String replyId, String personId, String personName, boolean mayReply,
            String reason);

    // Alerts

    /** The kinds of alert sinks (e-mail, webhooks...) the installed plugins provide, by id. */
    List<PluginKind> sinkKinds();

    /**
     * Adds a channel alerts of the workspace go to: a sink kind with its settings
     * (secret ones encrypted at rest).
     *
     * @throws IllegalArgumentException naming the setting that is missing or unknown, or the unknown sink
     * @throws io.atelier.store.ConflictException when the workspace has a channel of that name
     */
    Channel addChannel(String workspaceId, String sink, String name, Map<String, String> settings);

    /**
     * Sends a test alert to a channel now, and waits for the sink.
     *
     * @return why it was not delivered, or empty when it was
     * @throws java.util.NoSuchElementException when the workspace has no such channel
     */
    Optional<String> testChannel(String workspaceId, String channelId);

    /**
     * Evaluates, now and on the calling thread, every alert rule (not only those due)
     * and attempts the deliveries due, and returns how many alerts were raised. The
     * service evaluates each rule by itself once a minute; this is for the console and
     * tests.
     */
    int evaluateAlerts();

    /**
     * Polls, now and on the calling thread, the sources due on this node, and
     * returns how many were polled. The service does it by itself every second; this
     * is for the console and tests.
     */
    int pollDue();
}
