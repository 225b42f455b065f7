package io.atelier.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atelier.api.platform.Credentials;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostState;
import io.atelier.api.post.PostVariant;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;
import io.atelier.api.workspace.Workspace;
import io.atelier.store.ConflictException;
import io.atelier.store.ApprovalRepository;
import io.atelier.store.ApprovalRepository.Approval;
import io.atelier.store.ApprovalRepository.Comment;
import io.atelier.store.ApprovalRepository.Decision;
import io.atelier.store.ApprovalRepository.Mode;
import io.atelier.store.ApprovalRepository.NewSignoffLink;
import io.atelier.store.ApprovalRepository.SignoffLink;
import io.atelier.store.ApprovalRepository.Step;
import io.atelier.store.DispatchRepository;
import io.atelier.store.DispatchRepository.Claim;
import io.atelier.store.DispatchRepository.ClaimRequest;
import io.atelier.store.DispatchRepository.Failed;
import io.atelier.store.DispatchRepository.Published;
import io.atelier.store.DispatchRepository.Reconnect;
import io.atelier.store.DispatchRepository.Retry;
import io.atelier.store.DispatchRepository.Round;
import io.atelier.store.DispatchRepository.TargetRef;
import io.atelier.store.DispatchRepository.Unknown;
import io.atelier.store.PostRepository;
import io.atelier.store.PostRepository.Change;
import io.atelier.store.PostRepository.Plan;
import io.atelier.store.PostRepository.Query;
import io.atelier.store.PostRepository.Slot;
import io.atelier.store.PostRepository.StoredPost;
import io.atelier.store.PostRepository.Target;

/**
 * What the store guarantees about posts and their dispatch, whatever the database:
 * each subclass runs every test on a fresh, empty database of its kind, through the
 * same pool and migration code the running store uses.
 */
abstract class PostStoreContractTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Instant T0 = Instant.parse("2030-03-01T09:00:00Z");
    static final Set<String> ALL = Set.of("bluesky", "mastodon");
    /** Text that tests every character class a JSON or SQL round trip could damage. */
    static final String TEXT = "Caf\u00e9 \u2615 \u65e5\u672c\u8a9e \ud83c\udf89"
            + " \ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67 \"quoted\" back\\slash / slash\nnew line\ttab"
            + " \u0001\u001f control \u2028 ],{}:";

    @TempDir
    Path home;

    StoreSettings settings;
    ConnectionPool pool;
    StoreKey key;
    Store store;
    PostRepository posts;
    DispatchRepository dispatch;
    Workspace ws;
    Workspace other;
    Account bsky;
    Account masto;
    Account foreign;
    final List<ConnectionPool> nodePools = new ArrayList<>();

    /** Settings pointing at a new empty database for the installation at {@code home}. */
    abstract StoreSettings freshDatabase(Path home) throws Exception;

    /** How many nodes claim at once in {@link #everyDueTargetIsClaimedExactlyOnceByNodesClaimingAtOnce}. */
    abstract int claimingNodes();

    @BeforeEach
    void openStore() throws Exception {
        settings = freshDatabase(home);
        pool = ConnectionPool.open(settings);
        key = StoreKey.fromFile(settings.keyFile());
        store = Store.open(pool.dataSource(), settings.kind(), settings.location(), "node-test", key);
        posts = store.posts();
        dispatch = store.dispatch();
        ws = store.workspaces().create("Bakery", PARIS);
        other = store.workspaces().create("Other", PARIS);
        bsky = store.accounts().create(ws.id(), "bluesky", "bakery.bsky.social", null, AccountStatus.CONNECTED,
                Credentials.of(java.util.Map.of("password", "app-password")));
        masto = store.accounts().create(ws.id(), "mastodon", "bakery", "https://mastodon.example",
                AccountStatus.CONNECTED, Credentials.none());
        foreign = store.accounts().create(other.id(), "bluesky", "other.bsky.social", null, AccountStatus.CONNECTED,
                Credentials.none());
    }

    @AfterEach
    void closeStore() {
        nodePools.forEach(ConnectionPool::close);
        if (pool != null) {
            pool.close();
        }
    }

    // --- creating and reading ---

    @Test
    void aPostComesBackExactlyAsItWasPlannedWithAnyText() {
        PostVariant rich = new PostVariant(bsky.id(), TEXT,
                List.of(new Media("med_1", "image/jpeg", 123_456_789_012L, "Alt " + TEXT),
                        new Media("med_\"2\"", "video/mp4", 0, "")),
                List.of("second \ud83e\udd50 part", TEXT, "", "[\"not json\"]"));
        PostVariant plain = new PostVariant(masto.id(), "", List.of(), List.of());
        Instant at = T0.plusNanos(123_456_789);
        Plan plan = new Plan(PostState.SCHEDULED, at, PARIS, "ser_1", List.of(rich, plain), "per_ann", "created");

        StoredPost created = posts.create(ws.id(), plan);

        assertTrue(created.id().startsWith("post_"));
        assertEquals(PostState.SCHEDULED, created.state());
        assertEquals(at.truncatedTo(java.time.temporal.ChronoUnit.MICROS), created.at());
        assertEquals(LocalDateTime.of(2030, 3, 1, 10, 0, 0, 123_456_000), created.localAt());
        assertEquals(1, created.version());
        assertEquals("per_ann", created.createdBy());
        assertEquals(List.of(rich, plain), created.targets().stream().map(Target::variant).toList());
        assertEquals(created, posts.find(ws.id(), created.id()).orElseThrow());
        assertEquals(List.of(created), posts.list(query(Set.of(ws.id()))));
        List<Change> history = posts.history(ws.id(), created.id());
        assertEquals(1, history.size());
        Change first = history.get(0);
        assertNull(first.accountId());
        assertNull(first.from());
        assertEquals(PostState.SCHEDULED, first.to());
        assertEquals("per_ann", first.actor());
        assertEquals("created", first.reason());
    }

    @Test
    void createAllPlansEveryPostOrNone() {
        List<Plan> plans = List.of(plan(PostState.SCHEDULED, T0, bsky), plan(PostState.DRAFT, null, masto),
                plan(PostState.IN_REVIEW, T0.plusSeconds(60), bsky, masto));
        List<StoredPost> created = posts.createAll(ws.id(), plans);
        assertEquals(List.of(PostState.SCHEDULED, PostState.DRAFT, PostState.IN_REVIEW),
                created.stream().map(StoredPost::state).toList());
        assertNull(created.get(1).localAt());
        assertEquals(Set.of(PostState.IN_REVIEW), created.get(2).targets().stream().map(Target::state)
                .collect(java.util.stream.Collectors.toSet()));

        List<Plan> withForeign = List.of(plan(PostState.SCHEDULED, T0, bsky), plan(PostState.SCHEDULED, T0, foreign));
        assertThrows(NoSuchElementException.class, () -> posts.createAll(ws.id(), withForeign));
        assertEquals(3, posts.list(query(Set.of(ws.id()))).size(), "nothing of the failed batch was written");
    }

    @Test
    void listFiltersByWorkspacesTimeStatesAndAccountInDueOrder() {
        StoredPost late = posts.create(ws.id(), plan(PostState.SCHEDULED, T0.plusSeconds(7200), bsky));
        StoredPost draft = posts.create(ws.id(), plan(PostState.DRAFT, null, masto));
        StoredPost early = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, masto));
        StoredPost middle = posts.create(ws.id(), plan(PostState.IN_REVIEW, T0.plusSeconds(3600), bsky, masto));
        StoredPost elsewhere = posts.create(other.id(), plan(PostState.SCHEDULED, T0.plusSeconds(60), foreign));

        assertEquals(ids(early, middle, late, draft), ids(posts.list(query(Set.of(ws.id())))));
        assertEquals(ids(early, elsewhere, middle, late, draft), ids(posts.list(query(Set.of(ws.id(), other.id())))));
        assertEquals(ids(early, middle), ids(posts.list(new Query(Set.of(ws.id()), T0, T0.plusSeconds(7200), null,
                null, 100))));
        assertEquals(ids(middle, late), ids(posts.list(new Query(Set.of(ws.id()), T0.plusSeconds(1), null, null,
                null, 100))));
        assertEquals(ids(middle, draft), ids(posts.list(new Query(Set.of(ws.id()), null, null,
                Set.of(PostState.IN_REVIEW, PostState.DRAFT), null, 100))));
        assertEquals(ids(middle, late), ids(posts.list(new Query(Set.of(ws.id()), null, null, null, bsky.id(), 100))));
        assertEquals(ids(early, middle), ids(posts.list(new Query(Set.of(ws.id()), null, null, null, null, 2))));
        assertEquals(List.of(), posts.list(new Query(Set.of(ws.id()), null, null, null, foreign.id(), 100)));
        assertEquals(2, posts.list(query(Set.of(ws.id()))).get(1).targets().size());
    }

    @Test
    void anotherWorkspacesPostOrAccountIsNotFound() {
        StoredPost theirs = posts.create(other.id(), plan(PostState.SCHEDULED, T0, foreign));

        assertTrue(posts.find(ws.id(), theirs.id()).isEmpty());
        assertEquals(List.of(), posts.history(ws.id(), theirs.id()));
        assertTrue(posts.update(ws.id(), theirs.id(), -1, plan(PostState.SCHEDULED, T0, bsky)).isEmpty());
        assertTrue(posts.cancel(ws.id(), theirs.id(), "per_ann", "cancelled").isEmpty());
        assertEquals(List.of(), posts.list(query(Set.of(ws.id()))));
        assertThrows(NoSuchElementException.class, () -> posts.create(ws.id(), plan(PostState.SCHEDULED, T0, foreign)));
        assertThrows(NoSuchElementException.class,
                () -> posts.create("ws_missing", plan(PostState.SCHEDULED, T0, bsky)));
        StoredPost mine = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, bsky));
        assertThrows(NoSuchElementException.class, () -> posts.update(ws.id(), mine.id(), -1,
                plan(PostState.SCHEDULED, T0, bsky, foreign)));
        assertEquals(mine, posts.find(ws.id(), mine.id()).orElseThrow());
        assertFalse(posts.setSlots(ws.id(), foreign.id(), Set.of(new Slot(DayOfWeek.MONDAY, LocalTime.NOON))));
        assertEquals(PostState.SCHEDULED, posts.find(other.id(), theirs.id()).orElseThrow().state());
    }

    @Test
    void badInputIsRefusedByName() {
        String tooLong = "x".repeat(PostRows.MAX_TEXT + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> posts.create(ws.id(),
                new Plan(PostState.DRAFT, null, PARIS, null, List.of(variant(bsky, tooLong)), "per_ann", "created")));
        assertTrue(e.getMessage().contains("text for account " + bsky.id()), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> posts.create(ws.id(),
                new Plan(PostState.DRAFT, null, PARIS, null, List.of(variant(bsky, "a\u0000b")), "per_ann", "x")));
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> posts.create(ws.id(),
                new Plan(PostState.DRAFT, null, PARIS, null, List.of(variant(bsky, "half \ud83c emoji")), "per_ann",
                        "x")));
        assertTrue(e.getMessage().contains("Unicode"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> posts.create(ws.id(),
                new Plan(PostState.DRAFT, null, PARIS, null, List.of(variant(bsky, "hi")), " ", "created")));
        assertTrue(e.getMessage().startsWith("actor"), e.getMessage());
        assertEquals(List.of(), posts.list(query(Set.of(ws.id()))));
    }

    // --- editing and cancelling ---

    @Test
    void anEditNeedsTheVersionItReadAndReplacesTheVariants() {
        StoredPost post = posts.create(ws.id(), plan(PostState.DRAFT, null, bsky, masto));
        Account third = store.accounts().create(ws.id(), "mastodon", "third", "https://m.example",
                AccountStatus.CONNECTED, Credentials.none());
        Plan edit = new Plan(PostState.SCHEDULED, T0, ZoneId.of("America/New_York"), null,
                List.of(variant(third, "new " + TEXT), variant(masto, "changed")), "per_bob", "rescheduled");

        StoredPost edited = posts.update(ws.id(), post.id(), post.version(), edit).orElseThrow();

        assertEquals(PostState.SCHEDULED, edited.state());
        assertEquals(T0, edited.at());
        assertEquals(ZoneId.of("America/New_York"), edited.zone());
        assertEquals(post.version() + 1, edited.version());
        assertEquals(List.of(variant(third, "new " + TEXT), variant(masto, "changed")),
                edited.targets().stream().map(Target::variant).toList());
        assertEquals(edited, posts.find(ws.id(), post.id()).orElseThrow());
        ConflictException stale = assertThrows(ConflictException.class,
                () -> posts.update(ws.id(), post.id(), post.version(), edit));
        assertTrue(stale.getMessage().contains("version " + post.version()), stale.getMessage());
        assertEquals(edited.version() + 1, posts.update(ws.id(), post.id(), -1, edit).orElseThrow().version());
        List<Change> history = posts.history(ws.id(), post.id());
        assertEquals(List.of("created", "rescheduled", "rescheduled"), history.stream().map(Change::reason).toList());
        assertEquals(PostState.DRAFT, history.get(1).from());
        assertEquals(PostState.SCHEDULED, history.get(1).to());
        assertEquals("per_bob", history.get(1).actor());
    }

    @Test
    void aPostBeingPublishedOrPublishedCannotBeEditedButAFailedOneCan() {
        StoredPost post = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, bsky));
        assertEquals(1, claim("n1", T0).size());

        ConflictException publishing = assertThrows(ConflictException.class,
                () -> posts.update(ws.id(), post.id(), -1, plan(PostState.SCHEDULED, T0, bsky)));
        assertTrue(publishing.getMessage().contains("is being published"), publishing.getMessage());
        assertThrows(ConflictException.class, () -> posts.cancel(ws.id(), post.id(), "per_ann", "cancelled"));

        assertEquals(1, dispatch.complete("n1", List.of(new Failed(post.id(), bsky.id(), "the text is too long"))));
        StoredPost failed = posts.find(ws.id(), post.id()).orElseThrow();
        assertEquals(PostState.FAILED, failed.state());
        assertEquals("the text is too long", failed.targets().get(0).error());
        assertEquals(1, failed.targets().get(0).attempts());

        StoredPost rescheduled = posts.update(ws.id(), post.id(), failed.version(),
                plan(PostState.SCHEDULED, T0.plusSeconds(600), bsky)).orElseThrow();
        assertEquals(PostState.SCHEDULED, rescheduled.state());
        Target reset = rescheduled.targets().get(0);
        assertEquals(0, reset.attempts());
        assertNull(reset.error());
        assertEquals(List.of(), claim("n1", T0.plusSeconds(599)), "due at the new time, not before");
        assertEquals(1, claim("n1", T0.plusSeconds(600)).size());
        assertEquals(1, dispatch.complete("n1", List.of(new Published(post.id(), bsky.id(), "at://x/1",
                "https://bsky.app/x/1", T0.plusSeconds(601)))));
        ConflictException published = assertThrows(ConflictException.class,
                () -> posts.update(ws.id(), post.id(), -1, plan(PostState.SCHEDULED, T0, bsky)));
        assertTrue(published.getMessage().contains("was published"), published.getMessage());
    }

    @Test
    void cancelEndsWhatIsLeftAndRefusesWhenNothingIs() {
        StoredPost post = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, bsky, masto));
        claim("n1", T0, Set.of("bluesky"));
        dispatch.complete("n1", List.of(new Published(post.id(), bsky.id(), "r1", null, T0)));

        StoredPost cancelled = posts.cancel(ws.id(), post.id(), "per_ann", "no longer needed").orElseThrow();

        assertEquals(PostState.PUBLISHED, cancelled.state(), "published on one account, cancelled on the other");
        assertEquals(List.of(PostState.PUBLISHED, PostState.CANCELLED),
                cancelled.targets().stream().map(Target::state).toList());
        Change last = lastChange(post);
        assertEquals(masto.id(), last.accountId());
        assertEquals(PostState.SCHEDULED, last.from());
        assertEquals(PostState.CANCELLED, last.to());
        assertEquals("no longer needed", last.reason());
        ConflictException nothing = assertThrows(ConflictException.class,
                () -> posts.cancel(ws.id(), post.id(), "per_ann", "again"));
        assertTrue(nothing.getMessage().contains("nothing left to cancel"), nothing.getMessage());

        StoredPost draft = posts.create(ws.id(), plan(PostState.DRAFT, null, masto));
        assertEquals(PostState.CANCELLED, posts.cancel(ws.id(), draft.id(), "per_ann", "x").orElseThrow().state());
        ConflictException edit = assertThrows(ConflictException.class,
                () -> posts.update(ws.id(), draft.id(), -1, plan(PostState.DRAFT, null, masto)));
        assertTrue(edit.getMessage().contains("cancelled"), edit.getMessage());
    }

    @Test
    void cancelSeriesCancelsTheLaterPostsOfTheSeriesOnly() {
        List<Plan> plans = new ArrayList<>();
        for (int day = 0; day < 4; day++) {
            plans.add(new Plan(PostState.SCHEDULED, T0.plus(Duration.ofDays(day)), PARIS, "ser_weekly",
                    List.of(variant(bsky, "day " + day)), "per_ann", "created"));
        }
        List<StoredPost> series = posts.createAll(ws.id(), plans);
        StoredPost unrelated = posts.create(ws.id(), plan(PostState.SCHEDULED, T0.plus(Duration.ofDays(3)), bsky));
        assertEquals(2, claim("n1", T0.plus(Duration.ofDays(1))).size(), "days 0 and 1 are being published");

        assertEquals(2, posts.cancelSeries(ws.id(), "ser_weekly", T0.plus(Duration.ofDays(1)), "per_ann", "stop"));

        assertEquals(List.of(PostState.PUBLISHING, PostState.PUBLISHING, PostState.CANCELLED, PostState.CANCELLED),
                series.stream().map(this::state).toList());
        assertEquals("ser_weekly", posts.find(ws.id(), series.get(2).id()).orElseThrow().seriesId());
        assertEquals(PostState.SCHEDULED, state(unrelated));
        assertEquals("stop", lastChange(series.get(3)).reason());
        assertEquals(0, posts.cancelSeries(ws.id(), "ser_weekly", T0, "per_ann", "stop"), "nothing left");
        assertEquals(0, posts.cancelSeries(other.id(), "ser_weekly", T0, "per_ann", "stop"));
    }

    @Test
    void takenListsTheDueTimesOfPostsNotCancelled() {
        posts.create(ws.id(), plan(PostState.SCHEDULED, T0, bsky));
        posts.create(ws.id(), plan(PostState.DRAFT, T0.plusSeconds(60), masto));
        StoredPost cancelled = posts.create(ws.id(), plan(PostState.SCHEDULED, T0.plusSeconds(120), bsky));
        posts.cancel(ws.id(), cancelled.id(), "per_ann", "x");
        posts.create(ws.id(), plan(PostState.SCHEDULED, T0.plusSeconds(3600), bsky));

        assertEquals(Set.of(T0, T0.plusSeconds(60)), posts.taken(ws.id(), Set.of(bsky.id(), masto.id()), T0,
                T0.plusSeconds(3600)));
        assertEquals(Set.of(T0), posts.taken(ws.id(), Set.of(bsky.id()), T0, T0.plusSeconds(3600)));
        assertEquals(Set.of(), posts.taken(other.id(), Set.of(bsky.id()), T0, T0.plusSeconds(3600)));
    }

    // --- derived states ---

    @Test
    void aPostsStateFollowsItsTargets() {
        StoredPost failedOne = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, bsky, masto));
        assertEquals(2, claim("n1", T0).size());
        assertEquals(PostState.PUBLISHING, state(failedOne));
        assertEquals(2, version(failedOne), "created, then both targets claimed in one batch");
        dispatch.complete("n1", List.of(new Published(failedOne.id(), bsky.id(), "r", "u", T0)));
        assertEquals(PostState.PUBLISHING, state(failedOne), "one target is still publishing");
        dispatch.complete("n1", List.of(new Failed(failedOne.id(), masto.id(), "refused")));
        assertEquals(PostState.FAILED, state(failedOne), "one published and one failed is failed");
        assertEquals(4, version(failedOne));

        StoredPost waiting = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, bsky, masto));
        claim("n1", T0, Set.of("bluesky"));
        assertEquals(PostState.PUBLISHING, state(waiting));
        dispatch.complete("n1", List.of(new Published(waiting.id(), bsky.id(), "r2", "u2", T0)));
        assertEquals(PostState.SCHEDULED, state(waiting), "one published and one waiting is scheduled");
        claim("n1", T0, Set.of("mastodon"));
        dispatch.complete("n1", List.of(new Published(waiting.id(), masto.id(), "r3", "u3", T0)));
        assertEquals(PostState.PUBLISHED, state(waiting));

        List<Change> history = posts.history(ws.id(), waiting.id());
        assertEquals(List.of(PostState.SCHEDULED, PostState.PUBLISHING, PostState.PUBLISHED, PostState.PUBLISHING,
                PostState.PUBLISHED), history.stream().map(Change::to).toList());
        assertEquals(masto.id(), history.get(4).accountId());
        assertEquals("published at u3", history.get(4).reason());
        assertEquals(DispatchRepository.ACTOR, history.get(4).actor());
    }

    @Test
    void retryFailedPlansTheFailedTargetsAgainAndLeavesThePublishedOnes() {
        StoredPost post = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, bsky, masto));
        assertThrows(ConflictException.class, () -> posts.retryFailed(ws.id(), post.id(), -1, T0, "usr_a", "again"),
                "nothing failed yet");
        assertEquals(2, claim("n1", T0).size());
        dispatch.complete("n1", List.of(new Published(post.id(), bsky.id(), "r", "u", T0),
                new Failed(post.id(), masto.id(), "refused")));
        assertEquals(PostState.FAILED, state(post));

        Instant later = T0.plusSeconds(600);
        StoredPost retried = posts.retryFailed(ws.id(), post.id(), -1, later, "usr_a", "publish now").orElseThrow();
        assertEquals(PostState.SCHEDULED, retried.state());
        Target published = retried.targets().stream().filter(t -> t.accountId().equals(bsky.id())).findFirst()
                .orElseThrow();
        Target again = retried.targets().stream().filter(t -> t.accountId().equals(masto.id())).findFirst()
                .orElseThrow();
        assertEquals(PostState.PUBLISHED, published.state());
        assertEquals("r", published.remoteId());
        assertEquals(PostState.SCHEDULED, again.state());
        assertNull(again.error());
        assertEquals(0, again.attempts());
        assertEquals(List.of(), claim("n1", later.minusMillis(1)), "due at the new time");
        List<Claim> claims = claim("n1", later);
        assertEquals(List.of(masto.id()), claims.stream().map(c -> c.account().id()).toList());
        assertEquals(Optional.empty(), posts.retryFailed(other.id(), post.id(), -1, later, "usr_a", "x"));
    }

    @Test
    void removingAnAccountRemovesItsTargetsAndThePostsLeftWithoutAny() {
        StoredPost shared = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, bsky, masto));
        StoredPost alone = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, masto));
        claim("n1", T0, Set.of("bluesky"));
        dispatch.complete("n1", List.of(new Published(shared.id(), bsky.id(), "r", "u", T0)));
        assertEquals(PostState.SCHEDULED, state(shared), "one published, one waiting");

        assertTrue(store.accounts().delete(ws.id(), masto.id()));
        StoredPost kept = posts.find(ws.id(), shared.id()).orElseThrow();
        assertEquals(List.of(bsky.id()), kept.targets().stream().map(PostRepository.Target::accountId).toList());
        assertEquals(PostState.PUBLISHED, kept.state(), "derived again from the target it keeps");
        assertEquals(Optional.empty(), posts.find(ws.id(), alone.id()), "a post without accounts is gone");
    }

    // --- approvals ---

    @Test
    void aWorkflowIsStoredStepByStepAndReplaced() {
        ApprovalRepository approvals = store.approvals();
        assertEquals(List.of(), approvals.workflow(ws.id()));
        List<Step> steps = List.of(new Step(1, Mode.ALL, List.of("usr_a", "usr_b")), new Step(2, Mode.ANY,
                List.of("usr_c")));
        approvals.setWorkflow(ws.id(), steps);
        assertEquals(steps, approvals.workflow(ws.id()));
        assertEquals(List.of(), approvals.workflow(other.id()), "per workspace");
        approvals.setWorkflow(ws.id(), List.of());
        assertEquals(List.of(), approvals.workflow(ws.id()));
        assertThrows(IllegalArgumentException.class, () -> approvals.setWorkflow(ws.id(), List.of(
                new Step(2, Mode.ANY, List.of("usr_a")))), "numbered from 1");
    }

    @Test
    void aPostInReviewIsScheduledOnlyByTheApprovalThatCompletesTheWorkflow() {
        ApprovalRepository approvals = store.approvals();
        StoredPost post = posts.create(ws.id(), plan(PostState.IN_REVIEW, T0, bsky, masto));
        assertEquals(List.of(), claim("n1", T0), "a post in review is never claimed");
        // Completes once both usr_a and usr_b approved step 1.
        java.util.function.Predicate<List<Approval>> both = given -> given.stream().map(Approval::personId)
                .collect(java.util.stream.Collectors.toSet()).containsAll(Set.of("usr_a", "usr_b"));

        Decision first = approvals.approve(ws.id(), post.id(), post.version(), 1, "usr_a", "approved by A", both)
                .orElseThrow();
        assertFalse(first.released());
        assertEquals(PostState.IN_REVIEW, first.post().state());
        assertEquals(post.version(), first.post().version(), "an approval does not change the content's version");
        assertEquals(List.of("usr_a"), approvals.approvals(ws.id(), post.id()).stream().map(Approval::personId)
                .toList());
        approvals.approve(ws.id(), post.id(), -1, 1, "usr_a", "approved by A again", both);
        assertEquals(1, approvals.approvals(ws.id(), post.id()).size(), "approving twice counts once");
        assertEquals(List.of(), claim("n1", T0));

        Decision last = approvals.approve(ws.id(), post.id(), -1, 1, "usr_b", "approved by B", both).orElseThrow();
        assertTrue(last.released());
        assertEquals(PostState.SCHEDULED, last.post().state());
        assertEquals(List.of(), approvals.approvals(ws.id(), post.id()), "the round of review is over");
        Change change = lastChange(post);
        assertEquals(PostState.IN_REVIEW, change.from());
        assertEquals(PostState.SCHEDULED, change.to());
        assertEquals("usr_b", change.actor());
        assertEquals(2, claim("n1", T0).size(), "both accounts are due at the post's time");

        ConflictException notInReview = assertThrows(ConflictException.class, () -> approvals.approve(ws.id(),
                post.id(), -1, 1, "usr_a", "late", both));
        assertTrue(notInReview.getMessage().contains("not in review"), notInReview.getMessage());
        assertEquals(Optional.empty(), approvals.approve(other.id(), post.id(), -1, 1, "usr_a", "x", both),
                "another workspace's post is not found");
    }

    @Test
    void aRejectedPostIsADraftAgainWithTheCommentAndAnEditForgetsApprovals() {
        ApprovalRepository approvals = store.approvals();
        StoredPost post = posts.create(ws.id(), plan(PostState.IN_REVIEW, T0, bsky));
        approvals.approve(ws.id(), post.id(), -1, 1, "usr_a", "approved by A", given -> false);
        StoredPost edited = posts.update(ws.id(), post.id(), -1, plan(PostState.IN_REVIEW, T0, bsky)).orElseThrow();
        assertEquals(List.of(), approvals.approvals(ws.id(), post.id()), "what was approved changed");
        assertThrows(ConflictException.class, () -> approvals.reject(ws.id(), post.id(), post.version(), "usr_a",
                "Alice", "stale"), "the version the approver saw is gone");

        StoredPost rejected = approvals.reject(ws.id(), post.id(), edited.version(), "usr_a", "Alice <b>",
                "Too early: wait for the launch").orElseThrow();
        assertEquals(PostState.DRAFT, rejected.state());
        assertEquals(PostState.DRAFT, rejected.targets().get(0).state());
        assertEquals("rejected by Alice <b>: Too early: wait for the launch", lastChange(post).reason());
        List<Comment> comments = approvals.comments(ws.id(), post.id());
        assertEquals(1, comments.size());
        assertEquals("Too early: wait for the launch", comments.get(0).text());
        assertEquals("Alice <b>", comments.get(0).authorName());
        assertEquals(List.of(), approvals.comments(other.id(), post.id()));
        assertEquals(List.of(), claim("n1", T0.plusSeconds(3600)), "a draft is never claimed");

        Comment more = approvals.comment(ws.id(), post.id(), "client", "Client", "OK after the launch").orElseThrow();
        assertEquals(List.of(comments.get(0), more), approvals.comments(ws.id(), post.id()));
        assertEquals(Optional.empty(), approvals.comment(other.id(), post.id(), "client", "Client", "x"));
        assertThrows(IllegalArgumentException.class, () -> approvals.comment(ws.id(), post.id(), "usr_a", "A", " "));
    }

    @Test
    void aSignoffLinkIsFoundByItsSecretOnlyAndOpensUntilItExpiresOrIsRevoked() throws SQLException {
        ApprovalRepository approvals = store.approvals();
        NewSignoffLink created = approvals.createLink(ws.id(), "Boulangerie Martin", T0, T0.plusSeconds(7 * 86400),
                T0.plusSeconds(86400), "usr_a");
        SignoffLink link = created.link();
        assertEquals(Optional.of(link), approvals.linkOfSecret(created.secret()));
        assertTrue(link.opensAt(T0));
        assertFalse(link.opensAt(T0.plusSeconds(86400)), "expired");
        assertEquals(Optional.empty(), approvals.linkOfSecret(created.secret() + "x"));
        assertEquals(Optional.empty(), approvals.linkOfSecret(""));
        assertEquals(0, count("SELECT COUNT(*) FROM signoff_link WHERE token_hash = '" + created.secret() + "'"),
                "only the secret's hash is stored");
        assertEquals(List.of(link), approvals.links(ws.id()));
        assertEquals(List.of(), approvals.links(other.id()));

        assertFalse(approvals.revokeLink(other.id(), link.id()), "another workspace's link");
        assertTrue(approvals.revokeLink(ws.id(), link.id()));
        SignoffLink revoked = approvals.linkOfSecret(created.secret()).orElseThrow();
        assertFalse(revoked.opensAt(T0));
        assertThrows(IllegalArgumentException.class, () -> approvals.createLink(ws.id(), "X", T0, T0, T0, "usr_a"));
    }

    // --- claiming ---

    @Test
    void claimDueHonoursDueTimePlatformsBusyAccountsAndAccountStatus() {
        StoredPost first = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, bsky, masto));
        StoredPost later = posts.create(ws.id(), plan(PostState.SCHEDULED, T0.plusSeconds(60), bsky));
        posts.create(ws.id(), plan(PostState.DRAFT, T0, bsky));
        posts.create(ws.id(), plan(PostState.IN_REVIEW, T0, bsky));
        posts.create(other.id(), plan(PostState.SCHEDULED, T0.plusSeconds(30), foreign));

        assertEquals(List.of(), claim("n1", T0.minusMillis(1)), "nothing is due yet");
        assertEquals(List.of(), dispatch.claimDue("n1", T0, T0.plusSeconds(60), Set.of("wordpress"), Set.of(), 10));
        assertEquals(List.of(), dispatch.claimDue("n1", T0, T0.plusSeconds(60), Set.of("bluesky"),
                Set.of(bsky.id(), foreign.id()), 10), "both bluesky accounts are busy");
        store.accounts().setStatus(ws.id(), masto.id(), AccountStatus.DISABLED);
        assertEquals(List.of(), dispatch.claimDue("n1", T0, T0.plusSeconds(60), Set.of("mastodon"), Set.of(), 10));

        List<Claim> claims = dispatch.claimDue("n1", T0.plusSeconds(60), T0.plusSeconds(120), Set.of("bluesky"),
                Set.of(foreign.id()), 10);
        assertEquals(List.of(first.id(), later.id()), claims.stream().map(Claim::postId).toList(), "oldest first");
        Claim claim = claims.get(0);
        assertEquals(store.accounts().find(ws.id(), bsky.id()).orElseThrow(), claim.account());
        assertEquals(bsky.id(), claim.account().credentialRef());
        assertEquals(ws.id(), claim.workspaceId());
        assertEquals(variant(bsky, "text for " + bsky.id()), claim.variant());
        assertEquals(T0, claim.dueAt());
        assertEquals(1, claim.attempts());
        assertFalse(claim.reconcile());
        assertEquals(first.id() + "-" + bsky.id(), claim.idempotencyKey());
        Change history = lastChange(first);
        assertEquals(bsky.id(), history.accountId());
        assertEquals(PostState.SCHEDULED, history.from());
        assertEquals(PostState.PUBLISHING, history.to());
        assertEquals("publishing, attempt 1 on node n1", history.reason());
        assertEquals(List.of(), dispatch.claimDue("n2", T0.plusSeconds(60), T0.plusSeconds(120), Set.of("bluesky"),
                Set.of(foreign.id()), 10), "claimed already");

        store.accounts().setStatus(ws.id(), masto.id(), AccountStatus.CONNECTED);
        List<Claim> limited = dispatch.claimDue("n1", T0.plusSeconds(60), T0.plusSeconds(120), ALL, Set.of(), 1);
        assertEquals(1, limited.size());
        assertEquals(masto.id(), limited.get(0).account().id());
        assertNull(limited.get(0).account().credentialRef());
        assertEquals("https://mastodon.example", limited.get(0).account().endpoint());
    }

    @Test
    void everyDueTargetIsClaimedExactlyOnceByNodesClaimingAtOnce() throws Exception {
        int postCount = 1000;
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            accounts.add(store.accounts().create(ws.id(), i % 2 == 0 ? "bluesky" : "mastodon", "load" + i, null,
                    AccountStatus.CONNECTED, Credentials.none()));
        }
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < postCount; i++) {
            // Two targets per post: nodes often finish the two targets of one post at the same time.
            plans.add(plan(PostState.SCHEDULED, T0.plusMillis(i), accounts.get(i % 4), accounts.get((i + 1) % 4)));
        }
        posts.createAll(ws.id(), plans);
        int nodes = claimingNodes();
        List<DispatchRepository> dispatchers = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ConnectionPool nodePool = ConnectionPool.open(settings);
            nodePools.add(nodePool);
            dispatchers.add(Store.open(nodePool.dataSource(), settings.kind(), settings.location(), "node-" + i, key)
                    .dispatch());
        }
        Instant now = T0.plusSeconds(10);
        ExecutorService executor = Executors.newFixedThreadPool(nodes);
        CountDownLatch go = new CountDownLatch(1);
        List<TargetRef> claimed = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                DispatchRepository node = dispatchers.get(i);
                String nodeId = "node-" + i;
                Callable<Integer> work = () -> {
                    go.await();
                    int mine = 0;
                    while (true) {
                        List<Claim> batch = node.claimDue(nodeId, now, now.plusSeconds(300), ALL, Set.of(), 50);
                        batch.forEach(c -> claimed.add(new TargetRef(c.postId(), c.account().id())));
                        mine += batch.size();
                        // On H2 a batch lost to another node comes back empty while rows remain.
                        if (batch.isEmpty()
                                && count("SELECT COUNT(*) FROM post_target WHERE state = 'SCHEDULED'") == 0) {
                            return mine;
                        }
                    }
                };
                results.add(executor.submit(work));
            }
            long start = System.nanoTime();
            go.countDown();
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(120, TimeUnit.SECONDS);
            }
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            System.out.printf("%s: %d nodes claimed %d targets in batches of 50 in %d ms (%.0f targets/s)%n",
                    settings.kind().id(), nodes, total, millis, total * 1000.0 / Math.max(1, millis));

            assertEquals(2 * postCount, total);
            assertEquals(2 * postCount, new HashSet<>(claimed).size(), "no target was claimed twice");
            assertEquals(2 * postCount, count("SELECT COUNT(*) FROM post_target WHERE state = 'PUBLISHING'"
                    + " AND attempts = 1 AND lease_owner LIKE 'node-%'"));
            assertEquals(postCount, count("SELECT COUNT(*) FROM post WHERE state = 'PUBLISHING' AND version >= 2"),
                    "every post derived after its claims");
            assertEquals(2 * postCount, count("SELECT COUNT(*) FROM post_change WHERE to_state = 'PUBLISHING'"));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void editsRacingClaimsNeverFailAndAClaimCarriesTheLastEdit() throws Exception {
        int postCount = 200;
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < postCount; i++) {
            plans.add(plan(PostState.SCHEDULED, T0.plusSeconds(i), bsky, masto));
        }
        List<StoredPost> created = posts.createAll(ws.id(), plans);
        ExecutorService executor = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        // The claimers' clock: each claim is a second later, so edits meet posts before, at and after their claim.
        AtomicInteger clock = new AtomicInteger();
        List<Claim> claimed = Collections.synchronizedList(new ArrayList<>());
        int[] edits = new int[2];
        try {
            List<Future<?>> work = new ArrayList<>();
            for (String node : List.of("n1", "n2")) {
                work.add(executor.submit(() -> {
                    go.await();
                    while (count("SELECT COUNT(*) FROM post_target WHERE state = 'SCHEDULED'") > 0) {
                        Instant now = T0.plusSeconds(clock.getAndIncrement());
                        claimed.addAll(dispatch.claimDue(node, now, now.plusSeconds(300), ALL, Set.of(), 10));
                    }
                    return null;
                }));
            }
            work.add(executor.submit(() -> {
                go.await();
                Random random = new Random(7);
                for (int round = 0; count("SELECT COUNT(*) FROM post_target WHERE state = 'SCHEDULED'") > 0; round++) {
                    StoredPost post = created.get(random.nextInt(postCount));
                    // The accounts in the other order, and new text: every column of both targets changes.
                    Plan edit = new Plan(PostState.SCHEDULED, post.at(), PARIS, null, List.of(
                            variant(masto, "edit " + round + " " + post.id()),
                            variant(bsky, "edit " + round + " " + post.id())), "per_ann", "edited");
                    try {
                        posts.update(ws.id(), post.id(), -1, edit);
                        edits[0]++;
                    } catch (ConflictException publishing) {
                        edits[1]++;
                    }
                }
                return null;
            }));
            go.countDown();
            for (Future<?> result : work) {
                result.get(120, TimeUnit.SECONDS); // a deadlock or any other failure surfaces here
            }
        } finally {
            executor.shutdownNow();
        }
        assertEquals(2 * postCount, claimed.size());
        assertEquals(2 * postCount, claimed.stream().map(c -> new TargetRef(c.postId(), c.account().id())).distinct()
                .count());
        for (Claim claim : claimed) {
            StoredPost now = posts.find(ws.id(), claim.postId()).orElseThrow();
            assertEquals(PostState.PUBLISHING, now.state());
            Target target = now.targets().stream().filter(t -> t.accountId().equals(claim.account().id()))
                    .findFirst().orElseThrow();
            assertEquals(target.variant(), claim.variant(), "a claim holds the content stored when it was taken");
        }
        assertTrue(edits[0] > 0 && edits[1] > 0, "edits both landed and were refused: " + edits[0] + ", " + edits[1]);
        System.out.printf("%s: %d edits landed and %d were refused while %d targets were claimed%n",
                settings.kind().id(), edits[0], edits[1], claimed.size());
    }

    @Test
    void claimStaleTakesOverExpiredLeasesAndWithOwnTooTheNodesOwn() {
        StoredPost post = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, bsky));
        claim("n1", T0, ALL, Set.of(), 10, T0.plusSeconds(60));

        assertEquals(List.of(), dispatch.claimStale("n2", T0.plusSeconds(30), T0.plusSeconds(90), ALL, false, 10),
                "the lease still runs");
        assertEquals(List.of(), dispatch.claimStale("n2", T0.plusSeconds(61), T0.plusSeconds(120), Set.of("mastodon"),
                false, 10), "another platform");
        List<Claim> stale = dispatch.claimStale("n2", T0.plusSeconds(61), T0.plusSeconds(120), ALL, false, 10);
        assertEquals(1, stale.size());
        assertTrue(stale.get(0).reconcile());
        assertEquals(1, stale.get(0).attempts(), "taking a target over is not an attempt");
        assertEquals(variant(bsky, "text for " + bsky.id()), stale.get(0).variant());
        assertEquals("reconciling on node n2: the lease of node n1 expired", lastChange(post).reason());
        assertEquals(List.of(), dispatch.claimStale("n3", T0.plusSeconds(62), T0.plusSeconds(120), ALL, false, 10),
                "n2 holds it now");

        assertEquals(0, dispatch.complete("n1", List.of(new Failed(post.id(), bsky.id(), "late"))),
                "n1 lost the lease");
        assertEquals(PostState.PUBLISHING, state(post));

        assertEquals(List.of(), dispatch.claimStale("n2", T0.plusSeconds(62), T0.plusSeconds(600), ALL, false, 10));
        List<Claim> own = dispatch.claimStale("n2", T0.plusSeconds(62), T0.plusSeconds(600), ALL, true, 10);
        assertEquals(1, own.size(), "a restarted node takes back what it held");
        assertEquals("reconciling on node n2: node n2 restarted", lastChange(post).reason());
        assertEquals(1, dispatch.complete("n2", List.of(new Published(post.id(), bsky.id(), "r", null, T0))));
        assertEquals(PostState.PUBLISHED, state(post));
    }

    @Test
    void aRoundRecordsOutcomesThenClaimsStaleBeforeDueWithinEachLimit() {
        StoredPost done = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, bsky));
        StoredPost stale = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, masto));
        assertEquals(2, claim("n1", T0, ALL, Set.of(), 10, T0.plusSeconds(60)).size());
        StoredPost dueFirst = posts.create(ws.id(), plan(PostState.SCHEDULED, T0.plusSeconds(10), masto));
        StoredPost dueSecond = posts.create(ws.id(), plan(PostState.SCHEDULED, T0.plusSeconds(20), masto));
        StoredPost dueBluesky = posts.create(ws.id(), plan(PostState.SCHEDULED, T0.plusSeconds(10), bsky));

        Round round = dispatch.round("n2", T0.plusSeconds(61), T0.plusSeconds(120), false,
                List.of(new Published(done.id(), bsky.id(), "r", "u", T0)),
                List.of(new ClaimRequest("mastodon", Set.of(), 2), new ClaimRequest("bluesky", Set.of(bsky.id()), 5)));

        assertEquals(1, round.completed(), "Published applies whoever holds the lease");
        assertEquals(PostState.PUBLISHED, state(done));
        assertEquals(List.of(stale.id(), dueFirst.id()), round.claims().stream().map(Claim::postId).toList(),
                "the expired lease first, then the oldest due, two in all");
        assertTrue(round.claims().get(0).reconcile());
        assertFalse(round.claims().get(1).reconcile());
        assertEquals(PostState.SCHEDULED, state(dueSecond), "beyond the limit");
        assertEquals(PostState.SCHEDULED, state(dueBluesky), "its account is busy");
        assertEquals(PostState.PUBLISHING, state(dueFirst));
        assertEquals("publishing, attempt 1 on node n2", lastChange(dueFirst).reason());

        Round outcomesOnly = dispatch.round("n2", T0.plusSeconds(62), T0.plusSeconds(120), false,
                List.of(new Failed(dueFirst.id(), masto.id(), "refused")), List.of());
        assertEquals(1, outcomesOnly.completed());
        assertEquals(List.of(), outcomesOnly.claims());
        assertEquals(PostState.FAILED, state(dueFirst));
        assertThrows(IllegalArgumentException.class, () -> dispatch.round("n2", T0, T0, false, List.of(),
                List.of(new ClaimRequest("bluesky", Set.of(), 0))), "a limit below 1 is refused");
    }

    /** One exclusive claim for Bluesky in a round of {@code node}, giving back {@code released} first. */
    private List<Claim> exclusive(String node, Instant now, Instant leaseUntil, Set<String> released) {
        return dispatch.round(node, now, leaseUntil, false, List.of(),
                List.of(new ClaimRequest("bluesky", Set.of(), 10, true, released))).claims();
    }

    @Test
    void anExclusiveClaimGivesEachAccountToOneNodeAtATime() {
        StoredPost first = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, bsky));
        assertEquals(List.of(first.id()), exclusive("n1", T0, T0.plusSeconds(30), Set.of()).stream()
                .map(Claim::postId).toList());
        StoredPost second = posts.create(ws.id(), plan(PostState.SCHEDULED, T0.plusSeconds(1), bsky));

        assertEquals(List.of(), exclusive("n2", T0.plusSeconds(2), T0.plusSeconds(32), Set.of()),
                "the account is n1's while its lease runs");
        assertEquals(List.of(second.id()), dispatch.round("n2", T0.plusSeconds(2), T0.plusSeconds(32), false,
                List.of(), List.of(new ClaimRequest("bluesky", Set.of(), 10))).claims().stream().map(Claim::postId)
                .toList(), "a claim that is not exclusive takes no notice of the lease");
        assertEquals(1, dispatch.complete("n2", List.of(new Failed(second.id(), bsky.id(), "not wanted"))));
        assertEquals(1, dispatch.complete("n1", List.of(new Published(first.id(), bsky.id(), "r1", null, T0))));

        StoredPost third = posts.create(ws.id(), plan(PostState.SCHEDULED, T0.plusSeconds(3), bsky));
        assertEquals(List.of(third.id()), exclusive("n1", T0.plusSeconds(4), T0.plusSeconds(34), Set.of()).stream()
                .map(Claim::postId).toList(), "its holder claims on");
        assertEquals(1, dispatch.complete("n1", List.of(new Published(third.id(), bsky.id(), "r3", null, T0))));

        // Renewed by its holder, the lease outlives its first term; given back, it is anyone's at once.
        dispatch.renew("n1", Set.of(), Set.of(bsky.id()), T0.plusSeconds(90));
        StoredPost fourth = posts.create(ws.id(), plan(PostState.SCHEDULED, T0.plusSeconds(5), bsky));
        assertEquals(List.of(), exclusive("n2", T0.plusSeconds(60), T0.plusSeconds(90), Set.of()),
                "renewed until 90 s");
        assertEquals(List.of(), exclusive("n2", T0.plusSeconds(61), T0.plusSeconds(91), Set.of(bsky.id())),
                "only its holder gives a lease back");
        assertEquals(List.of(fourth.id()), exclusive("n1", T0.plusSeconds(62), T0.plusSeconds(92),
                Set.of(bsky.id())).stream().map(Claim::postId).toList(),
                "a round gives leases back before it claims: n1 takes the account again");
        assertEquals(1, dispatch.complete("n1", List.of(new Published(fourth.id(), bsky.id(), "r4", null, T0))));
        dispatch.round("n1", T0.plusSeconds(63), T0.plusSeconds(93), false, List.of(),
                List.of(new ClaimRequest("bluesky", Set.of(), 10, true, Set.of(bsky.id()))));

        StoredPost fifth = posts.create(ws.id(), plan(PostState.SCHEDULED, T0.plusSeconds(6), bsky));
        assertEquals(List.of(fifth.id()), exclusive("n2", T0.plusSeconds(64), T0.plusSeconds(94), Set.of()).stream()
                .map(Claim::postId).toList(), "given back, the account goes to the next node that claims");
        StoredPost sixth = posts.create(ws.id(), plan(PostState.SCHEDULED, T0.plusSeconds(7), bsky));
        assertEquals(List.of(), exclusive("n3", T0.plusSeconds(93), T0.plusSeconds(123), Set.of()));
        assertEquals(List.of(sixth.id()), exclusive("n3", T0.plusSeconds(94), T0.plusSeconds(124), Set.of()).stream()
                .map(Claim::postId).toList(), "a lease its holder no longer renews expires (a node that died)");
    }

    @Test
    void anAccountWithoutALeaseRowGetsOneAtItsFirstExclusiveClaim() throws Exception {
        // Accounts get their row when they are added; one that lost it (written by other means) still publishes.
        try (java.sql.Connection connection = pool.dataSource().getConnection();
                java.sql.PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM account_lease WHERE account_id = ?")) {
            delete.setString(1, bsky.id());
            assertEquals(1, delete.executeUpdate(), "the account got its row when it was added");
        }
        StoredPost post = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, bsky));
        assertEquals(List.of(post.id()), exclusive("n1", T0, T0.plusSeconds(30), Set.of()).stream()
                .map(Claim::postId).toList());
        StoredPost next = posts.create(ws.id(), plan(PostState.SCHEDULED, T0.plusSeconds(1), bsky));
        assertEquals(List.of(), exclusive("n2", T0.plusSeconds(2), T0.plusSeconds(32), Set.of()),
                "the row made at the claim holds n1's lease");
        assertEquals(PostState.SCHEDULED, state(next));
    }

    @Test
    void completeAppliesOutcomesOnlyForTheLeaseHolderExceptPublished() {
        StoredPost retried = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, bsky));
        StoredPost published = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, masto));
        assertEquals(2, claim("n1", T0).size());

        Instant retryAt = T0.plusSeconds(300);
        assertEquals(0, dispatch.complete("n2", List.of(new Retry(retried.id(), bsky.id(), retryAt, "rate limited"))));
        Instant publishedAt = T0.plusSeconds(5).plusNanos(999);
        assertEquals(1, dispatch.complete("n2", List.of(
                new Published(published.id(), masto.id(), "109876", "https://mastodon.example/@bakery/109876",
                        publishedAt),
                new Retry(retried.id(), bsky.id(), retryAt, "rate limited"))),
                "Published applies whoever holds the lease, Retry only for n1");
        Target done = posts.find(ws.id(), published.id()).orElseThrow().targets().get(0);
        assertEquals(PostState.PUBLISHED, done.state());
        assertEquals("109876", done.remoteId());
        assertEquals("https://mastodon.example/@bakery/109876", done.url());
        assertEquals(Database.stored(publishedAt), done.publishedAt());
        assertEquals(0, dispatch.complete("n1", List.of(new Published(published.id(), masto.id(), "again", null, T0))),
                "published once");

        assertEquals(1, dispatch.complete("n1", List.of(new Retry(retried.id(), bsky.id(), retryAt, "rate limited"))));
        Target waiting = posts.find(ws.id(), retried.id()).orElseThrow().targets().get(0);
        assertEquals(PostState.SCHEDULED, waiting.state());
        assertEquals("rate limited", waiting.error());
        assertEquals(retryAt, dispatch.nextDue(ALL));
        assertEquals(List.of(), claim("n1", retryAt.minusMillis(1)));
        List<Claim> again = claim("n1", retryAt);
        assertEquals(2, again.get(0).attempts());
        assertEquals(1, dispatch.complete("n1", List.of(new Failed(retried.id(), bsky.id(), "the network said no"))));
        Target failed = posts.find(ws.id(), retried.id()).orElseThrow().targets().get(0);
        assertEquals(PostState.FAILED, failed.state());
        assertEquals("the network said no", failed.error());
        assertEquals("failed: the network said no", lastChange(retried).reason());
    }

    @Test
    void anUnknownOutcomeWaitsAndIsThenReconciledThroughClaimStale() {
        StoredPost post = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, bsky));
        claim("n1", T0);
        Instant reconcileAt = T0.plusSeconds(300);

        assertEquals(1, dispatch.complete("n1", List.of(new Unknown(post.id(), bsky.id(), reconcileAt, "timed out"))));

        assertEquals(PostState.PUBLISHING, state(post));
        assertEquals("timed out", posts.find(ws.id(), post.id()).orElseThrow().targets().get(0).error());
        assertEquals(reconcileAt, dispatch.nextDue(ALL));
        assertEquals(List.of(), claim("n1", reconcileAt));
        assertEquals(0, dispatch.renew("n1", Set.of(new TargetRef(post.id(), bsky.id())), T0.plusSeconds(900)),
                "its lease was released");
        assertEquals(List.of(), dispatch.claimStale("n1", reconcileAt.minusMillis(1), reconcileAt.plusSeconds(60), ALL,
                true, 10), "not before reconcileAt, not even for its former holder");
        List<Claim> reconcile = dispatch.claimStale("n2", reconcileAt.plusMillis(1), reconcileAt.plusSeconds(60), ALL,
                false, 10);
        assertEquals(1, reconcile.size());
        assertTrue(reconcile.get(0).reconcile());
        assertEquals("reconciling on node n2: the outcome was unknown", lastChange(post).reason());
        assertNull(dispatch.nextDue(ALL));

        assertEquals(1, dispatch.renew("n2", Set.of(new TargetRef(post.id(), bsky.id()),
                new TargetRef(post.id(), masto.id())), reconcileAt.plusSeconds(600)));
        assertEquals(List.of(), dispatch.claimStale("n3", reconcileAt.plusSeconds(300), reconcileAt.plusSeconds(900),
                ALL, false, 10), "the renewed lease still runs");
        assertEquals(1, dispatch.claimStale("n3", reconcileAt.plusSeconds(601), reconcileAt.plusSeconds(900), ALL,
                false, 10).size());
    }

    @Test
    void reconnectMarksTheAccountAndKeepsTheTargetScheduled() {
        StoredPost post = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, bsky));
        claim("n1", T0.plusSeconds(30));

        assertEquals(1, dispatch.complete("n1", List.of(new Reconnect(post.id(), bsky.id(), "token expired"))));

        assertEquals(AccountStatus.NEEDS_RECONNECT, store.accounts().find(ws.id(), bsky.id()).orElseThrow().status());
        Target target = posts.find(ws.id(), post.id()).orElseThrow().targets().get(0);
        assertEquals(PostState.SCHEDULED, target.state());
        assertEquals(1, target.attempts());
        assertEquals(PostState.SCHEDULED, state(post));
        assertEquals(List.of(), claim("n1", T0.plusSeconds(60)), "the account must be reconnected first");
        assertNull(dispatch.nextDue(ALL));
        assertTrue(lastChange(post).reason().contains("token expired"), lastChange(post).reason());

        store.accounts().setStatus(ws.id(), bsky.id(), AccountStatus.CONNECTED);
        assertEquals(T0, dispatch.nextDue(ALL), "due again at its due time");
        assertEquals(2, claim("n1", T0.plusSeconds(60)).get(0).attempts());
        assertEquals(0, dispatch.markMissed(T0.plusSeconds(3600), "missed"), "it was attempted");
    }

    @Test
    void markMissedFailsTheTargetsNeverAttemptedThatAreTooLate() {
        StoredPost retried = posts.create(ws.id(), plan(PostState.SCHEDULED, T0.minusSeconds(60), bsky));
        assertEquals(1, claim("n1", T0.minusSeconds(60)).size());
        dispatch.complete("n1", List.of(new Retry(retried.id(), bsky.id(), T0.plusSeconds(10), "rate limited")));
        StoredPost missed = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, bsky, masto));
        StoredPost recent = posts.create(ws.id(), plan(PostState.SCHEDULED, T0.plusSeconds(3600), bsky));
        StoredPost draft = posts.create(ws.id(), plan(PostState.DRAFT, T0, bsky));

        assertEquals(2, dispatch.markMissed(T0.plusSeconds(1800), "missed: the workbench was down when it was due"));

        StoredPost failed = posts.find(ws.id(), missed.id()).orElseThrow();
        assertEquals(PostState.FAILED, failed.state());
        for (Target target : failed.targets()) {
            assertEquals(PostState.FAILED, target.state());
            assertEquals("missed: the workbench was down when it was due", target.error());
        }
        Change change = lastChange(missed);
        assertEquals(PostState.SCHEDULED, change.from());
        assertEquals(PostState.FAILED, change.to());
        assertEquals(DispatchRepository.ACTOR, change.actor());
        assertEquals(PostState.SCHEDULED, state(retried), "attempted once: it waits for its retry");
        assertEquals(PostState.SCHEDULED, state(recent));
        assertEquals(PostState.DRAFT, state(draft));
        assertEquals(0, dispatch.markMissed(T0.plusSeconds(1800), "missed"));
    }

    @Test
    void nextDueIsTheEarliestTargetWaitingOnAConnectedAccount() {
        assertNull(dispatch.nextDue(ALL));
        posts.create(ws.id(), plan(PostState.DRAFT, T0, bsky));
        assertNull(dispatch.nextDue(ALL), "drafts are not due");
        posts.create(ws.id(), plan(PostState.SCHEDULED, T0.plusSeconds(7200), bsky));
        posts.create(ws.id(), plan(PostState.SCHEDULED, T0.plusSeconds(3600), masto));
        posts.create(other.id(), plan(PostState.SCHEDULED, T0.plusSeconds(60), foreign));

        assertEquals(T0.plusSeconds(60), dispatch.nextDue(ALL));
        assertEquals(T0.plusSeconds(3600), dispatch.nextDue(Set.of("mastodon")));
        assertNull(dispatch.nextDue(Set.of("wordpress")));
        assertNull(dispatch.nextDue(Set.of()));
        store.accounts().setStatus(other.id(), foreign.id(), AccountStatus.PLATFORM_MISSING);
        assertEquals(T0.plusSeconds(3600), dispatch.nextDue(ALL));
    }

    // --- queue slots and calendar feeds ---

    @Test
    void queueSlotsAreReplacedAndReadBackSorted() {
        assertEquals(List.of(), posts.slots(ws.id(), bsky.id()));
        Set<Slot> slots = Set.of(new Slot(DayOfWeek.FRIDAY, LocalTime.of(17, 30)),
                new Slot(DayOfWeek.MONDAY, LocalTime.of(9, 0)), new Slot(DayOfWeek.MONDAY, LocalTime.of(8, 15, 30)));
        assertTrue(posts.setSlots(ws.id(), bsky.id(), slots));
        assertEquals(List.of(new Slot(DayOfWeek.MONDAY, LocalTime.of(8, 15, 30)),
                new Slot(DayOfWeek.MONDAY, LocalTime.of(9, 0)), new Slot(DayOfWeek.FRIDAY, LocalTime.of(17, 30))),
                posts.slots(ws.id(), bsky.id()));
        assertEquals(List.of(), posts.slots(ws.id(), masto.id()));
        assertEquals(List.of(), posts.slots(other.id(), bsky.id()), "another workspace's account");

        assertTrue(posts.setSlots(ws.id(), bsky.id(), Set.of(new Slot(DayOfWeek.SUNDAY, LocalTime.MIDNIGHT))));
        assertEquals(List.of(new Slot(DayOfWeek.SUNDAY, LocalTime.MIDNIGHT)), posts.slots(ws.id(), bsky.id()));
        assertTrue(posts.setSlots(ws.id(), bsky.id(), Set.of()));
        assertEquals(List.of(), posts.slots(ws.id(), bsky.id()));
        assertFalse(posts.setSlots(ws.id(), "acc_missing", Set.of()));
    }

    @Test
    void aRotatedFeedSecretReplacesTheOldOneAndOnlyItsHashIsKept() throws SQLException {
        assertTrue(posts.workspaceOfFeedSecret("anything").isEmpty());
        String first = posts.rotateFeedSecret(ws.id());
        assertEquals(43, first.length(), "32 random bytes in base64url");
        assertTrue(first.matches("[A-Za-z0-9_-]+"), first);
        assertEquals(ws.id(), posts.workspaceOfFeedSecret(first).orElseThrow());

        String second = posts.rotateFeedSecret(ws.id());
        assertNotEquals(first, second);
        assertTrue(posts.workspaceOfFeedSecret(first).isEmpty(), "the old secret stops working");
        assertEquals(ws.id(), posts.workspaceOfFeedSecret(second).orElseThrow());
        String theirs = posts.rotateFeedSecret(other.id());
        assertEquals(other.id(), posts.workspaceOfFeedSecret(theirs).orElseThrow());
        assertTrue(posts.workspaceOfFeedSecret(null).isEmpty());
        assertTrue(posts.workspaceOfFeedSecret("").isEmpty());
        assertThrows(NoSuchElementException.class, () -> posts.rotateFeedSecret("ws_missing"));

        assertEquals(1, count("SELECT COUNT(*) FROM calendar_feed WHERE secret_hash = '" + Sha256.hex(second) + "'"));
        assertEquals(0, count("SELECT COUNT(*) FROM calendar_feed WHERE secret_hash = '" + second + "'"));
        assertEquals(2, count("SELECT COUNT(*) FROM calendar_feed"));
    }

    @Test
    void deletingAWorkspaceRemovesItsPostsAndOnlyItsPosts() throws SQLException {
        StoredPost mine = posts.create(ws.id(), plan(PostState.SCHEDULED, T0, bsky, masto));
        posts.cancel(ws.id(), mine.id(), "per_ann", "x");
        posts.setSlots(ws.id(), bsky.id(), Set.of(new Slot(DayOfWeek.MONDAY, LocalTime.NOON)));
        posts.rotateFeedSecret(ws.id());
        StoredPost theirs = posts.create(other.id(), plan(PostState.SCHEDULED, T0, foreign));
        posts.setSlots(other.id(), foreign.id(), Set.of(new Slot(DayOfWeek.MONDAY, LocalTime.NOON)));
        posts.rotateFeedSecret(other.id());

        assertTrue(store.workspaces().delete(ws.id()));

        for (String table : List.of("post", "post_target", "post_change", "queue_slot", "calendar_feed")) {
            assertEquals(0, count("SELECT COUNT(*) FROM " + table + " WHERE workspace_id = '" + ws.id() + "'"), table);
            assertTrue(count("SELECT COUNT(*) FROM " + table + " WHERE workspace_id = '" + other.id() + "'") > 0,
                    table);
        }
        assertEquals(theirs, posts.find(other.id(), theirs.id()).orElseThrow());
    }

    // --- helpers ---

    static PostVariant variant(Account account, String text) {
        return new PostVariant(account.id(), text, List.of(), List.of());
    }

    /** A plan with one simple variant per account. */
    static Plan plan(PostState state, Instant at, Account... accounts) {
        List<PostVariant> variants = new ArrayList<>();
        for (Account account : accounts) {
            variants.add(variant(account, "text for " + account.id()));
        }
        return new Plan(state, at, PARIS, null, variants, "per_ann", "created");
    }

    static Query query(Set<String> workspaceIds) {
        return new Query(workspaceIds, null, null, null, null, PostRepository.MAX_LIMIT);
    }

    static List<String> ids(StoredPost... posts) {
        return java.util.Arrays.stream(posts).map(StoredPost::id).toList();
    }

    static List<String> ids(List<StoredPost> posts) {
        return posts.stream().map(StoredPost::id).toList();
    }

    List<Claim> claim(String node, Instant now) {
        return claim(node, now, ALL);
    }

    List<Claim> claim(String node, Instant now, Set<String> platforms) {
        return claim(node, now, platforms, Set.of(), 100);
    }

    List<Claim> claim(String node, Instant now, Set<String> platforms, Set<String> busy, int limit) {
        return claim(node, now, platforms, busy, limit, now.plusSeconds(60));
    }

    List<Claim> claim(String node, Instant now, Set<String> platforms, Set<String> busy, int limit,
            Instant leaseUntil) {
        return dispatch.claimDue(node, now, leaseUntil, platforms, busy, limit);
    }

    PostState state(StoredPost post) {
        return posts.find(post.workspaceId(), post.id()).orElseThrow().state();
    }

    long version(StoredPost post) {
        return posts.find(post.workspaceId(), post.id()).orElseThrow().version();
    }

    Change lastChange(StoredPost post) {
        List<Change> history = posts.history(post.workspaceId(), post.id());
        return history.get(history.size() - 1);
    }

    int count(String sql) throws SQLException {
        try (Connection connection = pool.dataSource().getConnection();
                ResultSet row = connection.createStatement().executeQuery(sql)) {
            assertTrue(row.next());
            return row.getInt(1);
        }
    }
}
