package io.atelier.monitoring.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.monitoring.Alert;
import io.atelier.api.monitoring.AlertSink;
import io.atelier.api.monitoring.Mention;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.monitoring.internal.alert.AlertEvaluator;
import io.atelier.monitoring.internal.alert.AlertEvaluator.Outcome;
import io.atelier.store.AlertRepository;
import io.atelier.store.AlertRepository.DeliveryLease;
import io.atelier.store.AlertRepository.Rule;
import io.atelier.store.AlertRepository.StoredAlert;
import io.atelier.store.ListeningRepository;
import io.atelier.store.ListeningRepository.StoredMention;

/**
 * Evaluates the alert rules this node holds a lease on and delivers the alerts they
 * raise to the workspaces' channels through the {@link AlertSink} plugins. A sink runs
 * on a thread of its own with a deadline; one that fails, throws or hangs is tried
 * again after pauses that double (1, 2, 4, 8, 16 minutes), then the delivery is
 * marked failed. A sink that refuses its settings is not tried again. Delivery is at
 * least once: a node that stops between a sink's success and its record lets another
 * node deliver again once the lease ends.
 */
final class Alerting {

    private static final Logger LOG = LoggerFactory.getLogger(Alerting.class);
    /** Attempts before a delivery is given up. */
    static final int ATTEMPTS = 6;
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    /** The beginning of an error that trying again cannot cure. */
    private static final String REFUSED = "refused: ";

    private final AlertRepository alerts;
    private final ListeningRepository listening;
    private final AlertEvaluator evaluator;
    private final PluginsById<AlertSink> sinks;
    private final String node;
    private final AlertSettings settings;
    private final Clock clock;
    private final ExecutorService deliveries;
    private final Loop loop = new Loop("atelier-alerts", Duration.ofSeconds(2), Duration.ofSeconds(10), () -> {
        evaluate(false);
        deliver();
    });

    Alerting(AlertRepository alerts, ListeningRepository listening, AlertEvaluator evaluator,
            PluginsById<AlertSink> sinks, String node, AlertSettings settings, Clock clock) {
        this.alerts = alerts;
        this.listening = listening;
        this.evaluator = evaluator;
        this.sinks = sinks;
        this.node = node;
        this.settings = settings;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.deliveries = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "atelier-alert-sink-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        loop.start();
    }

    void stop() {
        loop.stop();
        deliveries.shutdownNow();
    }

    /**
     * Evaluates the rules due on this node, or with {@code all} every rule not being
     * evaluated elsewhere (taking over a lease is safe: a node that lost its lease saves
     * nothing).
     *
     * @return how many alerts were raised
     */
    int evaluate(boolean all) {
        Instant now = clock.instant();
        Instant due = all ? now.plus(settings.interval()) : now;
        int raised = 0;
        for (Rule rule : alerts.claimRules(node, due, now.plus(Duration.ofMinutes(2)), 50)) {
            Instant next = now.plus(settings.interval());
            Outcome outcome;
            try {
                outcome = evaluator.evaluate(rule, now);
            } catch (RuntimeException e) {
                LOG.warn("Alert rule {} could not be evaluated; trying again at {}", rule.id(), next, e);
                outcome = new Outcome(rule.evaluatedUntil(), null);
            }
            if (alerts.completeEvaluation(rule.id(), node, outcome.evaluatedUntil(), next, outcome.raised(), now)
                    .isPresent()) {
                LOG.info("Alert rule {} of workspace {} raised: {}", rule.id(), rule.workspaceId(),
                        outcome.raised().title());
                raised++;
            }
        }
        return raised;
    }

    /** Attempts the deliveries due on this node, waiting for each. @return how many were attempted */
    int deliver() throws InterruptedException {
        Instant now = clock.instant();
        // The lease outlives the sink's deadline, so no other node delivers while this one waits.
        List<DeliveryLease> due = alerts.claimDeliveries(node, now, now.plus(settings.timeout().multipliedBy(2)), 20);
        for (DeliveryLease lease : due) {
            attempt(lease);
        }
        return due.size();
    }

    private void attempt(DeliveryLease lease) throws InterruptedException {
        AlertRepository.Delivery delivery = lease.delivery();
        String error = send(delivery.sink(), alert(lease.alert()), lease.settings().asMap());
        Instant now = clock.instant();
        if (error == null) {
            alerts.finishDelivery(delivery.alertId(), delivery.channelId(), node, true, null, null, now);
            return;
        }
        boolean giveUp = error.startsWith(REFUSED) || delivery.attempts() + 1 >= ATTEMPTS;
        Instant retry = giveUp ? null : now.plus(FIRST_RETRY.multipliedBy(1L << delivery.attempts()));
        LOG.warn("Alert {} could not be delivered to channel {} ({}){}", delivery.alertId(), delivery.channelName(),
                error, retry == null ? "; given up" : "; trying again at " + retry);
        alerts.finishDelivery(delivery.alertId(), delivery.channelId(), node, false, error, retry, now);
    }

    /**
     * Calls the sink of kind {@code sink} once, on a thread of its own, within the
     * deadline.
     *
     * @return {@code null} when it delivered, otherwise why not
     */
    String send(String sink, Alert alert, Map<String, String> channelSettings) throws InterruptedException {
        AlertSink plugin = sinks.find(sink).orElse(null);
        if (plugin == null) {
            return "no installed plugin delivers '" + sink + "' alerts";
        }
        Future<?> call = deliveries.submit(() -> {
            plugin.deliver(alert, channelSettings);
            return null;
        });
        try {
            call.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            call.cancel(true);
            return "did not answer within " + settings.timeout().toSeconds() + " s";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RejectedException || cause instanceof AuthExpiredException) {
                return REFUSED + cause.getMessage();
            }
            if (cause instanceof PlatformException) {
                return cause.getMessage();
            }
            LOG.warn("The {} alert sink failed", sink, cause);
            return "the " + sink + " plugin failed (" + cause.getClass().getSimpleName() + ")";
        }
    }

    /** The alert as sinks see it: with its evidence and a link to it in the workbench. */
    Alert alert(StoredAlert stored) {
        List<Mention> evidence = listening.mentions(stored.workspaceId(), stored.mentionIds()).stream()
                .map(StoredMention::mention).toList();
        String link = settings.workbenchUrl() == null ? null : settings.workbenchUrl() + "#/view/alerts?ws="
                + stored.workspaceId() + "&id=" + stored.id();
        return new Alert(stored.id(), stored.workspaceId(), stored.kind(), stored.title(), stored.message(),
                stored.raisedAt(), evidence, link);
    }
}
