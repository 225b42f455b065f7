package io.atelier.scheduling.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;

/**
 * A connector for tests that keeps what it "published" in memory, like a network
 * would: every publish call is recorded (so a duplicate shows), a post exists once
 * per idempotency key, and {@link Behaviour} decides what each call does — succeed,
 * throw one of the typed errors, or publish and then lose the answer. It reads the
 * content of attached media through the account context, as a real network's
 * connector uploads it, and keeps what it read.
 */
final class RecordingConnector implements PlatformConnector {

    /** What a publish call does, given the request and how many calls came before for its key. */
    @FunctionalInterface
    interface Behaviour {
        Outcome on(PublishRequest request, int previousCalls) throws PlatformException;
    }

    /** What the network does with a call: keep the post or not, and answer or fail afterwards. */
    enum Outcome { PUBLISH, PUBLISH_THEN_LOSE_ANSWER }

    final String id;
    private final RatePolicy policy;
    private volatile Behaviour behaviour = (request, previous) -> Outcome.PUBLISH;
    /** Every publish call, in order, with the time it was made. */
    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** What exists on the "network", by idempotency key. */
    final Map<String, PublishResult> posts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> callsPerKey = new ConcurrentHashMap<>();
    /** The content of the media each publish call read, by idempotency key. */
    final Map<String, List<byte[]>> mediaRead = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final Map<String, AtomicInteger> runningPerAccount = new ConcurrentHashMap<>();
    volatile int maxRunning;
    volatile int maxRunningPerAccount;
    volatile long callMillis;

    record Call(String key, String text, String accountId, Instant at) {
    }

    RecordingConnector(String id, RatePolicy policy) {
        this.id = id;
        this.policy = policy;
    }

    RecordingConnector behave(Behaviour next) {
        this.behaviour = next;
        return this;
    }

    @Override
    public PlatformInfo info() {
        return new PlatformInfo(id, "Recorder " + id, Set.of(Capability.PUBLISH),
                Limits.textOnly(50, LengthRule.CODE_POINTS), CredentialForm.none(), policy);
    }

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        return variant.text().codePointCount(0, variant.text().length()) > 50
                ? List.of(new Problem("text", "text is longer than 50 characters"))
                : List.of();
    }

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) throws PlatformException {
        String accountId = account.account().id();
        int now = running.incrementAndGet();
        int nowForAccount = runningPerAccount.computeIfAbsent(accountId, k -> new AtomicInteger()).incrementAndGet();
        synchronized (this) {
            maxRunning = Math.max(maxRunning, now);
            maxRunningPerAccount = Math.max(maxRunningPerAccount, nowForAccount);
        }
        try {
            int previous = callsPerKey.computeIfAbsent(request.idempotencyKey(), k -> new AtomicInteger())
                    .getAndIncrement();
            calls.add(new Call(request.idempotencyKey(), request.variant().text(), accountId, Instant.now()));
            List<byte[]> read = new ArrayList<>();
            for (Media media : request.variant().media()) {
                try {
                    read.add(account.media(media));
                } catch (IOException e) {
                    throw new RejectedException("media cannot be read: " + e.getMessage(), e);
                }
            }
            mediaRead.put(request.idempotencyKey(), read);
            if (callMillis > 0) {
                Thread.sleep(callMillis);
            }
            Outcome outcome = behaviour.on(request, previous);
            PublishResult result = posts.computeIfAbsent(request.idempotencyKey(),
                    key -> new PublishResult("rec:" + key, "https://example.test/" + key, Instant.now()));
            if (outcome == Outcome.PUBLISH_THEN_LOSE_ANSWER) {
                throw new OutcomeUnknownException("the connection dropped after sending");
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutcomeUnknownException("interrupted");
        } finally {
            running.decrementAndGet();
            runningPerAccount.get(accountId).decrementAndGet();
        }
    }

    /** What a reconcile call does before it looks: nothing, or throw (how many calls came before is given). */
    @FunctionalInterface
    interface ReconcileBehaviour {
        void on(String idempotencyKey, int previousCalls) throws PlatformException;
    }

    private volatile ReconcileBehaviour reconcileBehaviour = (key, previous) -> { };
    private final AtomicInteger reconcileCalls = new AtomicInteger();

    RecordingConnector behaveOnReconcile(ReconcileBehaviour next) {
        this.reconcileBehaviour = next;
        return this;
    }

    /** How many reconcile calls were made. */
    int reconcileCalls() {
        return reconcileCalls.get();
    }

    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account)
            throws PlatformException {
        reconcileBehaviour.on(idempotencyKey, reconcileCalls.getAndIncrement());
        return Optional.ofNullable(posts.get(idempotencyKey));
    }

    /** How many publish calls were made for {@code key}. */
    int callsFor(String key) {
        AtomicInteger count = callsPerKey.get(key);
        return count == null ? 0 : count.get();
    }
}
