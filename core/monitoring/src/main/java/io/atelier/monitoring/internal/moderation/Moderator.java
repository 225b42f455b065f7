package io.atelier.monitoring.internal.moderation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.platform.ModerationAction;
import io.atelier.store.AlertRepository;
import io.atelier.store.AlertRepository.NewAlert;
import io.atelier.store.ListeningRepository.Incoming;
import io.atelier.store.ListeningRepository.StoredMention;
import io.atelier.store.ModerationRepository;
import io.atelier.store.ModerationRepository.Action;
import io.atelier.store.ModerationRepository.Rule;

/**
 * Applies a workspace's charter and moderation rules to the mentions of a poll before
 * they are saved. A mention that breaks the charter is annotated with the terms it
 * contains ({@link #CHARTER}). Every enabled rule whose conditions all hold applies,
 * in order: labels add up, the first assignment wins, escalating marks the item and
 * raises an alert with the mention once it is saved, closing files the item at once,
 * hiding or deleting asks the network (through {@link Network}) once the mention is
 * saved and files the item. A mention a rule applies to always gets an inbox item.
 */
public final class Moderator {

    private static final Logger LOG = LoggerFactory.getLogger(Moderator.class);
    /** Annotation: the charter terms a mention contains, comma-separated. */
    public static final String CHARTER = "charter";
    /** The kind of the alerts escalations raise. */
    public static final String ESCALATION = "escalation";

    /** Asks a mention's network to hide or delete it; the outcome is the implementation's to record. */
    @FunctionalInterface
    public interface Network {
        void moderate(StoredMention mention, ModerationAction action, String rule);
    }

    /** A rule's request to the network about one mention. */
    public record NetworkAction(ModerationAction action, String rule) {
    }

    private final ModerationRepository moderation;
    private final AlertRepository alerts;
    private final Network network;

    public Moderator(ModerationRepository moderation, AlertRepository alerts, Network network) {
        this.moderation = moderation;
        this.alerts = alerts;
        this.network = network;
    }

    /**
     * The mentions of one poll of a source with what moderation decided.
     *
     * @param incoming  the mentions, with what matching decided
     * @param escalated the rule names that escalated each mention, by the mention's remote id
     * @param actions   what to ask the network about each mention, by the mention's remote id
     */
    public record Decided(List<Incoming> incoming, Map<String, List<String>> escalated,
            Map<String, List<NetworkAction>> actions) {
    }

    /** The workspace's charter. */
    public Charter charter(String workspaceId) {
        return Charter.of(moderation.charter(workspaceId));
    }

    /** Applies the charter and the rules of the source's workspace to the mentions of a poll. */
    public Decided moderate(String workspaceId, String sourceId, List<Incoming> incoming) {
        if (incoming.isEmpty()) {
            return new Decided(incoming, Map.of(), Map.of());
        }
        Charter charter = charter(workspaceId);
        List<Rule> rules = moderation.rules(workspaceId).stream().filter(Rule::enabled).toList();
        if (charter.isEmpty() && rules.isEmpty()) {
            return new Decided(incoming, Map.of(), Map.of());
        }
        List<Incoming> decided = new ArrayList<>(incoming.size());
        Map<String, List<String>> escalated = new HashMap<>();
        Map<String, List<NetworkAction>> actions = new HashMap<>();
        for (Incoming one : incoming) {
            Mention mention = one.mention();
            List<String> breaches = charter.breaches(mention.text());
            if (!breaches.isEmpty()) {
                mention = mention.annotate(Map.of(CHARTER, String.join(", ", breaches)));
            }
            List<String> labels = new ArrayList<>();
            String assignee = null;
            List<String> escalations = new ArrayList<>();
            List<NetworkAction> onNetwork = new ArrayList<>();
            boolean closed = false;
            boolean applied = false;
            for (Rule rule : rules) {
                if (!applies(rule, mention, one.queryIds(), sourceId, !breaches.isEmpty())) {
                    continue;
                }
                applied = true;
                switch (rule.action()) {
                    case LABEL -> labels.add(rule.argument());
                    case ASSIGN -> assignee = assignee == null ? rule.argument() : assignee;
                    case ESCALATE -> escalations.add(rule.name());
                    case CLOSE -> closed = true;
                    case HIDE, DELETE -> {
                        onNetwork.add(new NetworkAction(rule.action() == Action.HIDE ? ModerationAction.HIDE
                                : ModerationAction.DELETE, rule.name()));
                        closed = true;
                    }
                }
            }
            if (!escalations.isEmpty()) {
                escalated.put(mention.id(), escalations);
            }
            if (!onNetwork.isEmpty()) {
                actions.put(mention.id(), onNetwork);
            }
            decided.add(new Incoming(mention, one.queryIds(), one.inbox() || applied, labels, assignee,
                    !escalations.isEmpty(), closed));
        }
        return new Decided(decided, escalated, actions);
    }

    static boolean applies(Rule rule, Mention mention, List<String> queryIds, String sourceId, boolean breaksCharter) {
        return (rule.queryId() == null || queryIds.contains(rule.queryId()))
                && (rule.sentiment() == null || rule.sentiment().equals(mention.annotations().get(Mention.SENTIMENT)))
                && (rule.author() == null || normalAuthor(rule.author()).equals(normalAuthor(mention.author())))
                && (rule.sourceId() == null || rule.sourceId().equals(sourceId))
                && (rule.language() == null || rule.language().equals(mention.annotations().get(Mention.LANGUAGE)))
                && (!rule.charter() || breaksCharter);
    }

    /** An author as rules compare it: without case, a leading {@code @} and surrounding spaces. */
    private static String normalAuthor(String author) {
        String stripped = author == null ? "" : author.strip().toLowerCase(Locale.ROOT);
        return stripped.startsWith("@") ? stripped.substring(1) : stripped;
    }

    /**
     * Once a poll is saved: raises an alert for each escalated mention and asks the
     * network to hide or delete what rules said. A mention the source gave before (not
     * saved again) is neither escalated nor sent to the network again.
     */
    public void afterSave(String workspaceId, List<StoredMention> saved, Decided decided, Instant now) {
        escalate(workspaceId, saved, decided.escalated(), now);
        for (StoredMention stored : saved) {
            for (NetworkAction action : decided.actions().getOrDefault(stored.mention().id(), List.of())) {
                network.moderate(stored, action.action(), action.rule());
            }
        }
    }

    private void escalate(String workspaceId, List<StoredMention> saved, Map<String, List<String>> escalated,
            Instant now) {
        for (StoredMention stored : saved) {
            List<String> rules = escalated.get(stored.mention().id());
            if (rules == null) {
                continue;
            }
            Mention mention = stored.mention();
            String author = mention.author().isBlank() ? "someone" : mention.author();
            String text = mention.text().length() > 280 ? mention.text().substring(0, 279) + "…" : mention.text();
            try {
                alerts.raise(workspaceId, ESCALATION, new NewAlert("Escalated: " + author + " on " + mention.source(),
                        "Moderation rule " + String.join(", ", rules.stream().map(r -> "\"" + r + "\"").toList())
                                + " escalated this mention:\n\n" + text, now, now, List.of(stored.id())), now);
            } catch (RuntimeException e) {
                // The mention is saved and its item marked escalated: it is not lost, only not announced.
                LOG.warn("The escalation of mention {} could not be raised as an alert", stored.id(), e);
            }
        }
    }
}
