package io.atelier.shell.internal.listening;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.platform.CredentialField;
import io.atelier.monitoring.InvalidQueryException;
import io.atelier.monitoring.Monitoring;
import io.atelier.monitoring.PluginKind;
import io.atelier.shell.internal.audit.Actor;
import io.atelier.shell.internal.audit.Audit;
import io.atelier.shell.internal.auth.AccessPolicy;
import io.atelier.shell.internal.auth.Permission;
import io.atelier.shell.internal.auth.Principal;
import io.atelier.scheduling.NotAnApproverException;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.ErrorCode;
import io.atelier.shell.internal.rest.QueryParameters;
import io.atelier.shell.internal.rest.StoreAccess;
import io.atelier.shell.internal.rest.StoreCalls;
import io.atelier.store.InboxRepository.Item;
import io.atelier.store.InboxRepository.ItemFilter;
import io.atelier.store.InboxRepository.Note;
import io.atelier.store.InboxRepository.Reply;
import io.atelier.store.InboxRepository.SavedReply;
import io.atelier.store.InboxRepository.Status;
import io.atelier.store.ListeningRepository.MentionFilter;
import io.atelier.store.ListeningRepository.Query;
import io.atelier.store.ListeningRepository.Source;
import io.atelier.store.ListeningRepository.StoredMention;
import io.atelier.store.ListeningRepository.Voice;

/**
 * Listening and the inbox as the shell offers them, behind the REST routes:
 * queries (checked, with the position of a problem, and previewed), sources,
 * mentions, inbox items with their notes and answers, and saved replies. Changes are
 * recorded in the audit log with the real caller. Mention text, authors and links
 * come from the internet: they are passed on as data, and a link that is not
 * {@code http(s)} is dropped, so a view can never be handed a {@code javascript:}
 * address.
 */
@Component(service = ListeningOperations.class)
public final class ListeningOperations {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final StoreAccess store;
    private final Audit audit;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Monitoring monitoring;

    @Activate
    public ListeningOperations(@Reference StoreAccess store, @Reference Audit audit) {
        this.store = store;
        this.audit = audit;
    }

    // --- answers

    /** A mention; {@code text}, {@code author} and {@code url} are untrusted. */
    public record MentionView(String id, String sourceId, String source, String remoteId, String url, String author,
            String text, Instant publishedAt, Instant receivedAt, String inReplyTo, String language,
            String sentiment, String sentimentScore, Map<String, String> annotations, List<String> queries,
            String item) {

        public static MentionView of(StoredMention stored) {
            Mention m = stored.mention();
            return new MentionView(stored.id(), stored.sourceId(), m.source(), m.id(), safeUrl(m.url()), m.author(),
                    m.text(), m.publishedAt(), stored.receivedAt(), m.inReplyTo(),
                    m.annotations().get(Mention.LANGUAGE), m.annotations().get(Mention.SENTIMENT),
                    m.annotations().get(Mention.SENTIMENT_SCORE), m.annotations(), stored.queryIds(),
                    stored.itemId());
        }
    }

    /** A listening query; {@code voice} is {@code BRAND}, {@code COMPETITOR} or {@code null}. */
    public record QueryView(String id, String name, String query, String voice, String createdBy, Instant createdAt,
            Instant updatedAt) {

        static QueryView of(Query query) {
            return new QueryView(query.id(), query.name(), query.text(),
                    query.voice() == null ? null : query.voice().name(), query.createdBy(), query.createdAt(),
                    query.updatedAt());
        }
    }

    public record SourceView(String id, String kind, String account, String name, String status, String lastError,
            int failures, long mentionsSeen, Instant lastPolledAt, Instant nextPollAt, Instant createdAt) {

        static SourceView of(Source source) {
            return new SourceView(source.id(), source.kind(), source.accountId(), source.name(),
                    source.status().name(), source.lastError(), source.failures(), source.mentionsSeen(),
                    source.lastPolledAt(), source.nextPollAt(), source.createdAt());
        }
    }

    /** A kind of source or alert channel an installed plugin provides. */
    public record PluginKindView(String id, String name, List<CredentialField> settings, String plugin) {

        static PluginKindView of(PluginKind kind) {
            return new PluginKindView(kind.id(), kind.name(), kind.settings(), kind.plugin());
        }
    }

    /** What a query check found: nothing wrong, or the problem and where it is. */
    public record QueryCheck(boolean valid, String message, Integer position) {
    }

    public record ItemView(String id, String workspace, String status, String assignee, long version,
            Instant createdAt, Instant updatedAt, Instant firstResponseAt, List<String> labels, boolean escalated,
            MentionView mention) {

        static ItemView of(Item item) {
            return new ItemView(item.id(), item.workspaceId(), item.status().name(), item.assignee(), item.version(),
                    item.createdAt(), item.updatedAt(), item.firstResponseAt(), item.labels(), item.escalated(),
                    MentionView.of(item.mention()));
        }
    }

    public record NoteView(String id, String author, String authorName, String text, Instant at) {

        static NoteView of(Note note) {
            return new NoteView(note.id(), note.author(), note.authorName(), note.text(), note.at());
        }
    }

    public record ReplyView(String id, String item, String author, String text, String state, String remoteId,
            String url, String error, Instant createdAt, Instant finishedAt) {

        static ReplyView of(Reply reply) {
            return new ReplyView(reply.id(), reply.itemId(), reply.author(), reply.text(), reply.state().name(),
                    reply.remoteId(), safeUrl(reply.url()), reply.error(), reply.createdAt(), reply.finishedAt());
        }
    }

    /** An item with everything the team wrote about it. */
    public record ItemDetail(ItemView item, List<NoteView> notes, List<ReplyView> replies) {
    }

    public record SavedReplyView(String id, String name, String text) {

        static SavedReplyView of(SavedReply saved) {
            return new SavedReplyView(saved.id(), saved.name(), saved.text());
        }
    }

    // --- queries

    public List<QueryView> queries(String workspaceId) {
        return StoreCalls.call(() -> store.listening().queries(workspaceId)).stream().map(QueryView::of).toList();
    }

    /** Adds a query; {@code voice}: {@code BRAND}, {@code COMPETITOR}, or {@code null} / empty for neither. */
    public QueryView createQuery(Actor actor, String workspaceId, String name, String query, String voice) {
        Voice counted = voice(voice);
        Query created = call(() -> monitoring().createQuery(workspaceId, name, query, counted, actor.id()));
        audit.record(actor, workspaceId, "query.created", "query", created.id(), created.name());
        return QueryView.of(created);
    }

    /**
     * Changes a query.
     *
     * @param voice {@code BRAND}, {@code COMPETITOR}, empty for neither, or {@code null} to keep the query's
     */
    public QueryView updateQuery(Actor actor, String workspaceId, String queryId, String name, String query,
            String voice) {
        Voice counted = voice == null ? StoreCalls.call(() -> store.listening().query(workspaceId, queryId))
                .map(Query::voice).orElse(null) : voice(voice);
        Query updated = call(() -> monitoring().updateQuery(workspaceId, queryId, name, query, counted))
                .orElseThrow(() -> ApiException.notFound("id", "no query " + queryId + " in workspace " + workspaceId));
        audit.record(actor, workspaceId, "query.changed", "query", queryId, updated.name());
        return QueryView.of(updated);
    }

    public void deleteQuery(Actor actor, String workspaceId, String queryId) {
        if (!StoreCalls.call(() -> store.listening().deleteQuery(workspaceId, queryId))) {
            throw ApiException.notFound("id", "no query " + queryId + " in workspace " + workspaceId);
        }
        audit.record(actor, workspaceId, "query.removed", "query", queryId, null);
    }

    /** Checks a query without saving it; a problem is an answer here, not an error. */
    public QueryCheck check(String query) {
        try {
            monitoring().check(query);
            return new QueryCheck(true, null, null);
        } catch (InvalidQueryException e) {
            return new QueryCheck(false, e.getMessage(), e.position());
        }
    }

    public List<MentionView> preview(String workspaceId, String query, Integer limit) {
        int max = limit == null ? 20 : limit;
        if (max < 1 || max > 100) {
            throw ApiException.invalid("limit", "limit must be a whole number from 1 to 100");
        }
        return call(() -> monitoring().preview(workspaceId, query, max)).stream().map(MentionView::of).toList();
    }

    // --- sources

    public List<PluginKindView> sourceKinds() {
        return monitoring().sourceKinds().stream()
                .map(PluginKindView::of).toList();
    }

    public List<SourceView> sources(String workspaceId) {
        return StoreCalls.call(() -> store.listening().sources(workspaceId)).stream().map(SourceView::of).toList();
    }

    public SourceView addSource(Actor actor, String workspaceId, String kind, String name,
            Map<String, String> settings) {
        Source source = call(() -> monitoring().addSource(workspaceId, kind, name, settings));
        audit.record(actor, workspaceId, "source.added", "source", source.id(), source.kind() + ": " + source.name());
        return SourceView.of(source);
    }

    public SourceView pause(Actor actor, String workspaceId, String sourceId, boolean paused) {
        Source source = StoreCalls.call(() -> store.listening().setPaused(workspaceId, sourceId, paused,
                Instant.now())).orElseThrow(() -> ApiException.notFound("id", "no source " + sourceId
                        + " in workspace " + workspaceId));
        audit.record(actor, workspaceId, paused ? "source.paused" : "source.resumed", "source", sourceId, null);
        return SourceView.of(source);
    }

    public void deleteSource(Actor actor, String workspaceId, String sourceId) {
        Source source = StoreCalls.call(() -> store.listening().source(workspaceId, sourceId)).orElseThrow(
                () -> ApiException.notFound("id", "no source " + sourceId + " in workspace " + workspaceId));
        if (source.accountId() != null) {
            throw ApiException.invalid("id", "an account's mentions are listened to as long as the account is"
                    + " connected: pause the source, or remove the account");
        }
        StoreCalls.call(() -> store.listening().deleteSource(workspaceId, sourceId));
        audit.record(actor, workspaceId, "source.removed", "source", sourceId, source.name());
    }

    // --- mentions

    public List<MentionView> mentions(String workspaceId, Map<String, String> query) {
        MentionFilter filter = new MentionFilter(QueryParameters.text(query, "query"),
                QueryParameters.text(query, "source"), QueryParameters.text(query, "before"),
                QueryParameters.limit(query, DEFAULT_LIMIT, MAX_LIMIT));
        return StoreCalls.call(() -> store.listening().mentions(workspaceId, filter)).stream()
                .map(MentionView::of).toList();
    }

    // --- inbox

    public List<ItemView> items(Principal caller, String workspaceId, Map<String, String> query) {
        String status = QueryParameters.text(query, "status");
        String assignee = query.containsKey("assignee") ? query.get("assignee").trim() : null;
        if ("me".equals(assignee)) {
            if (!caller.isPerson()) {
                throw ApiException.invalid("assignee", "assignee=me needs a person signed in; give a person's id");
            }
            assignee = caller.personId();
        }
        ItemFilter filter = new ItemFilter(status == null ? null : status(status), assignee,
                QueryParameters.text(query, "before"), QueryParameters.limit(query, DEFAULT_LIMIT, MAX_LIMIT));
        return StoreCalls.call(() -> store.inbox().items(workspaceId, filter)).stream().map(ItemView::of).toList();
    }

    public ItemDetail item(String workspaceId, String itemId) {
        Item item = findItem(workspaceId, itemId);
        return new ItemDetail(ItemView.of(item),
                StoreCalls.call(() -> store.inbox().notes(workspaceId, itemId)).stream().map(NoteView::of).toList(),
                StoreCalls.call(() -> store.inbox().replies(workspaceId, itemId)).stream().map(ReplyView::of)
                        .toList());
    }

    public ItemView assign(Actor actor, String workspaceId, String itemId, String assignee, Long version) {
        if (assignee != null && StoreCalls.call(() -> store.memberships().role(workspaceId, assignee)).isEmpty()) {
            throw ApiException.invalid("assignee", "assignee must be a member of the workspace");
        }
        Item item = StoreCalls.call(() -> store.inbox().assign(workspaceId, itemId, version == null ? -1 : version,
                assignee, Instant.now())).orElseThrow(() -> noItem(workspaceId, itemId));
        audit.record(actor, workspaceId, "inbox.assigned", "inbox-item", itemId,
                assignee == null ? "unassigned" : "to " + assignee);
        return ItemView.of(item);
    }

    public ItemView setStatus(Actor actor, String workspaceId, String itemId, String status, Long version) {
        Status next = status(status);
        Item item = StoreCalls.call(() -> store.inbox().setStatus(workspaceId, itemId, version == null ? -1 : version,
                next, Instant.now())).orElseThrow(() -> noItem(workspaceId, itemId));
        audit.record(actor, workspaceId, "inbox.status", "inbox-item", itemId, next.name());
        return ItemView.of(item);
    }

    public NoteView addNote(Actor actor, String workspaceId, String itemId, String text) {
        Note note = call(() -> store.inbox().addNote(workspaceId, itemId, actor.id(), actor.displayName(), text,
                Instant.now())).orElseThrow(() -> noItem(workspaceId, itemId));
        audit.record(actor, workspaceId, "inbox.noted", "inbox-item", itemId, null);
        return NoteView.of(note);
    }

    public ReplyView reply(Actor actor, String workspaceId, String itemId, String text) {
        Reply reply = call(() -> monitoring().reply(workspaceId, itemId, actor.id(), text));
        audit.record(actor, workspaceId, "inbox.replied", "inbox-item", itemId, "answer " + reply.id());
        return ReplyView.of(reply);
    }

    /** Approves an answer in review; the approval that passes the workflow sends it. */
    public ReplyView approveReply(Actor actor, String workspaceId, String replyId) {
        Reply reply = call(() -> monitoring().approveReply(workspaceId, replyId, actor.id(),
                mayReply(actor.principal(), workspaceId)));
        audit.record(actor, workspaceId, "inbox.reply-approved", "inbox-reply", replyId, reply.state().name());
        return ReplyView.of(reply);
    }

    /** Turns down an answer in review: it is never sent. */
    public ReplyView rejectReply(Actor actor, String workspaceId, String replyId, String reason) {
        Reply reply = call(() -> monitoring().rejectReply(workspaceId, replyId, actor.id(), actor.displayName(),
                mayReply(actor.principal(), workspaceId), reason));
        audit.record(actor, workspaceId, "inbox.reply-rejected", "inbox-reply", replyId, null);
        return ReplyView.of(reply);
    }

    /** Whether the workspace's answers wait for its approval workflow. */
    public record InboxSettings(boolean repliesNeedApproval) {
    }

    public InboxSettings settings(String workspaceId) {
        return new InboxSettings(StoreCalls.call(() -> store.inbox().repliesNeedApproval(workspaceId)));
    }

    public InboxSettings setSettings(Actor actor, String workspaceId, Boolean repliesNeedApproval) {
        if (repliesNeedApproval == null) {
            throw ApiException.invalid("repliesNeedApproval", "repliesNeedApproval must be true or false");
        }
        call(() -> {
            store.inbox().setRepliesNeedApproval(workspaceId, repliesNeedApproval);
            return null;
        });
        audit.record(actor, workspaceId, "inbox.settings", "workspace", workspaceId,
                repliesNeedApproval ? "answers need approval" : "answers sent at once");
        return settings(workspaceId);
    }

    /** Whether the caller may answer in the workspace: who decides on answers without a workflow. */
    private boolean mayReply(Principal caller, String workspaceId) {
        return AccessPolicy.allows(caller, Permission.INBOX_REPLY, workspaceId,
                (ws, person) -> StoreCalls.call(() -> store.memberships().role(ws, person)));
    }

    public List<SavedReplyView> savedReplies(String workspaceId) {
        return StoreCalls.call(() -> store.inbox().savedReplies(workspaceId)).stream().map(SavedReplyView::of)
                .toList();
    }

    public SavedReplyView saveReply(Actor actor, String workspaceId, String name, String text) {
        SavedReply saved = call(() -> store.inbox().saveReply(workspaceId, name, text));
        audit.record(actor, workspaceId, "saved-reply.saved", "saved-reply", saved.id(), saved.name());
        return SavedReplyView.of(saved);
    }

    public void deleteSavedReply(Actor actor, String workspaceId, String id) {
        if (!StoreCalls.call(() -> store.inbox().deleteSavedReply(workspaceId, id))) {
            throw ApiException.notFound("id", "no saved reply " + id + " in workspace " + workspaceId);
        }
        audit.record(actor, workspaceId, "saved-reply.removed", "saved-reply", id, null);
    }

    // --- helpers

    private Item findItem(String workspaceId, String itemId) {
        return StoreCalls.call(() -> store.inbox().item(workspaceId, itemId))
                .orElseThrow(() -> noItem(workspaceId, itemId));
    }

    private static ApiException noItem(String workspaceId, String itemId) {
        return ApiException.notFound("id", "no inbox item " + itemId + " in workspace " + workspaceId);
    }

    /** A query's voice as given: {@code BRAND}, {@code COMPETITOR} (any case), or null / empty / NONE for neither. */
    static Voice voice(String given) {
        if (given == null || given.isBlank() || given.trim().equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return Voice.valueOf(given.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("voice", "voice must be BRAND, COMPETITOR or null, not '" + given + "'");
        }
    }

    private static Status status(String given) {
        try {
            return Status.valueOf(given.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.invalid("status", "status must be one of NEW, IN_PROGRESS, ANSWERED, CLOSED");
        }
    }


    /** A link a view may show: {@code http(s)} only. */
    static String safeUrl(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url.strip() : null;
    }

    Monitoring monitoring() {
        Monitoring service = monitoring;
        if (service == null) {
            throw StoreCalls.unavailable();
        }
        return service;
    }

    /**
     * Runs a call of the monitoring service or the store, its refusals turned into the
     * API's errors: a query's problem names field {@code query} and its position; other
     * refusals name the field their message starts with.
     */
    public static <T> T call(Supplier<T> call) {
        try {
            return StoreCalls.call(call);
        } catch (InvalidQueryException e) {
            throw ApiException.invalid("query", e.getMessage()).at(e.position());
        } catch (NotAnApproverException e) {
            throw new ApiException(ErrorCode.FORBIDDEN, e.getMessage(), "approver");
        } catch (NoSuchElementException e) {
            throw ApiException.notFound("id", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(fieldOf(e.getMessage()), e.getMessage());
        }
    }

    /** The field a message starts with, as in {@code "settings.url: ..."} or {@code "name must be ..."}. */
    public static String fieldOf(String message) {
        if (message == null) {
            return null;
        }
        int end = 0;
        while (end < message.length() && (Character.isLetterOrDigit(message.charAt(end))
                || message.charAt(end) == '.' || message.charAt(end) == '_')) {
            end++;
        }
        if (end == 0) {
            return null;
        }
        String rest = message.substring(end);
        return rest.startsWith(":") || rest.startsWith(" must ") ? message.substring(0, end) : null;
    }
}
