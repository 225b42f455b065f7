package io.atelier.shell.internal.listening;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atelier.shell.internal.audit.Actor;
import io.atelier.shell.internal.audit.Audit;
import io.atelier.shell.internal.listening.ListeningOperations.MentionView;
import io.atelier.shell.internal.listening.ListeningOperations.PluginKindView;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.QueryParameters;
import io.atelier.shell.internal.rest.StoreAccess;
import io.atelier.shell.internal.rest.StoreCalls;
import io.atelier.store.AlertRepository;
import io.atelier.store.AlertRepository.AlertFilter;
import io.atelier.store.AlertRepository.Channel;
import io.atelier.store.AlertRepository.Delivery;
import io.atelier.store.AlertRepository.Rule;
import io.atelier.store.AlertRepository.Status;
import io.atelier.store.AlertRepository.StoredAlert;

/**
 * Alerts as the shell offers them, behind the REST routes and the console: the
 * alerts raised with the mentions that caused them (untrusted text, passed on as
 * data) and their deliveries, acknowledging them, the rules that raise them and the
 * channels they go to. A channel's settings hold secrets: they go in, never out.
 * Changes are recorded in the audit log with the real caller.
 */
@Component(service = AlertOperations.class)
public final class AlertOperations {

    /** A rule's cool-down when none is given: a crisis is announced once per six hours. */
    static final int DEFAULT_COOL_DOWN_MINUTES = 360;

    private final StoreAccess store;
    private final Audit audit;
    private final ListeningOperations listening;

    @Activate
    public AlertOperations(@Reference StoreAccess store, @Reference Audit audit,
            @Reference ListeningOperations listening) {
        this.store = store;
        this.audit = audit;
        this.listening = listening;
    }

    public record AlertView(String id, String kind, String rule, String query, String title, String message,
            Instant raisedAt, Instant windowStart, Instant windowEnd, String status, String acknowledgedBy,
            Instant acknowledgedAt, int evidence) {

        static AlertView of(StoredAlert alert) {
            return new AlertView(alert.id(), alert.kind(), alert.ruleId(), alert.queryId(), alert.title(),
                    alert.message(), alert.raisedAt(), alert.windowStart(), alert.windowEnd(), alert.status().name(),
                    alert.acknowledgedBy(), alert.acknowledgedAt(), alert.mentionIds().size());
        }
    }

    public record DeliveryView(String channel, String channelName, String sink, String state, int attempts,
            String lastError, Instant nextAttemptAt, Instant sentAt) {

        static DeliveryView of(Delivery delivery) {
            return new DeliveryView(delivery.channelId(), delivery.channelName(), delivery.sink(),
                    delivery.state().name(), delivery.attempts(), delivery.lastError(), delivery.nextAttemptAt(),
                    delivery.sentAt());
        }
    }

    /** An alert with the mentions that caused it, in the order they are shown. */
    public record AlertDetail(AlertView alert, List<MentionView> mentions, List<DeliveryView> deliveries) {
    }

    public record RuleView(String id, String name, String kind, String query, long coolDownMinutes, boolean enabled,
            Instant lastAlertAt, String createdBy, Instant createdAt) {

        static RuleView of(Rule rule) {
            return new RuleView(rule.id(), rule.name(), rule.kind(), rule.queryId(), rule.coolDown().toMinutes(),
                    rule.enabled(), rule.lastAlertAt(), rule.createdBy(), rule.createdAt());
        }
    }

    public record ChannelView(String id, String sink, String name, boolean enabled, Instant createdAt) {

        static ChannelView of(Channel channel) {
            return new ChannelView(channel.id(), channel.sink(), channel.name(), channel.enabled(),
                    channel.createdAt());
        }
    }

    public record ChannelTest(boolean delivered, String error) {
    }

    // --- alerts

    public List<AlertView> alerts(String workspaceId, Map<String, String> query) {
        String status = QueryParameters.text(query, "status");
        AlertFilter filter = new AlertFilter(status == null ? null : status(status),
                QueryParameters.text(query, "before"),
                QueryParameters.limit(query, ListeningOperations.DEFAULT_LIMIT, ListeningOperations.MAX_LIMIT));
        return StoreCalls.call(() -> store.alerts().alerts(workspaceId, filter)).stream().map(AlertView::of).toList();
    }

    public AlertDetail alert(String workspaceId, String alertId) {
        StoredAlert alert = find(workspaceId, alertId);
        List<MentionView> mentions = StoreCalls.call(() -> store.listening().mentions(workspaceId,
                alert.mentionIds())).stream().map(MentionView::of).toList();
        return new AlertDetail(AlertView.of(alert), mentions,
                StoreCalls.call(() -> store.alerts().deliveries(alertId)).stream().map(DeliveryView::of).toList());
    }

    public AlertView acknowledge(Actor actor, String workspaceId, String alertId) {
        StoredAlert alert = StoreCalls.call(() -> store.alerts().acknowledge(workspaceId, alertId, actor.id(),
                Instant.now())).orElseThrow(() -> noAlert(workspaceId, alertId));
        audit.record(actor, workspaceId, "alert.acknowledged", "alert", alertId, alert.title());
        return AlertView.of(alert);
    }

    private StoredAlert find(String workspaceId, String alertId) {
        return StoreCalls.call(() -> store.alerts().alert(workspaceId, alertId))
                .orElseThrow(() -> noAlert(workspaceId, alertId));
    }

    private static ApiException noAlert(String workspaceId, String alertId) {
        return ApiException.notFound("id", "no alert " + alertId + " in workspace " + workspaceId);
    }

    private static Status status(String given) {
        try {
            return Status.valueOf(given.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("status", "status must be OPEN or ACKNOWLEDGED");
        }
    }

    // --- rules

    public List<RuleView> rules(String workspaceId) {
        return StoreCalls.call(() -> store.alerts().rules(workspaceId)).stream().map(RuleView::of).toList();
    }

    public RuleView createRule(Actor actor, String workspaceId, String name, String kind, String queryId,
            Integer coolDownMinutes) {
        if (kind == null || kind.isBlank()) {
            throw ApiException.invalid("kind", "kind must be one of " + AlertRepository.SPIKE + ", "
                    + AlertRepository.NEGATIVE_SURGE + ", " + AlertRepository.KEYWORD);
        }
        String query = queryId == null || queryId.isBlank() ? null : queryId.strip();
        if (query != null && StoreCalls.call(() -> store.listening().query(workspaceId, query)).isEmpty()) {
            throw ApiException.invalid("query", "query must be a listening query of the workspace; " + query
                    + " is not one");
        }
        Rule rule = ListeningOperations.call(() -> store.alerts().createRule(workspaceId, name, kind.strip(), query,
                coolDown(coolDownMinutes), actor.id(), Instant.now()));
        audit.record(actor, workspaceId, "alert-rule.created", "alert-rule", rule.id(), rule.kind() + ": "
                + rule.name());
        return RuleView.of(rule);
    }

    public RuleView updateRule(Actor actor, String workspaceId, String ruleId, String name, Integer coolDownMinutes,
            Boolean enabled) {
        Rule current = StoreCalls.call(() -> store.alerts().rule(workspaceId, ruleId))
                .orElseThrow(() -> noRule(workspaceId, ruleId));
        Duration coolDown = coolDownMinutes == null ? current.coolDown() : coolDown(coolDownMinutes);
        Rule rule = ListeningOperations.call(() -> store.alerts().updateRule(workspaceId, ruleId,
                name == null ? current.name() : name, coolDown, enabled == null ? current.enabled() : enabled))
                .orElseThrow(() -> noRule(workspaceId, ruleId));
        audit.record(actor, workspaceId, "alert-rule.changed", "alert-rule", ruleId, rule.name()
                + (rule.enabled() ? "" : " (off)"));
        return RuleView.of(rule);
    }

    public void deleteRule(Actor actor, String workspaceId, String ruleId) {
        if (!StoreCalls.call(() -> store.alerts().deleteRule(workspaceId, ruleId))) {
            throw noRule(workspaceId, ruleId);
        }
        audit.record(actor, workspaceId, "alert-rule.removed", "alert-rule", ruleId, null);
    }

    private static Duration coolDown(Integer minutes) {
        int value = minutes == null ? DEFAULT_COOL_DOWN_MINUTES : minutes;
        if (value < 0 || value > 7 * 24 * 60) {
            throw ApiException.invalid("coolDownMinutes", "coolDownMinutes must be 0 to 10080 (one week)");
        }
        return Duration.ofMinutes(value);
    }

    private static ApiException noRule(String workspaceId, String ruleId) {
        return ApiException.notFound("id", "no alert rule " + ruleId + " in workspace " + workspaceId);
    }

    // --- channels

    public List<PluginKindView> sinkKinds() {
        return listening.monitoring().sinkKinds().stream().map(PluginKindView::of).toList();
    }

    public List<ChannelView> channels(String workspaceId) {
        return StoreCalls.call(() -> store.alerts().channels(workspaceId)).stream().map(ChannelView::of).toList();
    }

    public ChannelView addChannel(Actor actor, String workspaceId, String sink, String name,
            Map<String, String> settings) {
        Channel channel = ListeningOperations.call(() -> listening.monitoring().addChannel(workspaceId, sink, name,
                settings));
        audit.record(actor, workspaceId, "alert-channel.added", "alert-channel", channel.id(), channel.sink() + ": "
                + channel.name());
        return ChannelView.of(channel);
    }

    public ChannelView enableChannel(Actor actor, String workspaceId, String channelId, Boolean enabled) {
        if (enabled == null) {
            throw ApiException.invalid("enabled", "enabled must be true or false");
        }
        Channel channel = StoreCalls.call(() -> store.alerts().setChannelEnabled(workspaceId, channelId, enabled))
                .orElseThrow(() -> noChannel(workspaceId, channelId));
        audit.record(actor, workspaceId, enabled ? "alert-channel.enabled" : "alert-channel.disabled",
                "alert-channel", channelId, channel.name());
        return ChannelView.of(channel);
    }

    public ChannelTest testChannel(Actor actor, String workspaceId, String channelId) {
        Optional<String> error = ListeningOperations.call(() -> listening.monitoring().testChannel(workspaceId,
                channelId));
        audit.record(actor, workspaceId, "alert-channel.tested", "alert-channel", channelId,
                error.isEmpty() ? "delivered" : "not delivered");
        return new ChannelTest(error.isEmpty(), error.orElse(null));
    }

    public void deleteChannel(Actor actor, String workspaceId, String channelId) {
        if (!StoreCalls.call(() -> store.alerts().deleteChannel(workspaceId, channelId))) {
            throw noChannel(workspaceId, channelId);
        }
        audit.record(actor, workspaceId, "alert-channel.removed", "alert-channel", channelId, null);
    }

    private static ApiException noChannel(String workspaceId, String channelId) {
        return ApiException.notFound("id", "no alert channel " + channelId + " in workspace " + workspaceId);
    }

    /** Evaluates due rules and delivers due alerts now, for the console. @return the alerts raised */
    public int evaluateNow() {
        return listening.monitoring().evaluateAlerts();
    }
}
