package io.atelier.platform.feeds.internal;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.atelier.sdk.connector.http.AddressKind;

/**
 * How this node fetches feeds, from {@link FeedSourceConfig} (or set directly in tests).
 *
 * @param allowed        kinds of address allowed besides public ones (first requests and redirects)
 * @param maxBytes       the largest body read
 * @param connectTimeout the longest wait for a connection
 * @param timeout        the longest wait for the whole answer, body included
 * @param remembered     entries per feed whose ids the cursor keeps
 */
record FeedOptions(Set<AddressKind> allowed, long maxBytes, Duration connectTimeout, Duration timeout,
        int remembered) {

    static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    static final int DEFAULT_REMEMBERED = 1000;

    FeedOptions {
        allowed = allowed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowed));
        if (maxBytes < 1) {
            throw new IllegalArgumentException(FeedSourceConfig.FILE + ": maxBytes must be positive, not " + maxBytes);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException(FeedSourceConfig.FILE + ": connectTimeoutSeconds must be positive");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(FeedSourceConfig.FILE + ": timeoutSeconds must be positive");
        }
        if (remembered < 1 || remembered > 100_000) {
            throw new IllegalArgumentException(FeedSourceConfig.FILE + ": rememberedEntries must be between 1 and"
                    + " 100000, not " + remembered);
        }
    }

    /** Public addresses only, 10 MB, 10 s to connect, 30 s per answer, 1,000 remembered entries. */
    static FeedOptions defaults() {
        return new FeedOptions(Set.of(), DEFAULT_MAX_BYTES, Duration.ofSeconds(10), Duration.ofSeconds(30),
                DEFAULT_REMEMBERED);
    }

    static FeedOptions from(FeedSourceConfig config) {
        return new FeedOptions(kinds(config.allowAddresses()), config.maxBytes(),
                Duration.ofSeconds(config.connectTimeoutSeconds()), Duration.ofSeconds(config.timeoutSeconds()),
                config.rememberedEntries());
    }

    /** The kinds named in {@code values}, each of which may itself be a comma-separated list. */
    static Set<AddressKind> kinds(String[] values) {
        Set<AddressKind> kinds = EnumSet.noneOf(AddressKind.class);
        for (String value : values == null ? new String[0] : values) {
            for (String name : value.split(",")) {
                String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
                if (n.isEmpty()) {
                    continue;
                }
                try {
                    kinds.add(AddressKind.valueOf(n));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(FeedSourceConfig.FILE + ": allowAddresses names \"" + name.trim()
                            + "\", which is none of loopback, private, link_local, multicast, unspecified", e);
                }
            }
        }
        kinds.remove(AddressKind.PUBLIC);
        return kinds;
    }

    FeedOptions withAllowed(AddressKind... kinds) {
        return new FeedOptions(kinds.length == 0 ? Set.of() : EnumSet.of(kinds[0], kinds), maxBytes, connectTimeout,
                timeout, remembered);
    }

    FeedOptions withMaxBytes(long max) {
        return new FeedOptions(allowed, max, connectTimeout, timeout, remembered);
    }

    FeedOptions withTimeout(Duration answer) {
        return new FeedOptions(allowed, maxBytes, connectTimeout, answer, remembered);
    }

    FeedOptions withRemembered(int entries) {
        return new FeedOptions(allowed, maxBytes, connectTimeout, timeout, entries);
    }
}
