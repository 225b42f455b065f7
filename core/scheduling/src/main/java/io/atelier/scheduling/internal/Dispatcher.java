package io.atelier.scheduling.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.scheduling.Platforms.Platform;
import io.atelier.store.AccountRepository;
import io.atelier.store.DispatchRepository;
import io.atelier.store.DispatchRepository.Claim;
import io.atelier.store.DispatchRepository.ClaimRequest;
import io.atelier.store.DispatchRepository.Outcome;
import io.atelier.store.DispatchRepository.Round;
import io.atelier.store.DispatchRepository.TargetRef;
import io.atelier.store.MediaRepository;
import io.atelier.store.StoredAccountContext;

/**
 * Publishes due posts, exactly once, on this node.
 *
 * <p>One loop thread talks to the store: it renews the leases of targets still in
 * hand, marks missed posts, and in each round records the outcomes of finished calls
 * and claims due targets — one short transaction that writes {@code PUBLISHING}
 * durably before any connector is called. The calls themselves run on a pool, within each
 * platform's and each account's {@link RatePolicy}: a claim never takes more than a
 * platform's free concurrency, accounts at their limit are left out of the claim,
 * and the few claimed beyond an account's limit wait in that account's lane. Where an
 * account's limits bind, the account is leased to one node at a time, so they hold
 * across nodes ({@link #exclusive}).
 *
 * <p>What a call's failure means is decided here, once: failed before sending →
 * retried with exponential backoff and jitter; rate limited → retried after the
 * network's delay; credentials refused → the account needs reconnection and keeps
 * its posts; refused content → failed; unknown outcome, or a connector that throws
 * something unexpected → reconciled later, never re-sent blindly. A reconciliation
 * that cannot get an answer, whatever the reason, leaves the outcome unknown: only
 * a network that says it does not have the post lets it be sent again.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final long STOP_WAIT_SECONDS = 10;
    /** The pause of a loop that found due targets it could not take. */
    private static final Duration BUSY_PAUSE = Duration.ofMillis(20);

    private final DispatchRepository dispatch;
    private final AccountRepository accounts;
    private final MediaRepository media;
    private final Supplier<List<Platform>> platforms;
    private final String node;
    private final DispatcherSettings settings;
    private final Clock clock;

    /** Outcomes of finished calls, recorded by the loop in batches. */
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    /** Calls in flight or waiting per platform; touched by the loop and, on completion, by pool threads. */
    private final Map<String, AtomicInteger> platformLoad = new HashMap<>();
    /** Per account: what runs and what waits; guarded by {@code lanes}. */
    private final Map<String, Lane> lanes = new HashMap<>();
    /**
     * Accounts of exclusive platforms ({@link #exclusive}) this node forgot, whose leases
     * the next round gives back, by platform; guarded by {@code lanes}.
     */
    private final Map<String, Set<String>> toRelease = new HashMap<>();
    /** Targets this node holds, for lease renewal; guarded by {@code lanes}. */
    private final Set<TargetRef> held = new HashSet<>();

    private volatile boolean running;
    private volatile Thread loop;
    private ExecutorService pool;
    /** Gives up on calls that outlive {@code callTimeout}. */
    private ScheduledExecutorService watchdog;

    Dispatcher(DispatchRepository dispatch, AccountRepository accounts, MediaRepository media,
            Supplier<List<Platform>> platforms, String node, DispatcherSettings settings, Clock clock) {
        this.dispatch = dispatch;
        this.accounts = accounts;
        this.media = media;
        this.platforms = platforms;
        this.node = node;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts the loop thread and the call pool. */
    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        AtomicInteger threads = new AtomicInteger();
        pool = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "atelier-publish-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "atelier-publish-watchdog");
            t.setDaemon(true);
            return t;
        });
        Thread thread = new Thread(this::run, "atelier-dispatcher");
        thread.setDaemon(true);
        loop = thread;
        thread.start();
    }

    /**
     * Stops claiming, lets calls in flight finish for a while and records their
     * outcomes. Targets still in hand stay {@code PUBLISHING}: the next start (or
     * another node, once the lease expires) reconciles them.
     */
    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        Thread thread = loop;
        LockSupport.unpark(thread);
        try {
            // The loop first, so a claim it is making still reaches the pool; then the calls in flight.
            thread.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
            pool.shutdown();
            if (!pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
        watchdog.shutdownNow();
        flushOutcomes();
    }

    /** Something may be due sooner than the loop thought (a post was added or published now). */
    void wake() {
        Thread thread = loop;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        boolean firstRound = true;
        Instant nextMissedCheck = Instant.MIN;
        Instant nextRenewal = clock.instant().plus(settings.lease().dividedBy(3));
        while (running) {
            try {
                Instant now = clock.instant();
                if (!now.isBefore(nextMissedCheck)) {
                    markMissed(now);
                    nextMissedCheck = now.plusSeconds(10);
                }
                if (!now.isBefore(nextRenewal)) {
                    renewLeases(now);
                    nextRenewal = now.plus(settings.lease().dividedBy(3));
                }
                startWaitingLanes();
                Map<String, Platform> byId = new HashMap<>();
                for (Platform platform : platforms.get()) {
                    byId.put(platform.info().id(), platform);
                }
                int claimed = round(byId, now, firstRound);
                firstRound = false;
                if (claimed == 0 && outcomes.isEmpty()) {
                    sleepUntilDue(byId, now);
                }
            } catch (RuntimeException e) {
                // The store is unreachable or a statement failed: nothing was half-done (each step is
                // one transaction); wait a little and go on.
                LOG.warn("The dispatcher could not reach the store: {}", e.getMessage(), e);
                LockSupport.parkNanos(settings.idlePoll().toNanos() * 4);
            }
        }
    }

    /**
     * Records the outcomes of finished calls and claims what the platforms' free
     * capacity allows, in one transaction; hands the claims to their lanes once it is
     * committed. Returns how many targets were claimed.
     */
    private int round(Map<String, Platform> byId, Instant now, boolean ownToo) {
        List<ClaimRequest> requests = new ArrayList<>();
        for (Platform platform : byId.values()) {
            String id = platform.info().id();
            RatePolicy policy = platform.info().ratePolicy();
            int free = Math.min(settings.batch(), policy.platformConcurrency() - load(id).get());
            if (free > 0) {
                requests.add(new ClaimRequest(id, busyAccounts(policy, now), free, exclusive(policy),
                        releasable(id)));
            }
        }
        List<Outcome> batch = drainOutcomes();
        if (batch.isEmpty() && requests.isEmpty()) {
            return 0;
        }
        Round round;
        try {
            round = dispatch.round(node, now, now.plus(settings.lease()), ownToo, batch, requests);
        } catch (RuntimeException e) {
            // Nothing was recorded or claimed: the outcomes go back, to be recorded at the next round. A crash
            // before that leaves their targets PUBLISHING, which the next start reconciles.
            outcomes.addAll(batch);
            throw e;
        }
        released(batch);
        for (Claim claim : round.claims()) {
            accept(claim, byId.get(claim.account().platform()));
        }
        return round.claims().size();
    }

    /**
     * Whether the platform's accounts are published by one node at a time. A node keeps
     * an account's limits in memory (its lane): where they bind — one call at a time, or
     * so many a minute — the account is leased to one node, so that they hold whatever
     * the number of nodes; the lease is kept while the lane is: while calls run or wait,
     * and, with a rate per minute, until the account's last start is a minute old. A platform that lets an account run several calls at once
     * with no rate per minute is spread over every node, each applying the account's
     * concurrency on its own.
     */
    static boolean exclusive(RatePolicy policy) {
        return policy.accountConcurrency() == 1 || policy.accountPerMinute() > 0;
    }

    /** The accounts of {@code platformId} to give back: forgotten, and not taken up again since. */
    private Set<String> releasable(String platformId) {
        synchronized (lanes) {
            Set<String> forgotten = toRelease.remove(platformId);
            if (forgotten == null) {
                return Set.of();
            }
            forgotten.removeIf(lanes::containsKey);
            return forgotten;
        }
    }

    /** Accounts that can take no more calls now on this node: at their concurrency or their rate per minute. */
    private Set<String> busyAccounts(RatePolicy policy, Instant now) {
        Set<String> busy = new HashSet<>();
        synchronized (lanes) {
            for (Map.Entry<String, Lane> entry : lanes.entrySet()) {
                Lane lane = entry.getValue();
                if (!lane.waiting.isEmpty() || lane.running >= policy.accountConcurrency()
                        || !lane.mayStart(policy, now)) {
                    busy.add(entry.getKey());
                }
            }
        }
        return busy;
    }

    private void accept(Claim claim, Platform platform) {
        load(platform.info().id()).incrementAndGet();
        synchronized (lanes) {
            held.add(new TargetRef(claim.postId(), claim.account().id()));
            Lane lane = lanes.computeIfAbsent(claim.account().id(),
                    k -> new Lane(platform.info().id(), platform.info().ratePolicy()));
            lane.waiting.add(new Job(claim, platform));
            startWaiting(lane, platform.info().ratePolicy());
        }
    }

    /** Starts the waiting claims whose account's rate allows it now, and forgets idle accounts. */
    private void startWaitingLanes() {
        synchronized (lanes) {
            lanes.entrySet().removeIf(entry -> {
                Lane lane = entry.getValue();
                Job next = lane.waiting.peek();
                if (next != null) {
                    startWaiting(lane, next.platform().info().ratePolicy());
                }
                // An account with a rate per minute is remembered until its last start is a minute old.
                boolean idle = lane.running == 0 && lane.waiting.isEmpty() && (!lane.perMinute || lane.starts.isEmpty()
                        || !lane.starts.peekLast().isAfter(clock.instant().minusSeconds(60)));
                if (idle && lane.exclusive) {
                    toRelease.computeIfAbsent(lane.platform, k -> new HashSet<>()).add(entry.getKey());
                }
                return idle;
            });
        }
    }

    /** Starts what the account's limits allow; the caller holds {@code lanes}. */
    private void startWaiting(Lane lane, RatePolicy policy) {
        Instant now = clock.instant();
        while (!lane.waiting.isEmpty() && lane.running < policy.accountConcurrency() && lane.mayStart(policy, now)) {
            Job job = lane.waiting.poll();
            lane.running++;
            lane.starts.add(now);
            Future<?> call = pool.submit(() -> call(job));
            watchdog.schedule(() -> overdue(job, call), settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void call(Job job) {
        Outcome outcome;
        try {
            outcome = publish(job.claim(), job.platform());
        } catch (RuntimeException | LinkageError e) {
            // Never lose a target to a bug: whatever happened, the network is asked before anything is re-sent.
            LOG.warn("Publishing {} on {} failed unexpectedly", job.claim().postId(), job.platform().info().name(), e);
            outcome = unknown(job.claim(), clock.instant(), "unexpected failure: " + e);
        }
        if (!settle(job, outcome)) {
            LOG.warn("{} answered for post {} after it was given up on; the answer is dropped and the network is"
                    + " asked whether it has the post", job.platform().info().name(), job.claim().postId());
        }
    }

    /**
     * A call that outlived {@code callTimeout}: a connector that hangs must not hold its
     * account (nor its post, whose lease this node would renew) for ever. The call is
     * interrupted and the target settled as unknown, so the network is asked before
     * anything is sent again; whatever the call answers later is dropped.
     */
    private void overdue(Job job, Future<?> call) {
        if (job.settled().get()) {
            return;
        }
        call.cancel(true);
        String name = job.platform().info().name();
        LOG.warn("The {} connector did not answer within {} for post {}; the call is given up on", name,
                settings.callTimeout(), job.claim().postId());
        settle(job, unknown(job.claim(), clock.instant(), name + " did not answer within "
                + minutes(settings.callTimeout()) + "; the call was given up on and " + name
                + " is asked whether it has the post"));
    }

    /** Records the job's outcome once: the call's or the watchdog's, whichever comes first. */
    private boolean settle(Job job, Outcome outcome) {
        if (!job.settled().compareAndSet(false, true)) {
            return false;
        }
        outcomes.add(outcome);
        finished(job);
        wake();
        return true;
    }

    private void finished(Job job) {
        load(job.platform().info().id()).decrementAndGet();
        String accountId = job.claim().account().id();
        synchronized (lanes) {
            Lane lane = lanes.get(accountId);
            lane.running--;
            if (running) {
                startWaiting(lane, job.platform().info().ratePolicy());
            }
        }
    }

    /** One target: reconcile first if it was publishing already, then publish; the result as an outcome. */
    Outcome publish(Claim claim, Platform platform) {
        PlatformConnector connector = platform.connector();
        String name = platform.info().name();
        StoredAccountContext context = StoredAccountContext.stored(accounts, media, claim.account());
        String key = claim.idempotencyKey();
        String accountId = claim.account().id();
        Instant now = clock.instant();
        if (claim.reconcile()) {
            Optional<PublishResult> found;
            try {
                found = connector.reconcile(key, context);
            } catch (RateLimitedException e) {
                // Still unknown: asked again after the network's delay, never sent meanwhile.
                return stillUnknown(claim, clock.instant().plus(e.retryAfter()).plus(jitter(Duration.ofSeconds(1))),
                        name + " could not be asked whether it has the post (rate limited): " + e.getMessage());
            } catch (PlatformException e) {
                // Whatever kept the network from answering, the post may be there: ask again later.
                return unknown(claim, clock.instant(), name + " could not be asked whether it has the post: "
                        + e.getMessage());
            }
            if (found.isPresent()) {
                return published(claim, found.get());
            }
            if (claim.dueAt() != null && now.isAfter(claim.dueAt().plus(settings.grace()))) {
                return new DispatchRepository.Failed(claim.postId(), accountId, "missed: the publication was"
                        + " interrupted and " + name + " does not have the post; it is now more than "
                        + minutes(settings.grace()) + " late. Publish it again if it is still wanted.");
            }
        }
        try {
            PublishResult result = connector.publish(new PublishRequest(key, claim.postId(), claim.variant(), null),
                    context);
            return published(claim, result);
        } catch (RateLimitedException e) {
            if (pastPatience(claim, now)) {
                return new DispatchRepository.Failed(claim.postId(), accountId, name + " kept refusing with rate"
                        + " limits until " + minutes(settings.patience()) + " after the due time: " + e.getMessage());
            }
            // From the answer, not from before the call: the network's delay counts from when it said so.
            Instant at = clock.instant().plus(e.retryAfter()).plus(jitter(Duration.ofSeconds(1)));
            return new DispatchRepository.Retry(claim.postId(), accountId, at,
                    "rate limited by " + name + ": " + e.getMessage());
        } catch (RetryableException e) {
            if (claim.attempts() >= settings.maxAttempts()) {
                return new DispatchRepository.Failed(claim.postId(), accountId,
                        "gave up after " + claim.attempts() + " attempts: " + e.getMessage());
            }
            Instant at = clock.instant().plus(backoff(claim.attempts()));
            return new DispatchRepository.Retry(claim.postId(), accountId, at, "not sent, will retry: " + e.getMessage());
        } catch (AuthExpiredException e) {
            return new DispatchRepository.Reconnect(claim.postId(), accountId, name + " refused the account's"
                    + " credentials: reconnect the account; its posts are kept. " + e.getMessage());
        } catch (RejectedException e) {
            return new DispatchRepository.Failed(claim.postId(), accountId,
                    name + " refused the post: " + e.getMessage());
        } catch (OutcomeUnknownException e) {
            return unknown(claim, clock.instant(), e.getMessage());
        } catch (PlatformException e) {
            // The sealed hierarchy has no other kind today; a newer API's kind is treated as the safest one.
            return unknown(claim, clock.instant(), e.getMessage());
        }
    }

    /** Unknown until {@code askAgainAt}, unless patience ran out. */
    private Outcome stillUnknown(Claim claim, Instant askAgainAt, String reason) {
        if (pastPatience(claim, clock.instant())) {
            return unknown(claim, clock.instant(), reason);
        }
        return new DispatchRepository.Unknown(claim.postId(), claim.account().id(), askAgainAt, reason);
    }

    private Outcome unknown(Claim claim, Instant now, String reason) {
        if (pastPatience(claim, now)) {
            return new DispatchRepository.Failed(claim.postId(), claim.account().id(), "could not find out whether"
                    + " it was published (" + reason + "): check the account and publish again if the post is missing");
        }
        return new DispatchRepository.Unknown(claim.postId(), claim.account().id(),
                now.plus(backoff(Math.max(1, claim.attempts()))), "outcome unknown, will check: " + reason);
    }

    private static Outcome published(Claim claim, PublishResult result) {
        return new DispatchRepository.Published(claim.postId(), claim.account().id(), result.remoteId(), result.url(),
                result.publishedAt());
    }

    private boolean pastPatience(Claim claim, Instant now) {
        return claim.dueAt() != null && now.isAfter(claim.dueAt().plus(settings.patience()));
    }

    /** Exponential backoff with jitter: base × 2^(attempt−1), at most the maximum, then ±50 %. */
    Duration backoff(int attempt) {
        long base = settings.retryBase().toMillis();
        long exponential = base << Math.min(20, Math.max(0, attempt - 1));
        long capped = Math.min(exponential, settings.retryMax().toMillis());
        return Duration.ofMillis(capped / 2).plus(jitter(Duration.ofMillis(capped)));
    }

    private static Duration jitter(Duration upTo) {
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, upTo.toMillis())));
    }

    /** Records what is left of the outcomes when the dispatcher stops. */
    private void flushOutcomes() {
        List<Outcome> batch = drainOutcomes();
        if (!batch.isEmpty()) {
            dispatch.complete(node, batch);
            released(batch);
        }
    }

    private List<Outcome> drainOutcomes() {
        List<Outcome> batch = new ArrayList<>();
        for (Outcome o = outcomes.poll(); o != null; o = outcomes.poll()) {
            batch.add(o);
        }
        return batch;
    }

    /** The targets whose outcomes are recorded are no longer held: their leases are not renewed. */
    private void released(List<Outcome> recorded) {
        synchronized (lanes) {
            for (Outcome o : recorded) {
                held.remove(new TargetRef(o.postId(), o.accountId()));
            }
        }
    }

    /** Extends the leases of the targets in hand and of the accounts this node keeps a lane for. */
    private void renewLeases(Instant now) {
        Set<TargetRef> refs;
        Set<String> accounts = new HashSet<>();
        synchronized (lanes) {
            refs = Set.copyOf(held);
            lanes.forEach((account, lane) -> {
                if (lane.exclusive) {
                    accounts.add(account);
                }
            });
        }
        if (!refs.isEmpty() || !accounts.isEmpty()) {
            dispatch.renew(node, refs, accounts, now.plus(settings.lease()));
        }
    }

    private void markMissed(Instant now) {
        int missed = dispatch.markMissed(now.minus(settings.grace()), "missed: it was due more than "
                + minutes(settings.grace()) + " before it could be published (Atelier was not running, or the account"
                + " could not publish); publish it again if it is still wanted");
        if (missed > 0) {
            LOG.warn("{} posts were marked missed: they were due more than {} ago", missed, minutes(settings.grace()));
        }
    }

    private void sleepUntilDue(Map<String, Platform> byId, Instant now) {
        Instant wakeAt = now.plus(settings.idlePoll());
        if (!byId.isEmpty()) {
            Instant next = dispatch.nextDue(byId.keySet());
            if (next != null && next.isBefore(wakeAt)) {
                wakeAt = next;
            }
        }
        // Due targets this node cannot take now (accounts at their limits, or leased to another node): a
        // short pause rather than asking again at once. A call that finishes wakes the loop.
        long nanos = Duration.between(clock.instant(), wakeAt).toNanos();
        if (nanos <= 0) {
            nanos = BUSY_PAUSE.toNanos();
        }
        if (running) {
            LockSupport.parkNanos(nanos);
        }
    }

    private AtomicInteger load(String platformId) {
        synchronized (platformLoad) {
            return platformLoad.computeIfAbsent(platformId, k -> new AtomicInteger());
        }
    }

    private static String minutes(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes == 0) {
            return duration.toSeconds() + " seconds";
        }
        return minutes >= 120 && minutes % 60 == 0 ? minutes / 60 + " hours" : minutes + " minutes";
    }

    /** A claimed target and the connector that publishes it. */
    /** One target to publish; {@code settled} once its outcome is recorded, by the call or the watchdog. */
    private record Job(Claim claim, Platform platform, AtomicBoolean settled) {

        Job(Claim claim, Platform platform) {
            this(claim, platform, new AtomicBoolean());
        }
    }

    /**
     * One account on this node: calls running, claims waiting, and the start times of the
     * last minute; with {@code exclusive}, the node holds the account's lease while the
     * lane lives.
     */
    private static final class Lane {
        final String platform;
        final boolean exclusive;
        /** Whether the account has a rate per minute, whose window the lane must outlive. */
        final boolean perMinute;
        int running;
        final Deque<Job> waiting = new ArrayDeque<>();
        final Deque<Instant> starts = new ArrayDeque<>();

        Lane(String platform, RatePolicy policy) {
            this.platform = platform;
            this.exclusive = exclusive(policy);
            this.perMinute = policy.accountPerMinute() > 0;
        }

        /** Whether the account's per-minute rate allows another start at {@code now}. */
        boolean mayStart(RatePolicy policy, Instant now) {
            Instant windowStart = now.minusSeconds(60);
            while (!starts.isEmpty() && !starts.peekFirst().isAfter(windowStart)) {
                starts.pollFirst();
            }
            return policy.accountPerMinute() == 0 || starts.size() < policy.accountPerMinute();
        }
    }
}
