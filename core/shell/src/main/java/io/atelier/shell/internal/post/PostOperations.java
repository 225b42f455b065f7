package io.atelier.shell.internal.post;

import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.atelier.api.post.PostState;
import io.atelier.api.team.Membership;
import io.atelier.api.team.Role;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;
import io.atelier.api.workspace.Workspace;
import io.atelier.scheduling.ImportReport;
import io.atelier.api.platform.Problem;
import io.atelier.scheduling.InvalidInputException;
import io.atelier.scheduling.PostInput;
import io.atelier.scheduling.Scheduling;
import io.atelier.shell.internal.audit.Actor;
import io.atelier.shell.internal.audit.Audit;
import io.atelier.shell.internal.auth.AccessPolicy;
import io.atelier.shell.internal.auth.Permission;
import io.atelier.shell.internal.auth.Principal;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.QueryParameters;
import io.atelier.shell.internal.rest.ErrorCode;
import io.atelier.shell.internal.rest.StoreAccess;
import io.atelier.shell.internal.rest.StoreCalls;
import io.atelier.store.ListeningRepository.Source;
import io.atelier.store.ListeningRepository.SourceStatus;
import io.atelier.store.PostRepository;
import io.atelier.store.PostRepository.Change;
import io.atelier.store.PostRepository.Query;
import io.atelier.store.PostRepository.Slot;
import io.atelier.store.PostRepository.StoredPost;

/**
 * The editorial calendar as the shell offers it: the one implementation behind the
 * posts routes of {@code /api/v1}, the calendar feed, the notices and the posts
 * console commands. It calls the {@link Scheduling} service, records what changed in
 * the audit log with the real caller, and turns the service's refusals into the
 * API's errors: a refused input is {@code validation_failed} naming every problem,
 * a missing post 404, a post changed meanwhile 409.
 * <p>
 * The scheduling service needs the store; it is an optional, dynamic reference, so
 * the REST API is up before it (and without it), answering {@code store_unavailable}
 * until it is there — like the store's repositories ({@link StoreAccess}).
 * <p>
 * Rights are checked at the routes' gates, except the one rule that depends on what
 * is asked: whoever may draft but not schedule ({@link Permission#POSTS_SCHEDULE})
 * may only write drafts and posts for review.
 */
@Component(service = PostOperations.class)
public final class PostOperations {

    /** Posts one list answers when the caller does not say. */
    public static final int DEFAULT_LIMIT = 500;

    /** The most overdue posts in review the notices name. */
    private static final int OVERDUE_LIMIT = 100;

    /** The largest CSV file an import reads. */
    public static final long MAX_CSV_BYTES = 10L << 20;

    /** Where the calendar feed of a workspace is served, relative to the workbench. */
    static final String FEED_PATH = "/api/v1/workspaces/%s/calendar.ics?token=%s";

    private final StoreAccess store;
    private final Audit audit;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Scheduling scheduling;

    @Activate
    public PostOperations(@Reference StoreAccess store, @Reference Audit audit) {
        this.store = store;
        this.audit = audit;
    }

    // --- answers

    /**
     * Which posts to list, checked: the query parameters {@code from}, {@code to}
     * (ISO-8601 instants; from inclusive, to exclusive), {@code state} (comma-separated
     * states), {@code account}, {@code limit} (1 to {@value PostRepository#MAX_LIMIT},
     * default {@value #DEFAULT_LIMIT}) and, for the agency overview, {@code workspace}
     * (comma-separated ids).
     */
    public record Filter(Instant from, Instant to, Set<PostState> states, String account, int limit,
            Set<String> workspaces) {

        public Filter {
            states = Set.copyOf(states);
            workspaces = Set.copyOf(workspaces);
        }
    }

    /**
     * What a CSV import found and did, as the API answers it.
     *
     * @param problems every problem of every row, by row
     */
    public record ImportView(int rows, int imported, boolean dryRun, boolean ok, List<RowProblem> problems) {

        static ImportView of(ImportReport report) {
            return new ImportView(report.rows(), report.imported(), report.dryRun(), report.ok(),
                    report.problems().stream().map(p -> new RowProblem(p.row(), p.problem().field(),
                            p.problem().message())).toList());
        }
    }

    /**
     * One problem of an imported file.
     *
     * @param row the row's number in the file, the header being row 1
     */
    public record RowProblem(int row, String field, String message) {
    }

    /**
     * An account's queue: weekly slots on the workspace's wall-clock time.
     *
     * @param zone the workspace's zone, in which the slots are read
     */
    public record QueueView(String zone, List<SlotView> slots) {
    }

    /** One weekly slot, e.g. {@code MONDAY 09:00}. */
    public record SlotView(String day, String time) {

        static SlotView of(Slot slot) {
            return new SlotView(slot.day().name(), slot.time().toString());
        }
    }

    /** The next free queue slot of some accounts. */
    public record NextSlot(Instant at, LocalDateTime localAt, String zone) {
    }

    /**
     * A new secret of a workspace's calendar feed, shown once.
     *
     * @param url the feed's address, relative to the workbench
     */
    public record Feed(String secret, String url) {
    }

    /**
     * Something a person should act on: an account its network no longer accepts, a
     * post still waiting for approval when it was due, a listening source that fails.
     *
     * @param kind    {@code account.needs_reconnect}, {@code post.review_overdue} or {@code source.failing}
     * @param account the account concerned, or {@code null}
     * @param post    the post concerned, or {@code null}
     * @param source  the listening source concerned, or {@code null}
     */
    public record Notice(String kind, String workspace, String account, String post, String source,
            String message) {
    }

    // --- posts

    /**
     * Plans a post (every occurrence of a recurring one) and answers it (the first).
     *
     * @throws ApiException {@code forbidden} on field {@code draft} when the caller
     *                      may only draft and asks for a planned post
     */
    public StoredPost create(Actor actor, String workspaceId, PostInput input) {
        requireMayPlan(actor.principal(), workspaceId, input.draft() || input.review(), null);
        StoredPost created = call("workspace", () -> scheduling().create(workspaceId, input, actor.id()));
        audit.record(actor, workspaceId, "post.created", "post", created.id(), describe(created));
        return created;
    }

    /** What checking a post found: when it would be due, or every problem. */
    public record Check(boolean ok, Instant at, List<Problem> problems) {
    }

    /** Checks a post as {@link #create} would, writing nothing; problems are the answer, not an error. */
    public Check check(String workspaceId, PostInput input) {
        try {
            Instant at = call("workspace", () -> scheduling().check(workspaceId, input));
            return new Check(true, at, List.of());
        } catch (ApiException e) {
            if (e.problems().isEmpty()) {
                throw e;
            }
            return new Check(false, null, e.problems());
        }
    }

    /**
     * Edits a post: {@code patch} applied to the post as it is now.
     *
     * @throws ApiException {@code conflict} when the post changed since the version the patch names
     */
    public StoredPost update(Actor actor, String workspaceId, String postId, PostPatch patch) {
        StoredPost current = get(workspaceId, postId);
        PostInput input = patch.applyTo(current);
        requireMayPlan(actor.principal(), workspaceId, input.draft() || input.review(), current);
        // Without a version named, the one read here: an edit landing in between is a conflict, not lost.
        long version = patch.expectedVersion() == -1 ? current.version() : patch.expectedVersion();
        StoredPost updated = call("id", () -> scheduling().update(workspaceId, postId, version, input, actor.id()));
        audit.record(actor, workspaceId, "post.updated", "post", postId, "version " + updated.version() + ", "
                + describe(updated));
        return updated;
    }

    /** Cancels what is left to publish of a post and, with {@code series}, the later posts of its series. */
    public StoredPost cancel(Actor actor, String workspaceId, String postId, boolean series) {
        StoredPost cancelled = call("id", () -> scheduling().cancel(workspaceId, postId, series, actor.id()));
        audit.record(actor, workspaceId, "post.cancelled", "post", postId, series && cancelled.seriesId() != null
                ? "with the later posts of series " + cancelled.seriesId() : describe(cancelled));
        return cancelled;
    }

    /** Schedules a post for now; the dispatcher takes it up at once. */
    public StoredPost publishNow(Actor actor, String workspaceId, String postId) {
        StoredPost post = call("id", () -> scheduling().publishNow(workspaceId, postId, actor.id()));
        audit.record(actor, workspaceId, "post.published-now", "post", postId, describe(post));
        return post;
    }

    /** The post, or 404. */
    public StoredPost get(String workspaceId, String postId) {
        return call("id", () -> scheduling().find(workspaceId, postId))
                .orElseThrow(() -> ApiException.notFound("id", "no post " + postId + " in workspace " + workspaceId));
    }

    /** The post's history, oldest first. */
    public List<Change> history(String workspaceId, String postId) {
        return call("id", () -> scheduling().history(workspaceId, postId));
    }

    /** The workspace's posts matching {@code filter}, by due time. */
    public List<StoredPost> list(String workspaceId, Filter filter) {
        workspace(workspaceId);
        return call(null, () -> scheduling().list(new Query(Set.of(workspaceId), filter.from(), filter.to(),
                filter.states(), filter.account(), filter.limit())));
    }

    /**
     * The agency overview: the posts of every workspace where the caller may read
     * posts, or of those the filter names — each of which the caller must be able to
     * read, or it is 404 as if it did not exist.
     */
    public List<StoredPost> overview(Principal caller, Filter filter) {
        Set<String> readable = workspacesWhere(caller, Permission.POSTS_READ);
        Set<String> wanted = readable;
        if (!filter.workspaces().isEmpty()) {
            for (String id : filter.workspaces()) {
                if (!readable.contains(id)) {
                    throw ApiException.notFound("workspace", "no workspace " + id);
                }
            }
            wanted = filter.workspaces();
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        Set<String> ids = wanted;
        return call(null, () -> scheduling().list(new Query(ids, filter.from(), filter.to(), filter.states(),
                filter.account(), filter.limit())));
    }

    // --- import

    /**
     * Checks and, unless {@code dryRun}, plans every post of a CSV file — all of them
     * or, when a row has a problem, none.
     *
     * @param progress told the number of rows checked so far, every hundred rows
     */
    public ImportView importCsv(Actor actor, String workspaceId, Reader csv, boolean dryRun, IntConsumer progress) {
        ImportReport report = call("workspace", () -> scheduling().importCsv(workspaceId, csv, dryRun, actor.id(),
                progress));
        if (report.imported() > 0) {
            audit.record(actor, workspaceId, "posts.imported", "workspace", workspaceId, report.rows() + " rows, "
                    + report.imported() + " imported");
        }
        return ImportView.of(report);
    }

    // --- queues

    /** An account's queue slots, in the workspace's zone. */
    public QueueView queue(String workspaceId, String accountId) {
        Workspace workspace = workspace(workspaceId);
        account(workspaceId, accountId);
        List<Slot> slots = call("account", () -> scheduling().slots(workspaceId, accountId));
        return new QueueView(workspace.zone().getId(), slots.stream().sorted().map(SlotView::of).toList());
    }

    /**
     * Replaces an account's queue slots.
     *
     * @param zone the zone the caller read the slots in, or {@code null}; it must be the workspace's
     */
    public QueueView setQueue(Actor actor, String workspaceId, String accountId, String zone, List<Slot> slots) {
        Workspace workspace = workspace(workspaceId);
        if (zone != null && !zone.isBlank() && !zone.trim().equals(workspace.zone().getId())) {
            throw ApiException.invalid("zone", "queue slots follow the workspace's zone, " + workspace.zone().getId()
                    + ", not " + zone.trim() + ": leave zone out, or change the workspace's zone");
        }
        Set<Slot> unique = new LinkedHashSet<>(slots);
        call("account", () -> {
            scheduling().setSlots(workspaceId, accountId, unique);
            return null;
        });
        QueueView queue = queue(workspaceId, accountId);
        audit.record(actor, workspaceId, "queue.changed", "account", accountId, queue.slots().isEmpty() ? "no slots"
                : queue.slots().stream().map(s -> s.day() + " " + s.time()).collect(Collectors.joining(", "))
                        + " (" + queue.zone() + ")");
        return queue;
    }

    /** The next free queue slot common to the accounts, from now on. */
    public NextSlot nextSlot(String workspaceId, Set<String> accountIds) {
        Workspace workspace = workspace(workspaceId);
        if (accountIds.isEmpty()) {
            throw ApiException.invalid("accounts", "name the accounts, e.g. ?accounts=acc_1,acc_2");
        }
        Instant at = call("accounts", () -> scheduling().nextSlot(workspaceId, accountIds, Instant.now()));
        ZoneId zone = workspace.zone();
        return new NextSlot(at, LocalDateTime.ofInstant(at, zone), zone.getId());
    }

    // --- calendar feed

    /** The workspace's calendar as iCalendar when {@code token} is its feed's secret, or 404 naming the token. */
    public String calendar(String workspaceId, String token) {
        Optional<String> feed = token == null || token.isBlank() ? Optional.empty()
                : call("token", () -> scheduling().calendarFeed(workspaceId, token));
        // The same answer for an unknown workspace and a wrong token: neither is revealed.
        return feed.orElseThrow(() -> ApiException.notFound("token", "no calendar feed with this token; ask for"
                + " the feed's current address (a new secret replaces the old one)"));
    }

    /** A new secret for the workspace's calendar feed; the old address stops working. */
    public Feed rotateFeed(Actor actor, String workspaceId) {
        workspace(workspaceId);
        String secret = call("workspace", () -> scheduling().rotateFeedSecret(workspaceId, actor.id()));
        audit.record(actor, workspaceId, "calendar-feed.rotated", "workspace", workspaceId, "new secret");
        return new Feed(secret, String.format(Locale.ROOT, FEED_PATH, workspaceId,
                URLEncoder.encode(secret, StandardCharsets.UTF_8)));
    }

    // --- notices

    /**
     * What needs the caller's attention in their workspaces: accounts whose network
     * refused their credentials (where they may read accounts), posts still in
     * review at their publish time, which were therefore not published (where they
     * may read posts), and listening sources whose last poll failed (where they may
     * read listening).
     */
    public List<Notice> notices(Principal caller) {
        List<Notice> notices = new ArrayList<>();
        for (String workspaceId : workspacesWhere(caller, Permission.ACCOUNTS_READ)) {
            for (Account account : StoreCalls.call(() -> store.accounts().list(workspaceId))) {
                if (account.status() == AccountStatus.NEEDS_RECONNECT) {
                    notices.add(new Notice("account.needs_reconnect", workspaceId, account.id(), null, null, "The "
                            + account.platform() + " account " + account.handle() + " must be reconnected: its"
                            + " network refused the credentials. Its posts wait until it is."));
                }
            }
        }
        Set<String> readers = workspacesWhere(caller, Permission.POSTS_READ);
        if (!readers.isEmpty() && scheduling != null) {
            Instant now = Instant.now();
            for (StoredPost post : call("workspace", () -> scheduling().list(new Query(readers, null, now,
                    Set.of(PostState.IN_REVIEW), null, OVERDUE_LIMIT)))) {
                notices.add(new Notice("post.review_overdue", post.workspaceId(), null, post.id(), null, "Post " + post.id()
                        + " was due at " + post.localAt() + " (" + post.zone() + ") but is still waiting for approval:"
                        + " it was not published. Approved now, it is published at once if it is at most "
                        + "the grace window late, or marked missed; or plan it again."));
            }
        }
        for (String workspaceId : workspacesWhere(caller, Permission.LISTENING_READ)) {
            for (Source source : StoreCalls.call(() -> store.listening().sources(workspaceId))) {
                if (source.status() == SourceStatus.FAILING) {
                    notices.add(new Notice("source.failing", workspaceId, source.accountId(), null, source.id(),
                            "Listening to " + source.name() + " fails (" + source.failures() + " poll"
                                    + (source.failures() == 1 ? "" : "s") + " in a row): " + source.lastError()
                                    + ". It is tried again at " + source.nextPollAt() + "."));
                }
            }
        }
        return notices;
    }

    // --- helpers

    /**
     * The workspaces where the caller holds {@code permission}, by the gates' own rule
     * (an administrator's in all, capped by a token's role and workspaces).
     */
    Set<String> workspacesWhere(Principal caller, Permission permission) {
        if (!caller.isPerson() && !caller.isSystem()) {
            return Set.of();
        }
        boolean everywhere = caller.isSystem() || caller.person().admin();
        Map<String, Role> mine = everywhere ? Map.of()
                : StoreCalls.call(() -> store.memberships().ofPerson(caller.personId())).stream()
                        .collect(Collectors.toMap(Membership::workspaceId, Membership::role, (a, b) -> a));
        List<String> candidates = everywhere
                ? StoreCalls.call(() -> store.workspaces().list()).stream().map(Workspace::id).toList()
                : List.copyOf(mine.keySet());
        AccessPolicy.Memberships roles = (workspaceId, personId) -> Optional.ofNullable(mine.get(workspaceId));
        Set<String> allowed = new LinkedHashSet<>();
        for (String id : candidates) {
            if (AccessPolicy.allows(caller, permission, id, roles)) {
                allowed.add(id);
            }
        }
        return allowed;
    }

    /**
     * Refuses a planned post to whoever may only draft: both the post as it is
     * ({@code current}, for an edit) and as it will be must be a draft or in review.
     */
    private void requireMayPlan(Principal caller, String workspaceId, boolean draftOrReview, StoredPost current) {
        boolean currentDraft = current == null || current.state() == PostState.DRAFT
                || current.state() == PostState.IN_REVIEW;
        if (draftOrReview && currentDraft) {
            return;
        }
        AccessPolicy.Memberships memberships = (ws, person) -> StoreCalls.call(() -> store.memberships()
                .role(ws, person));
        if (!AccessPolicy.allows(caller, Permission.POSTS_SCHEDULE, workspaceId, memberships)) {
            throw new ApiException(ErrorCode.FORBIDDEN, current != null && !currentDraft
                    ? "your role in this workspace may only edit drafts and posts in review; this post is "
                            + current.state().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    : "your role in this workspace may only write drafts: set draft (or review) to true and"
                            + " someone who schedules will plan it", "draft");
        }
    }

    /** The checked filter of a list's query parameters. */
    public static Filter filter(Map<String, String> query) {
        Instant from = QueryParameters.instant(query, "from");
        Instant to = QueryParameters.instant(query, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.invalid("to", "to must be after from");
        }
        Set<PostState> states = EnumSet.noneOf(PostState.class);
        for (String name : split(query.get("state"))) {
            try {
                states.add(PostState.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("state", "'" + name + "' is not a state; states are "
                        + EnumSet.allOf(PostState.class).stream().map(Enum::name).collect(Collectors.joining(", ")));
            }
        }
        int limit = QueryParameters.limit(query, DEFAULT_LIMIT, PostRepository.MAX_LIMIT);
        return new Filter(from, to, states, QueryParameters.text(query, "account"), limit,
                new LinkedHashSet<>(split(query.get("workspace"))));
    }

    /** The comma-separated values of a query parameter, trimmed, without empty ones. */
    public static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                values.add(part.trim());
            }
        }
        return values;
    }


    /** A post in the audit log: its state, when and where. */
    private static String describe(StoredPost post) {
        String when = post.localAt() == null ? "no date" : post.localAt() + " " + post.zone().getId();
        String accounts = post.targets().stream().map(PostRepository.Target::accountId)
                .collect(Collectors.joining(", "));
        return post.state() + ", " + when + ", on " + accounts + (post.seriesId() == null ? ""
                : ", series " + post.seriesId());
    }

    private Workspace workspace(String workspaceId) {
        return StoreCalls.call(() -> store.workspaces().find(workspaceId))
                .orElseThrow(() -> ApiException.notFound("workspace", "no workspace " + workspaceId));
    }

    private void account(String workspaceId, String accountId) {
        StoreCalls.call(() -> store.accounts().find(workspaceId, accountId))
                .orElseThrow(() -> ApiException.notFound("account", "no account " + accountId + " in workspace "
                        + workspaceId));
    }

    private Scheduling scheduling() {
        Scheduling service = scheduling;
        if (service == null) {
            throw StoreCalls.unavailable();
        }
        return service;
    }

    /**
     * Runs a call of the scheduling service, its refusals turned into the API's
     * errors; {@code notFoundField} names what a "no such element" is about.
     */
    private static <T> T call(String notFoundField, Supplier<T> call) {
        try {
            return StoreCalls.call(call);
        } catch (InvalidInputException e) {
            throw ApiException.invalid(e.field(), e.getMessage()).withProblems(e.problems());
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(notFoundField, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(null, e.getMessage());
        }
    }
}
