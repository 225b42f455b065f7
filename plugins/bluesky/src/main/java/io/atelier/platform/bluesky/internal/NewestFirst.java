package io.atelier.platform.bluesky.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.atelier.api.platform.PlatformException;
import io.atelier.platform.bluesky.internal.Sessions.Outcome;

/**
 * Reads a listing that the AppView serves newest first, page by page with the
 * listing's own cursor — an account's notifications, a search's latest posts —
 * down to where the previous read left off, and returns what it had not returned
 * before, oldest first, with the {@link MentionCursor} to resume from.
 * <p>
 * The AppView orders such listings by the <em>earlier</em> of a post's
 * {@code createdAt} (the author's clock) and the moment it indexed it, so a post
 * indexed late, or written on a device whose clock is behind, lands below entries
 * already seen. A read therefore pages back until it passes the newest time seen
 * less a look-back window, at most {@code maxPages} pages, and skips by digest
 * what it returned before; entries of equal time are told apart by their digests
 * too, so a tie is neither returned twice nor lost. The first read (no cursor)
 * takes the newest page only and records its oldest time as a floor, so older
 * history never comes later; when the listing is empty, everything that arrives
 * afterwards is read ({@link MentionCursor#FROM_THE_START}).
 */
final class NewestFirst {

    /**
     * One entry of a page.
     *
     * @param uri    the AT URI of the post it is about, its identity
     * @param at     its time in the listing's order; {@code null} when the AppView gave none (skipped)
     * @param wanted whether it is returned (a mention) or only moves the cursor (a like)
     * @param value  what the caller turns into a mention
     */
    record Entry<T>(String uri, Instant at, boolean wanted, T value) {
    }

    /** A page, newest first, and the listing's cursor to the next (older) one, empty after the last. */
    record Page<T>(List<Entry<T>> entries, Optional<String> next) {
    }

    /** How a listing is read: the page at the listing's {@code cursor} ({@code null}: the newest). */
    @FunctionalInterface
    interface Pages<T> {
        Outcome<Page<T>> read(String cursor) throws PlatformException;
    }

    /** What one read found: the entries not returned before, oldest first, and where the next read resumes. */
    record Read<T>(List<Entry<T>> fresh, MentionCursor next) {
    }

    private final int pageSize;
    private final int maxPages;
    private final Duration lookback;
    private final int maxSeen;

    /**
     * @param pageSize entries a page holds when more follow (tells a first page that left history behind)
     * @param maxPages pages read in one read; past that, older entries in the window are not read
     * @param lookback how far below the newest time seen a late or back-dated entry is still found
     * @param maxSeen  digests kept in a cursor at most (about 13 characters each)
     */
    NewestFirst(int pageSize, int maxPages, Duration lookback, int maxSeen) {
        this.pageSize = pageSize;
        this.maxPages = maxPages;
        this.lookback = lookback;
        this.maxSeen = maxSeen;
    }

    /** One read after {@code cursor}, or the first read when it is {@code null}. */
    <T> Outcome<Read<T>> read(Pages<T> pages, MentionCursor cursor) throws PlatformException {
        boolean first = cursor == null;
        Instant lowest = first || cursor.since() == null ? null : cursor.since().minus(lookback);
        Instant floor = first ? null : cursor.floor();
        Instant newest = first ? null : cursor.since();
        Instant oldestSeen = null;
        boolean firstPageFull = false;
        // Each post once (a reply that also mentions the account may come as two notifications).
        Map<String, Entry<T>> relevant = new LinkedHashMap<>();
        String page = null;
        for (int i = 0; i < maxPages; i++) {
            Outcome<Page<T>> o = pages.read(page);
            if (o.tokenRejected()) {
                return Outcome.rejected();
            }
            boolean passedFloor = false;
            for (Entry<T> e : o.value().entries()) {
                Instant at = e.at();
                if (at == null) {
                    continue;
                }
                if (oldestSeen == null || at.isBefore(oldestSeen)) {
                    oldestSeen = at;
                }
                if (lowest != null && at.isBefore(lowest) || floor != null && !at.isAfter(floor)) {
                    passedFloor = true;
                    continue;
                }
                if (newest == null || at.isAfter(newest)) {
                    newest = at;
                }
                if (e.uri() != null && e.wanted()) {
                    relevant.putIfAbsent(e.uri(), e);
                }
            }
            page = o.value().next().orElse(null);
            if (first) {
                firstPageFull = page != null && o.value().entries().size() >= pageSize;
            }
            if (first || passedFloor || page == null || o.value().entries().isEmpty()) {
                break;
            }
        }
        List<Entry<T>> items = new ArrayList<>(relevant.values());
        items.sort(Comparator.comparing((Entry<T> e) -> e.at()).thenComparing(Entry::uri));
        List<Entry<T>> fresh = new ArrayList<>();
        for (Entry<T> item : items) {
            if (first || !cursor.seen().contains(MentionCursor.digest(item.uri()))) {
                fresh.add(item);
            }
        }
        if (newest == null) {
            return Outcome.of(new Read<>(fresh, MentionCursor.FROM_THE_START));
        }
        Instant windowStart = newest.minus(lookback);
        // A first read that did not reach the end leaves older history behind, for good.
        Instant nextFloor = first ? (firstPageFull ? oldestSeen : null) : floor;
        if (nextFloor != null && nextFloor.isBefore(windowStart)) {
            nextFloor = null; // the window alone keeps it out from now on
        }
        // Everything in the new window was read by this read, so its digests are all the next one must skip.
        Set<String> seen = new LinkedHashSet<>();
        for (int i = items.size() - 1; i >= 0 && seen.size() < maxSeen; i--) {
            if (!items.get(i).at().isBefore(windowStart)) {
                seen.add(MentionCursor.digest(items.get(i).uri()));
            }
        }
        return Outcome.of(new Read<>(fresh, new MentionCursor(newest, nextFloor, seen)));
    }

    /** An ISO-8601 time as the AppView writes it, or {@code null} when absent or not one. */
    static Instant instant(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
