package io.atelier.scheduling.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostState;
import io.atelier.api.post.PostVariant;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;
import io.atelier.api.workspace.Workspace;
import io.atelier.scheduling.Platforms;
import io.atelier.scheduling.PostInput;
import io.atelier.store.DispatchRepository;
import io.atelier.store.DispatchRepository.Claim;
import io.atelier.store.PostRepository;
import io.atelier.store.PostRepository.StoredPost;

/**
 * The dispatcher against a real H2 store and a recording connector: what is due is
 * published once, edits and cancellations win, and each kind of failure ends in the
 * right state without a duplicate.
 */
class DispatcherTest {

    private static final DispatcherSettings FAST = new DispatcherSettings(true, Duration.ofSeconds(2),
            Duration.ofMinutes(30), 500, 3, Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofHours(24),
            Duration.ofMillis(50), Duration.ofSeconds(30));

    @TempDir
    Path dir;

    private TestStore store;
    private final List<SchedulingService> services = new CopyOnWriteArrayList<>();
    private final List<Platforms.Platform> platforms = new CopyOnWriteArrayList<>();
    private RecordingConnector connector;
    private Workspace workspace;
    private Account account;

    @BeforeEach
    void setUp() {
        store = TestStore.h2(dir, "node_a");
        workspace = store.workspace("Europe/Paris");
        connector = new RecordingConnector("rec", new RatePolicy(8, 1, 0));
        platforms.add(new Platforms.Platform(connector, connector.info(), "test"));
        account = store.account(workspace, "rec", "alice");
    }

    @AfterEach
    void tearDown() {
        services.forEach(SchedulingService::deactivate);
        store.close();
    }

    private SchedulingService start(String node, DispatcherSettings settings) {
        Platforms registry = new Platforms() {
            @Override
            public List<Platform> all() {
                return List.copyOf(platforms);
            }

            @Override
            public Optional<Platform> find(String id) {
                return platforms.stream().filter(p -> p.info().id().equals(id)).findFirst();
            }
        };
        SchedulingService service = new SchedulingService(store.store.workspaces(), store.store.accounts(),
                store.store.posts(), store.store.media(), store.store.dispatch(), node, registry, settings,
                Clock.systemUTC());
        services.add(service);
        return service;
    }

    private StoredPost due(SchedulingService service, String text) {
        return service.create(workspace.id(), PostInput.of(text, List.of(account.id()), Instant.now().toString(), null),
                "per_test");
    }

    private StoredPost reload(StoredPost post) {
        return store.store.posts().find(workspace.id(), post.id()).orElseThrow();
    }

    private String key(StoredPost post) {
        return Claim.idempotencyKey(post.id(), account.id());
    }

    @Test
    void publishesWhatIsDueOnceAndRecordsEachStep() {
        SchedulingService service = start("node_a", FAST);
        StoredPost post = due(service, "hello");
        await(() -> reload(post).state() == PostState.PUBLISHED, "the post is published");
        StoredPost published = reload(post);
        assertEquals("rec:" + key(post), published.targets().get(0).remoteId());
        assertEquals("https://example.test/" + key(post), published.targets().get(0).url());
        assertEquals(1, connector.callsFor(key(post)));
        List<PostState> steps = store.store.posts().history(workspace.id(), post.id()).stream()
                .map(PostRepository.Change::to).toList();
        assertEquals(List.of(PostState.SCHEDULED, PostState.PUBLISHING, PostState.PUBLISHED),
                steps.stream().distinct().toList());
    }

    @Test
    void editsAndCancellationsBeforeTheDueTimeWin() {
        SchedulingService service = start("node_a", FAST);
        String soon = Instant.now().plusSeconds(2).toString();
        StoredPost edited = service.create(workspace.id(), PostInput.of("first words", List.of(account.id()), soon, null),
                "per_test");
        StoredPost cancelled = service.create(workspace.id(), PostInput.of("never", List.of(account.id()), soon, null),
                "per_test");
        service.update(workspace.id(), edited.id(), edited.version(),
                PostInput.of("second thoughts", List.of(account.id()), soon, null), "per_test");
        service.cancel(workspace.id(), cancelled.id(), false, "per_test");
        await(() -> reload(edited).state() == PostState.PUBLISHED, "the edited post is published");
        sleep(500);
        assertEquals(List.of("second thoughts"), connector.calls.stream().map(RecordingConnector.Call::text).toList());
        assertEquals(PostState.CANCELLED, reload(cancelled).state());
    }

    @Test
    void retriesWhatFailedBeforeSendingThenGivesUp() {
        connector.behave((request, previous) -> {
            if (request.variant().text().startsWith("flaky") && previous < 2) {
                throw new RetryableException("connection refused");
            }
            if (request.variant().text().startsWith("broken")) {
                throw new RetryableException("connection refused");
            }
            return RecordingConnector.Outcome.PUBLISH;
        });
        SchedulingService service = start("node_a", FAST);
        StoredPost flaky = due(service, "flaky");
        StoredPost broken = due(service, "broken");
        await(() -> reload(flaky).state() == PostState.PUBLISHED, "the flaky post is published");
        await(() -> reload(broken).state() == PostState.FAILED, "the broken post failed");
        assertEquals(3, reload(flaky).targets().get(0).attempts());
        assertEquals(3, connector.callsFor(key(broken)), "maxAttempts is 3");
        assertTrue(reload(broken).targets().get(0).error().contains("gave up after 3 attempts"),
                reload(broken).targets().get(0).error());
        assertEquals(1, connector.posts.size());
    }

    @Test
    void publishNowOfAPartlyPublishedPostSendsItAgainOnTheFailedAccountOnly() {
        Account second = store.account(workspace, "rec", "bob");
        connector.behave((request, previous) -> {
            if (request.idempotencyKey().endsWith(second.id()) && previous == 0) {
                throw new RejectedException("the network was having a bad day");
            }
            return RecordingConnector.Outcome.PUBLISH;
        });
        SchedulingService service = start("node_a", FAST);
        StoredPost post = service.create(workspace.id(), PostInput.of("two networks", List.of(account.id(),
                second.id()), Instant.now().toString(), null), "per_test");
        await(() -> reload(post).state() == PostState.FAILED, "published on one account, failed on the other");
        String firstKey = Claim.idempotencyKey(post.id(), account.id());
        String secondKey = Claim.idempotencyKey(post.id(), second.id());
        assertEquals(1, connector.callsFor(firstKey));

        StoredPost again = service.publishNow(workspace.id(), post.id(), "per_test");
        assertEquals(PostState.SCHEDULED, again.state());
        await(() -> reload(post).state() == PostState.PUBLISHED, "published on both");
        assertEquals(1, connector.callsFor(firstKey), "the account where it was published is not sent again");
        assertEquals(2, connector.callsFor(secondKey));
        assertTrue(store.store.posts().history(workspace.id(), post.id()).stream().anyMatch(change ->
                second.id().equals(change.accountId()) && change.from() == PostState.FAILED
                        && change.reason().equals("publish now: the accounts where it failed")));
    }

    @Test
    void waitsAsLongAsTheNetworkAsksWhenRateLimited() {
        connector.behave((request, previous) -> {
            if (previous == 0) {
                throw new RateLimitedException("slow down", Duration.ofMillis(700));
            }
            return RecordingConnector.Outcome.PUBLISH;
        });
        SchedulingService service = start("node_a", FAST);
        StoredPost post = due(service, "patience");
        await(() -> reload(post).state() == PostState.PUBLISHED, "published after the delay");
        List<RecordingConnector.Call> calls = connector.calls;
        assertEquals(2, calls.size());
        assertTrue(Duration.between(calls.get(0).at(), calls.get(1).at()).toMillis() >= 700,
                "second call " + Duration.between(calls.get(0).at(), calls.get(1).at()) + " after the first");
    }

    @Test
    void refusedCredentialsKeepThePostAndMarkTheAccount() {
        connector.behave((request, previous) -> {
            if (previous == 0) {
                throw new AuthExpiredException("token expired");
            }
            return RecordingConnector.Outcome.PUBLISH;
        });
        SchedulingService service = start("node_a", FAST);
        StoredPost post = due(service, "later");
        await(() -> store.store.accounts().find(workspace.id(), account.id()).orElseThrow().status()
                == AccountStatus.NEEDS_RECONNECT, "the account needs reconnection");
        sleep(300);
        assertEquals(PostState.SCHEDULED, reload(post).state(), "the post waits");
        assertEquals(1, connector.calls.size(), "nothing is tried while the account needs reconnection");
        // Reconnected: the post is due (still within the grace window) and goes out on its own.
        store.store.accounts().setStatus(workspace.id(), account.id(), AccountStatus.CONNECTED);
        await(() -> reload(post).state() == PostState.PUBLISHED, "published once reconnected");
        assertEquals(1, connector.posts.size());
    }

    @Test
    void refusedContentFailsWithTheNetworksWords() {
        connector.behave((request, previous) -> {
            throw new RejectedException("the post contains a banned word");
        });
        SchedulingService service = start("node_a", FAST);
        StoredPost post = due(service, "bad words");
        await(() -> reload(post).state() == PostState.FAILED, "the post failed");
        assertTrue(reload(post).targets().get(0).error().contains("banned word"));
        assertEquals(1, connector.calls.size(), "refused content is not retried");
    }

    @Test
    void theConnectorReadsAttachedMediaFromTheWorkspacesLibrary() {
        byte[] picture = new byte[300_000];
        new Random(7).nextBytes(picture);
        String id = store.store.media().add(workspace.id(), "image/png", picture, "a.png", "a picture", "per_test")
                .id();
        SchedulingService service = start("node_a", FAST);
        StoredPost post = service.create(workspace.id(), new PostInput("with a picture",
                List.of(new Media(id, "", 0, "")), List.of(account.id()), null,
                Instant.now().toString(), null, false, false, false, null), "per_test");
        await(() -> reload(post).state() == PostState.PUBLISHED, "the post is published");
        List<byte[]> read = connector.mediaRead.get(key(post));
        assertEquals(1, read.size());
        assertArrayEquals(picture, read.get(0));
    }

    @Test
    void aMediumDeletedBeforePublishingFailsThePostNamingIt() {
        String id = store.store.media().add(workspace.id(), "image/png", new byte[] {1, 2, 3}, null, null, "per_test")
                .id();
        SchedulingService service = start("node_a", FAST);
        StoredPost post = service.create(workspace.id(), new PostInput("soon", List.of(new Media(
                id, "", 0, "")), List.of(account.id()), null, Instant.now().plusSeconds(2).toString(), null, false,
                false, false, null), "per_test");
        store.store.media().delete(workspace.id(), id);
        await(() -> reload(post).state() == PostState.FAILED, "the post failed");
        String error = reload(post).targets().get(0).error();
        assertTrue(error.contains(id) && error.contains("media library"), error);
        assertEquals(0, connector.posts.size(), "nothing was published without its picture");
    }

    @Test
    void anUnknownOutcomeIsReconciledNotResent() {
        connector.behave((request, previous) -> previous == 0 && request.variant().text().equals("sent")
                ? RecordingConnector.Outcome.PUBLISH_THEN_LOSE_ANSWER
                : RecordingConnector.Outcome.PUBLISH);
        SchedulingService service = start("node_a", FAST);
        StoredPost sent = due(service, "sent");
        await(() -> reload(sent).state() == PostState.PUBLISHED, "found by reconciliation");
        assertEquals(1, connector.callsFor(key(sent)), "reconciliation found it: no second publish");
        assertEquals("rec:" + key(sent), reload(sent).targets().get(0).remoteId());
    }

    @Test
    void aReconciliationThatGetsNoAnswerNeverLeadsToASecondSend() {
        // The first send loses its answer; then the network cannot be asked (rate limited, then down) twice.
        connector.behave((request, previous) -> previous == 0
                ? RecordingConnector.Outcome.PUBLISH_THEN_LOSE_ANSWER : RecordingConnector.Outcome.PUBLISH);
        connector.behaveOnReconcile((key, previous) -> {
            if (previous == 0) {
                throw new io.atelier.api.platform.RateLimitedException("slow down", Duration.ofMillis(100));
            }
            if (previous == 1) {
                throw new io.atelier.api.platform.RetryableException("connection refused");
            }
        });
        SchedulingService service = start("node_a", FAST);
        StoredPost post = due(service, "asked three times");
        await(() -> reload(post).state() == PostState.PUBLISHED, "found by the third reconciliation");
        assertEquals(1, connector.callsFor(key(post)), "sent once: an unanswered reconciliation is not a no");
        assertTrue(connector.reconcileCalls() >= 3, "asked until the network answered");
        assertTrue(store.store.posts().history(workspace.id(), post.id()).stream()
                .anyMatch(change -> change.reason().contains("could not be asked whether it has the post")));
    }

    @Test
    void aConnectorThatThrowsIsIsolatedAndNothingIsLost() {
        connector.behave((request, previous) -> {
            if (previous == 0) {
                throw new IllegalStateException("plugin bug");
            }
            return RecordingConnector.Outcome.PUBLISH;
        });
        SchedulingService service = start("node_a", FAST);
        StoredPost post = due(service, "buggy");
        await(() -> reload(post).state() == PostState.PUBLISHED, "published after reconciliation found nothing");
        assertEquals(2, connector.callsFor(key(post)));
        assertEquals(1, connector.posts.size());
    }

    @Test
    void aConnectorThatHangsIsGivenUpOnAndItsOtherAccountsKeepPublishing() throws Exception {
        DispatcherSettings impatient = new DispatcherSettings(true, FAST.lease(), FAST.grace(), FAST.batch(),
                FAST.maxAttempts(), FAST.retryBase(), FAST.retryMax(), FAST.patience(), FAST.idlePoll(),
                Duration.ofSeconds(1));
        CountDownLatch released = new CountDownLatch(1);
        connector.behave((request, previous) -> {
            if (request.variant().text().equals("hangs") && previous == 0) {
                // A connector that ignores interruption, as a buggy plugin would.
                while (true) {
                    try {
                        released.await();
                        break;
                    } catch (InterruptedException ignored) {
                        // keeps hanging
                    }
                }
            }
            return RecordingConnector.Outcome.PUBLISH;
        });
        Account other = store.account(workspace, "rec", "other");
        SchedulingService service = start("node_a", impatient);
        try {
            StoredPost hung = due(service, "hangs");
            await(() -> connector.callsFor(key(hung)) == 1, "the call that hangs has begun");
            StoredPost meanwhile = service.create(workspace.id(), PostInput.of("meanwhile", List.of(other.id()),
                    Instant.now().toString(), null), "per_test");
            await(() -> reload(meanwhile).state() == PostState.PUBLISHED, "another account publishes meanwhile");

            await(() -> reload(hung).state() == PostState.PUBLISHED,
                    "given up on, asked about, then published by a second call");
            assertEquals(2, connector.callsFor(key(hung)));
            assertTrue(store.store.posts().history(workspace.id(), hung.id()).stream()
                    .anyMatch(change -> change.reason() != null && change.reason().contains(
                            "did not answer within 1 seconds; the call was given up on")),
                    "the history says why");
        } finally {
            released.countDown();
        }
        // The late answer of the first call changes nothing.
        sleep(300);
        assertEquals(2, connector.posts.size());
    }

    @Test
    void aRestartReconcilesWhatWasLeftPublishing() {
        StoredPost published = store.store.posts().create(workspace.id(), plan("was sent", Instant.now()));
        StoredPost unsent = store.store.posts().create(workspace.id(), plan("was not sent", Instant.now()));
        // A node wrote PUBLISHING for both, sent the first, and died before recording anything.
        List<Claim> claims = store.store.dispatch().claimDue("node_a", Instant.now().plusSeconds(1),
                Instant.now().plusSeconds(600), Set.of("rec"), Set.of(), 10);
        assertEquals(2, claims.size());
        connector.posts.put(key(published), new io.atelier.api.platform.PublishResult("rec:early", null, Instant.now()));
        assertEquals(PostState.PUBLISHING, reload(published).state());

        start("node_a", FAST);
        await(() -> reload(published).state() == PostState.PUBLISHED && reload(unsent).state() == PostState.PUBLISHED,
                "both are published after the restart");
        assertEquals("rec:early", reload(published).targets().get(0).remoteId());
        assertEquals(0, connector.callsFor(key(published)), "what was sent is not sent again");
        assertEquals(1, connector.callsFor(key(unsent)));
    }

    @Test
    void anotherNodeTakesOverADeadNodesLeases() {
        StoredPost post = store.store.posts().create(workspace.id(), plan("orphan", Instant.now()));
        store.store.dispatch().claimDue("node_dead", Instant.now().plusSeconds(1), Instant.now().plusMillis(300),
                Set.of("rec"), Set.of(), 10);
        start("node_b", FAST);
        await(() -> reload(post).state() == PostState.PUBLISHED, "taken over once the lease expired");
        assertEquals(1, connector.calls.size());
    }

    @Test
    void postsTooLateAfterDowntimeAreMarkedMissed() {
        StoredPost late = store.store.posts().create(workspace.id(), plan("too late", Instant.now().minusSeconds(7200)));
        StoredPost recent = store.store.posts().create(workspace.id(), plan("still fine", Instant.now().minusSeconds(600)));
        start("node_a", FAST);
        await(() -> reload(recent).state() == PostState.PUBLISHED, "a post within the grace window is published");
        await(() -> reload(late).state() == PostState.FAILED, "a post past the grace window is missed");
        assertTrue(reload(late).targets().get(0).error().startsWith("missed"), reload(late).targets().get(0).error());
        assertEquals(0, connector.callsFor(key(late)));
    }

    @Test
    void oneAccountIsPublishedOneCallAtATimeWhileAccountsRunInParallel() {
        postsOnAccountsOfOneCallAtATime(4, 20, "node_a");
        assertTrue(connector.maxRunning > 1, "accounts run in parallel, at most " + connector.maxRunning);
    }

    @Test
    void thePerMinuteLimitOfAnAccountHoldsTheRestBack() {
        fiveDueOnAnAccountAllowedThreeAMinute("node_a");
    }

    @Test
    void anAccountIsPublishedOneCallAtATimeWhateverTheNumberOfNodes() {
        postsOnAccountsOfOneCallAtATime(3, 30, "node_a", "node_b", "node_c");
    }

    /**
     * {@code posts} due at once, spread over {@code accounts} new accounts of the test
     * platform (one call at a time per account), with a dispatcher on each of {@code nodes}:
     * each published once, never two calls at once for one account.
     */
    private void postsOnAccountsOfOneCallAtATime(int accounts, int posts, String... nodes) {
        connector.callMillis = 40;
        List<Account> created = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            created.add(store.account(workspace, "rec", "account" + i));
        }
        List<SchedulingService> services = new ArrayList<>();
        for (String node : nodes) {
            services.add(start(node, FAST));
        }
        List<StoredPost> due = new ArrayList<>();
        String at = Instant.now().plusSeconds(1).toString();
        for (int i = 0; i < posts; i++) {
            due.add(services.get(0).create(workspace.id(), PostInput.of("post " + i,
                    List.of(created.get(i % accounts).id()), at, null), "per_test"));
        }
        await(() -> due.stream().allMatch(p -> reload(p).state() == PostState.PUBLISHED), "all are published");
        assertEquals(posts, connector.calls.size(), "each once");
        assertEquals(1, connector.maxRunningPerAccount, "accountConcurrency is 1 on " + nodes.length
                + " node(s): each account is leased to one node at a time");
    }

    @Test
    void thePerMinuteLimitOfAnAccountHoldsAcrossNodes() {
        fiveDueOnAnAccountAllowedThreeAMinute("node_a", "node_b");
    }

    /** Five posts due at once on one account allowed three a minute, with a dispatcher on each of {@code nodes}. */
    private void fiveDueOnAnAccountAllowedThreeAMinute(String... nodes) {
        platforms.clear();
        RecordingConnector limited = new RecordingConnector("rec", new RatePolicy(8, 2, 3));
        platforms.add(new Platforms.Platform(limited, limited.info(), "test"));
        List<SchedulingService> services = new ArrayList<>();
        for (String node : nodes) {
            services.add(start(node, FAST));
        }
        for (int i = 0; i < 5; i++) {
            due(services.get(0), "burst " + i);
        }
        await(() -> limited.calls.size() == 3, "three are published at once");
        sleep(1500);
        assertEquals(3, limited.calls.size(), "the other two wait for the next minute, on every node");
    }

    private PostRepository.Plan plan(String text, Instant at) {
        return new PostRepository.Plan(PostState.SCHEDULED, at, workspace.zone(), null,
                List.of(new PostVariant(account.id(), text, null, null)), "per_test", "created");
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            sleep(20);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
