package io.atelier.scheduling.internal;

import static io.atelier.scheduling.internal.DispatcherTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atelier.api.platform.RatePolicy;
import io.atelier.api.post.PostState;
import io.atelier.api.team.Role;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.Workspace;
import io.atelier.scheduling.Approvals;
import io.atelier.scheduling.Approvals.Review;
import io.atelier.scheduling.InvalidInputException;
import io.atelier.scheduling.NotAnApproverException;
import io.atelier.scheduling.Platforms;
import io.atelier.scheduling.PostInput;
import io.atelier.store.ApprovalRepository.Decision;
import io.atelier.store.ApprovalRepository.Mode;
import io.atelier.store.ApprovalRepository.NewSignoffLink;
import io.atelier.store.ApprovalRepository.SignoffLink;
import io.atelier.store.ApprovalRepository.Step;
import io.atelier.store.ConflictException;
import io.atelier.store.DispatchRepository.Claim;
import io.atelier.store.PostRepository.StoredPost;

/**
 * Approvals on a real H2 store, with real dispatchers publishing through a
 * recording connector: the workflow's rules, and a post in review that is never
 * published until its last approval, whatever restarts meanwhile.
 */
class ApprovalServiceTest {

    private static final DispatcherSettings FAST = new DispatcherSettings(true, Duration.ofSeconds(2),
            Duration.ofMinutes(30), 500, 3, Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofHours(24),
            Duration.ofMillis(50), Duration.ofSeconds(30));

    private static final DispatcherSettings OFF = new DispatcherSettings(false, DispatcherSettings.DEFAULT.lease(),
            DispatcherSettings.DEFAULT.grace(), DispatcherSettings.DEFAULT.batch(),
            DispatcherSettings.DEFAULT.maxAttempts(), DispatcherSettings.DEFAULT.retryBase(),
            DispatcherSettings.DEFAULT.retryMax(), DispatcherSettings.DEFAULT.patience(),
            DispatcherSettings.DEFAULT.idlePoll(), DispatcherSettings.DEFAULT.callTimeout());

    @TempDir
    Path dir;

    private TestStore store;
    private ApprovalService approvals;
    private RecordingConnector connector;
    private Platforms platforms;
    private Workspace workspace;
    private Account account;
    private String ann;
    private String bob;
    private String cleo;
    private final List<SchedulingService> services = new ArrayList<>();

    @BeforeEach
    void setUp() {
        store = TestStore.h2(dir, "node_a");
        workspace = store.workspace("Europe/Paris");
        connector = new RecordingConnector("rec", new RatePolicy(8, 2, 0));
        List<Platforms.Platform> all = List.of(new Platforms.Platform(connector, connector.info(), "test"));
        platforms = new Platforms() {
            @Override
            public List<Platform> all() {
                return all;
            }

            @Override
            public Optional<Platform> find(String id) {
                return all.stream().filter(p -> p.info().id().equals(id)).findFirst();
            }
        };
        account = store.account(workspace, "rec", "brand");
        ann = member("ann@example.test", Role.MANAGER);
        bob = member("bob@example.test", Role.EDITOR);
        cleo = member("cleo@example.test", Role.CLIENT);
        approvals = new ApprovalService(store.store.approvals(), store.store.posts(), store.store.workspaces(),
                store.store.memberships());
    }

    @AfterEach
    void tearDown() {
        services.forEach(SchedulingService::deactivate);
        store.close();
    }

    private String member(String email, Role role) {
        String id = store.store.people().create(email, email, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
                false).id();
        store.store.memberships().put(workspace.id(), id, role);
        return id;
    }

    private SchedulingService scheduling(String node, DispatcherSettings settings) {
        SchedulingService service = new SchedulingService(store.store.workspaces(), store.store.accounts(),
                store.store.posts(), store.store.media(), store.store.dispatch(), node, platforms, settings,
                Clock.systemUTC());
        services.add(service);
        return service;
    }

    private StoredPost inReview(SchedulingService service, String text, Instant at) {
        return service.create(workspace.id(), new PostInput(text, null, List.of(account.id()), null, at.toString(),
                null, false, false, true, null), "per_author");
    }

    private PostState state(StoredPost post) {
        return store.store.posts().find(workspace.id(), post.id()).orElseThrow().state();
    }

    @Test
    void aWorkflowNamesMembersOnlyAndAtMostThreeSteps() {
        InvalidInputException stranger = assertThrows(InvalidInputException.class, () -> approvals.setWorkflow(
                workspace.id(), List.of(new Step(1, Mode.ANY, List.of(ann, "usr_stranger")))));
        assertEquals("steps[0].approvers[1]", stranger.field());
        InvalidInputException empty = assertThrows(InvalidInputException.class, () -> approvals.setWorkflow(
                workspace.id(), List.of(new Step(1, Mode.ALL, List.of()))));
        assertEquals("steps[0].approvers", empty.field());
        Step one = new Step(1, Mode.ANY, List.of(ann));
        InvalidInputException four = assertThrows(InvalidInputException.class, () -> approvals.setWorkflow(
                workspace.id(), List.of(one, one, one, one)));
        assertEquals("steps", four.field());

        List<Step> set = approvals.setWorkflow(workspace.id(), List.of(new Step(7, Mode.ALL, List.of(ann, bob, ann)),
                new Step(9, Mode.ANY, List.of(cleo))));
        assertEquals(List.of(new Step(1, Mode.ALL, List.of(ann, bob)), new Step(2, Mode.ANY, List.of(cleo))), set,
                "numbered in order, each approver once");
        assertEquals(set, approvals.workflow(workspace.id()));
    }

    @Test
    void eachStepWaitsForItsApproversAndTheLastApprovalSchedulesThePost() {
        SchedulingService service = scheduling("node_a", OFF);
        approvals.setWorkflow(workspace.id(), List.of(new Step(1, Mode.ALL, List.of(ann, bob)),
                new Step(2, Mode.ANY, List.of(cleo))));
        StoredPost post = inReview(service, "Launch day", Instant.now().plus(Duration.ofDays(2)));

        assertThrows(NotAnApproverException.class, () -> approvals.approve(workspace.id(), post.id(), -1, cleo,
                "Cleo", true), "the client approves at step 2, not before");
        Decision first = approvals.approve(workspace.id(), post.id(), post.version(), ann, "Ann", true);
        assertEquals(PostState.IN_REVIEW, first.post().state());
        assertEquals(new Review(1, 2, Mode.ALL, List.of(ann, bob), List.of(ann)),
                approvals.review(workspace.id(), post.id()));
        assertEquals(List.of(post.id()), ids(approvals.awaiting(bob, Set.of(workspace.id()), Set.of())));
        assertEquals(List.of(), approvals.awaiting(ann, Set.of(workspace.id()), Set.of()),
                "Ann's approval is given; the step waits for Bob");
        approvals.approve(workspace.id(), post.id(), -1, bob, "Bob", true);
        assertEquals(2, approvals.review(workspace.id(), post.id()).step());
        assertEquals(List.of(post.id()), ids(approvals.awaiting(cleo, Set.of(workspace.id()), Set.of())));

        Decision last = approvals.approve(workspace.id(), post.id(), -1, cleo, "Cleo", false);
        assertTrue(last.released());
        assertEquals(PostState.SCHEDULED, state(post));
        List<String> reasons = store.store.posts().history(workspace.id(), post.id()).stream()
                .map(change -> change.reason()).toList();
        assertTrue(reasons.containsAll(List.of("approved by Ann (step 1 of 2)", "approved by Bob (step 1 of 2)",
                "approved by Cleo (step 2 of 2)")), reasons.toString());
        assertThrows(ConflictException.class, () -> approvals.approve(workspace.id(), post.id(), -1, cleo, "Cleo",
                false), "nothing left to approve");
    }

    @Test
    void withoutAWorkflowOneSchedulerApprovesAndARejectionIsADraftWithTheComment() {
        SchedulingService service = scheduling("node_a", OFF);
        StoredPost post = inReview(service, "Summer sale", Instant.now().plus(Duration.ofDays(1)));

        assertThrows(NotAnApproverException.class, () -> approvals.approve(workspace.id(), post.id(), -1, cleo,
                "Cleo", false));
        InvalidInputException silent = assertThrows(InvalidInputException.class, () -> approvals.reject(
                workspace.id(), post.id(), -1, ann, "Ann", true, "  "));
        assertEquals("comment", silent.field());
        StoredPost rejected = approvals.reject(workspace.id(), post.id(), -1, ann, "Ann", true,
                "The price is wrong: 20 %, not 30 %");
        assertEquals(PostState.DRAFT, rejected.state());
        assertEquals("The price is wrong: 20 %, not 30 %",
                approvals.comments(workspace.id(), post.id()).get(0).text());
        assertEquals("Ann", approvals.comments(workspace.id(), post.id()).get(0).authorName());

        StoredPost again = service.update(workspace.id(), post.id(), -1, new PostInput("Summer sale: 20 %", null,
                List.of(account.id()), null, post.at().toString(), null, false, false, true, null), "per_author");
        assertEquals(PostState.IN_REVIEW, again.state());
        assertTrue(approvals.approve(workspace.id(), post.id(), again.version(), bob, "Bob", true).released());
        assertEquals(PostState.SCHEDULED, state(post));
    }

    @Test
    void aPostInReviewIsNeverPublishedThroughRestartsAndTwoNodesUntilItIsApproved() {
        SchedulingService first = scheduling("node_a", FAST);
        scheduling("node_b", FAST);
        Instant now = Instant.now();
        StoredPost waiting = inReview(first, "Waits for approval", now);
        StoredPost control = first.create(workspace.id(), PostInput.of("Due as well", List.of(account.id()),
                now.toString(), null), "per_author");
        await(() -> state(control) == PostState.PUBLISHED, "the post due at the same time is published");

        first.deactivate();
        services.remove(first);
        SchedulingService restarted = scheduling("node_a", FAST);
        StoredPost later = restarted.create(workspace.id(), PostInput.of("After the restart", List.of(account.id()),
                Instant.now().toString(), null), "per_author");
        await(() -> state(later) == PostState.PUBLISHED, "a post due after the restart is published");
        assertEquals(PostState.IN_REVIEW, state(waiting));
        assertEquals(0, connector.callsFor(Claim.idempotencyKey(waiting.id(), account.id())),
                "two nodes and a restart never sent it");

        assertTrue(approvals.approve(workspace.id(), waiting.id(), -1, ann, "Ann", true).released());
        await(() -> state(waiting) == PostState.PUBLISHED, "approved late, it is published within the grace window");
        assertEquals(1, connector.callsFor(Claim.idempotencyKey(waiting.id(), account.id())));
    }

    @Test
    void aSignoffLinkShowsItsPeriodLetsTheClientDecideAndStopsWhenItExpiresOrIsRevoked() {
        SchedulingService service = scheduling("node_a", OFF);
        MutableClock clock = new MutableClock(Instant.now());
        ApprovalService links = new ApprovalService(store.store.approvals(), store.store.posts(),
                store.store.workspaces(), store.store.memberships(), clock);
        approvals.setWorkflow(workspace.id(), List.of(new Step(1, Mode.ANY, List.of(ann)),
                new Step(2, Mode.ANY, List.of(Approvals.CLIENT))));
        Instant monday = clock.instant().plus(Duration.ofDays(3));
        StoredPost shown = inReview(service, "Shown to the client", monday);
        StoredPost rejected = inReview(service, "Rejected by the client", monday.plusSeconds(3600));
        StoredPost outside = inReview(service, "Next month", monday.plus(Duration.ofDays(30)));
        StoredPost draft = service.create(workspace.id(), new PostInput("A draft", null, List.of(account.id()), null,
                monday.toString(), null, false, true, false, null), "per_author");

        InvalidInputException tooLong = assertThrows(InvalidInputException.class, () -> links.createLink(
                workspace.id(), "Martin", monday, monday.plus(Duration.ofDays(100)), clock.instant().plusSeconds(60),
                ann));
        assertEquals("to", tooLong.field());
        NewSignoffLink created = links.createLink(workspace.id(), "Boulangerie Martin", monday.minusSeconds(60),
                monday.plus(Duration.ofDays(7)), clock.instant().plus(Duration.ofDays(2)), ann);
        SignoffLink link = links.openLink(created.secret()).orElseThrow();
        assertEquals(List.of(shown.id(), rejected.id()), ids(links.linkPosts(link)),
                "its period only, and no drafts");
        assertThrows(java.util.NoSuchElementException.class, () -> links.approveByLink(link, outside.id()));
        assertThrows(java.util.NoSuchElementException.class, () -> links.commentByLink(link, draft.id(), "hello"));
        assertThrows(NotAnApproverException.class, () -> links.approveByLink(link, shown.id()),
                "step 1 is Ann's");

        approvals.approve(workspace.id(), shown.id(), -1, ann, "Ann", true);
        assertTrue(links.approveByLink(link, shown.id()).released());
        assertEquals(PostState.SCHEDULED, state(shown));
        approvals.approve(workspace.id(), rejected.id(), -1, ann, "Ann", true);
        links.rejectByLink(link, rejected.id(), "Not this photo");
        assertEquals(PostState.DRAFT, state(rejected));
        assertEquals("Boulangerie Martin (sign-off link)",
                approvals.comments(workspace.id(), rejected.id()).get(0).authorName());
        assertEquals("Not this photo", approvals.comments(workspace.id(), rejected.id()).get(0).text());

        clock.set(clock.instant().plus(Duration.ofDays(2)));
        assertEquals(Optional.empty(), links.openLink(created.secret()), "expired");
        NewSignoffLink second = links.createLink(workspace.id(), "Martin", monday, monday.plusSeconds(60),
                clock.instant().plus(Duration.ofDays(1)), ann);
        assertTrue(links.openLink(second.secret()).isPresent());
        assertTrue(links.revokeLink(workspace.id(), second.link().id()));
        assertEquals(Optional.empty(), links.openLink(second.secret()), "revoked");
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static List<String> ids(List<StoredPost> posts) {
        return posts.stream().map(StoredPost::id).toList();
    }
}
