package io.atelier.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Moderation: a workspace's charter (the words and phrases it does not want in what
 * it receives or sends) and its moderation rules (conditions on an incoming mention,
 * and an action). The monitoring service applies them as mentions arrive; what they
 * decided is saved with the inbox item ({@link ListeningRepository.Incoming}).
 */
@ProviderType
public interface ModerationRepository {

    /** What a rule does to a mention it applies to. */
    enum Action {
        /** Adds a label (the rule's argument) to the inbox item. */
        LABEL,
        /** Assigns the inbox item to a member (the argument, a person's id). */
        ASSIGN,
        /** Marks the item escalated and raises an alert with the mention. */
        ESCALATE,
        /** Files the item as closed at once (spam, noise). */
        CLOSE,
        /** Hides the mention on its network, where the account may (and files the item as closed). */
        HIDE,
        /** Deletes the mention on its network, where the account may (and files the item as closed). */
        DELETE
    }

    /** The actions that need an argument. */
    Set<Action> WITH_ARGUMENT = Set.of(Action.LABEL, Action.ASSIGN);

    /**
     * A moderation rule. Every condition that is not {@code null} (or {@code false} for
     * {@code charter}) must hold for the rule to apply.
     *
     * @param queryId   the mention matched this listening query
     * @param sentiment the mention's sentiment ({@code negative}, {@code neutral}, {@code positive})
     * @param author    the mention's author, compared without case
     * @param sourceId  the mention came from this source
     * @param language  the mention's language (ISO 639-1)
     * @param charter   the mention breaks the workspace's charter
     * @param argument  the label for {@link Action#LABEL}, the person for {@link Action#ASSIGN}, else {@code null}
     */
    record Rule(String id, String workspaceId, String name, int position, boolean enabled, String queryId,
            String sentiment, String author, String sourceId, String language, boolean charter, Action action,
            String argument, String createdBy, Instant createdAt) {
    }

    /** What a new rule says; the same fields as {@link Rule}. */
    record RuleInput(String name, String queryId, String sentiment, String author, String sourceId, String language,
            boolean charter, Action action, String argument) {
    }

    // Charter

    /** The workspace's charter terms, sorted. */
    List<String> charter(String workspaceId);

    /**
     * Replaces the workspace's charter with {@code terms} (blank ones and duplicates
     * left out, each stripped).
     *
     * @throws IllegalArgumentException (field {@code terms}) for a term over 200 characters or more than 500 terms
     */
    List<String> setCharter(String workspaceId, List<String> terms);

    // Rules

    /** The workspace's rules, in the order they apply. */
    List<Rule> rules(String workspaceId);

    /**
     * Adds a rule, applied after the others.
     *
     * @throws IllegalArgumentException naming the field at fault (no condition, an action without its argument...)
     * @throws ConflictException when the workspace has a rule of that name
     * @throws java.util.NoSuchElementException when the query or the source is not the workspace's
     */
    Rule createRule(String workspaceId, RuleInput input, String actor, Instant now);

    /** Turns a rule on or off; empty if there is none. */
    Optional<Rule> setEnabled(String workspaceId, String ruleId, boolean enabled);

    boolean deleteRule(String workspaceId, String ruleId);
}
