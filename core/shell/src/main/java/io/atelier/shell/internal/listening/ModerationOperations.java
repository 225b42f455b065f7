package io.atelier.shell.internal.listening;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atelier.shell.internal.audit.Actor;
import io.atelier.shell.internal.audit.Audit;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.StoreAccess;
import io.atelier.shell.internal.rest.StoreCalls;
import io.atelier.store.ModerationRepository.Action;
import io.atelier.store.ModerationRepository.Rule;
import io.atelier.store.ModerationRepository.RuleInput;

/**
 * Moderation as the shell offers it, behind the REST routes and the console: the
 * workspace's charter of forbidden words (checked on incoming mentions, posts and
 * answers) and its moderation rules. Changes are recorded in the audit log.
 */
@Component(service = ModerationOperations.class)
public final class ModerationOperations {

    private final StoreAccess store;
    private final Audit audit;

    @Activate
    public ModerationOperations(@Reference StoreAccess store, @Reference Audit audit) {
        this.store = store;
        this.audit = audit;
    }

    public record CharterView(List<String> terms) {
    }

    public record RuleView(String id, String name, int position, boolean enabled, String query, String sentiment,
            String author, String source, String language, boolean charter, String action, String argument,
            String createdBy, Instant createdAt) {

        static RuleView of(Rule rule) {
            return new RuleView(rule.id(), rule.name(), rule.position(), rule.enabled(), rule.queryId(),
                    rule.sentiment(), rule.author(), rule.sourceId(), rule.language(), rule.charter(),
                    rule.action().name(), rule.argument(), rule.createdBy(), rule.createdAt());
        }
    }

    public CharterView charter(String workspaceId) {
        return new CharterView(StoreCalls.call(() -> store.moderation().charter(workspaceId)));
    }

    public CharterView setCharter(Actor actor, String workspaceId, List<String> terms) {
        if (terms == null) {
            throw ApiException.invalid("terms", "terms must be a list of words or phrases (empty to clear)");
        }
        List<String> kept = ListeningOperations.call(() -> store.moderation().setCharter(workspaceId, terms));
        audit.record(actor, workspaceId, "charter.changed", "workspace", workspaceId, kept.size() + " term(s)");
        return new CharterView(kept);
    }

    public List<RuleView> rules(String workspaceId) {
        return StoreCalls.call(() -> store.moderation().rules(workspaceId)).stream().map(RuleView::of).toList();
    }

    public RuleView createRule(Actor actor, String workspaceId, RuleInput input) {
        Rule rule = ListeningOperations.call(() -> store.moderation().createRule(workspaceId, input, actor.id(),
                Instant.now()));
        audit.record(actor, workspaceId, "moderation-rule.created", "moderation-rule", rule.id(),
                rule.action() + ": " + rule.name());
        return RuleView.of(rule);
    }

    public RuleView setEnabled(Actor actor, String workspaceId, String ruleId, Boolean enabled) {
        if (enabled == null) {
            throw ApiException.invalid("enabled", "enabled must be true or false");
        }
        Rule rule = StoreCalls.call(() -> store.moderation().setEnabled(workspaceId, ruleId, enabled))
                .orElseThrow(() -> noRule(workspaceId, ruleId));
        audit.record(actor, workspaceId, enabled ? "moderation-rule.enabled" : "moderation-rule.disabled",
                "moderation-rule", ruleId, rule.name());
        return RuleView.of(rule);
    }

    public void deleteRule(Actor actor, String workspaceId, String ruleId) {
        if (!StoreCalls.call(() -> store.moderation().deleteRule(workspaceId, ruleId))) {
            throw noRule(workspaceId, ruleId);
        }
        audit.record(actor, workspaceId, "moderation-rule.removed", "moderation-rule", ruleId, null);
    }

    /** The action a person named, e.g. {@code label}. */
    public static Action action(String given) {
        try {
            return Action.valueOf(given.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.invalid("action", "action must be one of LABEL, ASSIGN, ESCALATE, CLOSE, HIDE,"
                    + " DELETE");
        }
    }

    private static ApiException noRule(String workspaceId, String ruleId) {
        return ApiException.notFound("id", "no moderation rule " + ruleId + " in workspace " + workspaceId);
    }
}
