package io.atelier.monitoring.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.monitoring.MentionSource;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;
import io.atelier.monitoring.internal.moderation.Moderator;
import io.atelier.monitoring.internal.moderation.Moderator.Decided;
import io.atelier.scheduling.Platforms;
import io.atelier.scheduling.Platforms.Platform;
import io.atelier.store.AccountRepository;
import io.atelier.store.MediaRepository;
import io.atelier.store.ListeningRepository;
import io.atelier.store.ListeningRepository.Incoming;
import io.atelier.store.ListeningRepository.Lease;
import io.atelier.store.ListeningRepository.Source;
import io.atelier.store.ListeningRepository.StoredMention;
import io.atelier.store.StoredAccountContext;

/**
 * Polls the sources this node holds a lease on. Each poll runs on a thread of its
 * own with a deadline: a source that hangs past it is abandoned and marked failing
 * with that reason, and a source that throws (anything, even an error of its
 * plugin) is marked failing with its message; the other sources go on. A source that
 * keeps failing is polled again after pauses that double up to a ceiling, with
 * jitter; one that is rate-limited waits what the network asked.
 */
final class Poller {

    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    /** How often accounts added since are given their listening source. */
    private static final Duration HOUSEKEEPING = Duration.ofSeconds(15);
    /** An answer still sending after this long was being sent by a node that stopped. */
    static final Duration ABANDONED_REPLY = Duration.ofMinutes(10);

    private final ListeningRepository listening;
    private final AccountRepository accounts;
    private final MediaRepository media;
    private final Platforms platforms;
    private final PluginsById<MentionSource> sources;
    private final Enrichers enrichers;
    private final CompiledQueries queries;
    private final Moderator moderator;
    private final Runnable housekeeping;
    private final String node;
    private final ListeningSettings settings;
    private final Clock clock;
    private final ExecutorService polls;
    private final AtomicInteger busy = new AtomicInteger();
    private Instant lastHousekeeping = Instant.EPOCH;
    private final Loop loop = new Loop("atelier-listening", Duration.ofSeconds(1), Duration.ofSeconds(5),
            () -> round(false));

    Poller(ListeningRepository listening, AccountRepository accounts, MediaRepository media, Platforms platforms,
            PluginsById<MentionSource> sources, Enrichers enrichers, CompiledQueries queries, Moderator moderator,
            Runnable housekeeping, String node,
            ListeningSettings settings, Clock clock) {
        this.listening = listening;
        this.accounts = accounts;
        this.media = media;
        this.platforms = platforms;
        this.sources = sources;
        this.enrichers = enrichers;
        this.queries = queries;
        this.moderator = moderator;
        this.housekeeping = housekeeping;
        this.node = node;
        this.settings = settings;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.polls = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "atelier-listening-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts polling every second on a thread of its own. */
    void start() {
        loop.start();
    }

    void stop() {
        loop.stop();
        polls.shutdownNow();
    }

    /**
     * One round: housekeeping when due, then a lease on as many due sources as there
     * are free poll slots. Without {@code wait}, the polls run in the background.
     *
     * @return how many sources were leased
     */
    int round(boolean wait) throws InterruptedException {
        Instant now = clock.instant();
        if (wait || !now.isBefore(lastHousekeeping.plus(HOUSEKEEPING))) {
            lastHousekeeping = now;
            housekeep(now);
        }
        int free = settings.concurrency() - busy.get();
        if (free <= 0) {
            return 0;
        }
        // A lease outlives the poll's deadline, so no other node takes a source that is still being polled.
        List<Lease> leases = listening.claim(node, now, now.plus(settings.timeout().multipliedBy(2)), free);
        if (leases.isEmpty()) {
            return 0;
        }
        queries.refresh();
        List<Future<?>> started = new ArrayList<>();
        for (Lease lease : leases) {
            busy.incrementAndGet();
            started.add(polls.submit(() -> {
                try {
                    poll(lease);
                } catch (RuntimeException e) {
                    // The store failed while saving: the lease runs out and the source is polled again.
                    LOG.warn("The poll of source {} could not be saved; it is polled again once its lease ends",
                            lease.source().id(), e);
                } finally {
                    busy.decrementAndGet();
                }
            }));
        }
        if (wait) {
            for (Future<?> poll : started) {
                try {
                    poll.get();
                } catch (ExecutionException e) {
                    LOG.warn("A poll failed unexpectedly", e.getCause());
                }
            }
        }
        return leases.size();
    }

    private void housekeep(Instant now) {
        Set<String> listeningPlatforms = platforms.all().stream()
                .filter(p -> p.info().capabilities().contains(Capability.MENTIONS))
                .map(p -> p.info().id()).collect(Collectors.toSet());
        int added = listening.addAccountSources(listeningPlatforms, now);
        if (added > 0) {
            LOG.info("Listening to {} more account(s)", added);
        }
        housekeeping.run();
    }

    /** Polls one leased source and saves what it gave, or records why it failed. */
    private void poll(Lease lease) {
        Source source = lease.source();
        Instant started = clock.instant();
        MentionPage page;
        try {
            page = fetch(lease);
        } catch (PollFailure e) {
            fail(source, e.getMessage(), e.retryAfter);
            return;
        }
        List<Incoming> incoming = new ArrayList<>(page.mentions().size());
        boolean account = ListeningRepository.ACCOUNT_KIND.equals(source.kind());
        for (Mention mention : page.mentions()) {
            if (mention == null) {
                continue;
            }
            Mention enriched = enrichers.enrich(mention);
            List<String> matched = queries.match(source.workspaceId(), enriched);
            incoming.add(new Incoming(enriched, matched, account || !matched.isEmpty()));
        }
        Decided decided = moderator.moderate(source.workspaceId(), source.id(), incoming);
        Instant now = clock.instant();
        Optional<List<StoredMention>> saved = listening.completePoll(source.id(), node, page.nextCursor(),
                decided.incoming(), now, next(now, settings.interval()));
        saved.ifPresent(stored -> moderator.afterSave(source.workspaceId(), stored, decided, now));
        if (saved.isEmpty()) {
            LOG.info("Source {} was taken over by another node during a poll of {} ms; its result is dropped",
                    source.id(), Duration.between(started, now).toMillis());
        }
    }

    /** What the source gives, within the deadline. */
    private MentionPage fetch(Lease lease) throws PollFailure {
        Source source = lease.source();
        Future<MentionPage> future = polls.submit(callFor(lease));
        try {
            MentionPage page = future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (page == null) {
                throw new PollFailure("the source returned nothing (not even an empty page)", null);
            }
            return page;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new PollFailure("the source did not answer within " + settings.timeout().toSeconds() + " s", null);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new PollFailure("the poll was interrupted (the node is stopping)", Duration.ZERO);
        } catch (ExecutionException e) {
            throw failure(source, e.getCause());
        }
    }

    /** What a poll calls, on its own thread. */
    private Callable<MentionPage> callFor(Lease lease) {
        Source source = lease.source();
        if (ListeningRepository.ACCOUNT_KIND.equals(source.kind())) {
            return () -> {
                Account account = accounts.find(source.workspaceId(), source.accountId()).orElseThrow(
                        () -> new PollFailure("the account is gone", null));
                if (account.status() == AccountStatus.NEEDS_RECONNECT) {
                    throw new PollFailure("the account needs reconnecting in Accounts", null);
                }
                Platform platform = platforms.find(account.platform()).orElseThrow(() -> new PollFailure(
                        "no installed plugin provides the platform " + account.platform(), null));
                if (!platform.info().capabilities().contains(Capability.MENTIONS)) {
                    throw new PollFailure("the plugin of " + account.platform() + " no longer reports mentions", null);
                }
                return platform.connector().mentions(lease.cursor(),
                        StoredAccountContext.stored(accounts, media, account));
            };
        }
        return () -> {
            MentionSource plugin = sources.find(source.kind()).orElseThrow(() -> new PollFailure(
                    "no installed plugin provides the source kind " + source.kind(), null));
            return plugin.poll(lease.settings().asMap(), lease.cursor());
        };
    }

    private PollFailure failure(Source source, Throwable cause) {
        if (cause instanceof PollFailure failure) {
            return failure;
        }
        if (cause instanceof RateLimitedException limited) {
            return new PollFailure("rate-limited by the network: " + limited.getMessage(), limited.retryAfter());
        }
        if (cause instanceof AuthExpiredException) {
            markNeedsReconnect(source);
            return new PollFailure("the network refused the account's credentials: reconnect it in Accounts", null);
        }
        if (cause instanceof PlatformException) {
            return new PollFailure(cause.getMessage(), null);
        }
        LOG.warn("Source {} ({}) failed with an unexpected error", source.id(), source.kind(), cause);
        return new PollFailure(cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), null);
    }

    private void markNeedsReconnect(Source source) {
        if (source.accountId() != null) {
            accounts.setStatus(source.workspaceId(), source.accountId(), AccountStatus.NEEDS_RECONNECT);
        }
    }

    private void fail(Source source, String reason, Duration retryAfter) {
        Instant now = clock.instant();
        Duration pause;
        if (retryAfter != null) {
            pause = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
        } else {
            int doublings = Math.min(source.failures(), 20);
            pause = settings.interval().multipliedBy(1L << doublings);
            if (pause.compareTo(settings.maxBackoff()) > 0) {
                pause = settings.maxBackoff();
            }
        }
        LOG.info("Source {} ({}) failed: {}", source.id(), source.kind(), reason);
        listening.failPoll(source.id(), node, reason == null ? "unknown failure" : reason, now, next(now, pause));
    }

    /** {@code now} plus {@code pause} give or take a tenth, so sources added together spread out. */
    private static Instant next(Instant now, Duration pause) {
        long millis = pause.toMillis();
        long jitter = millis / 10;
        return now.plusMillis(jitter == 0 ? millis : millis - jitter
                + ThreadLocalRandom.current().nextLong(2 * jitter + 1));
    }

    /** Why a poll failed, in words for the person who reads the source's status. */
    static final class PollFailure extends Exception {

        private static final long serialVersionUID = 1L;
        private final transient Duration retryAfter;

        PollFailure(String message, Duration retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }
    }
}
