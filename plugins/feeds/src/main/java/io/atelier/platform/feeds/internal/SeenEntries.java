package io.atelier.platform.feeds.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which entries of a feed are new since the previous poll, and what the
 * next cursor remembers, so that a feed read again, reordered, or with entries
 * added and dropped yields each entry once.
 * <p>
 * An entry is new when its key is not remembered and it is not dated at or
 * before the cursor's horizon. The cursor remembers up to {@code capacity}
 * keys: every entry of the current feed, most recent first, then earlier keys
 * no longer in the feed. When the feed itself has more entries than that, the
 * oldest are left out and the horizon moves to the latest date among them, so
 * they are not reported again either. The price, for such long feeds only: an
 * entry that appears later but is back-dated before the horizon is missed, and
 * undated entries past the capacity are reported again.
 */
final class SeenEntries {

    /** New entries oldest first (ties: later in the document first, as feeds list the newest first). */
    static final Comparator<Candidate> OLDEST_FIRST = Comparator
            .comparing((Candidate c) -> c.mention().publishedAt())
            .thenComparing(Candidate::position, Comparator.reverseOrder());

    /**
     * @param fresh      the entries to report, oldest first
     * @param remembered the keys the next cursor keeps, most recent first
     * @param horizon    the next cursor's horizon, or null
     */
    record Selection(List<Candidate> fresh, List<Long> remembered, Instant horizon) {
    }

    private SeenEntries() {
    }

    static Selection select(List<Candidate> current, FeedCursor previous, int capacity) {
        Map<Long, Candidate> unique = new LinkedHashMap<>();
        for (Candidate c : current) {
            unique.putIfAbsent(c.key(), c); // an entry listed twice counts once
        }
        Set<Long> seen = new HashSet<>(previous.seen());
        Instant horizon = previous.horizon();
        List<Candidate> fresh = new ArrayList<>();
        for (Candidate c : unique.values()) {
            boolean beforeHorizon = horizon != null && c.dated() && !c.mention().publishedAt().isAfter(horizon);
            if (!seen.contains(c.key()) && !beforeHorizon) {
                fresh.add(c);
            }
        }
        fresh.sort(OLDEST_FIRST);

        List<Candidate> recentFirst = new ArrayList<>(unique.values());
        recentFirst.sort(OLDEST_FIRST.reversed());
        List<Long> remembered = new ArrayList<>(Math.min(capacity, recentFirst.size() + seen.size()));
        for (int i = 0; i < recentFirst.size(); i++) {
            Candidate c = recentFirst.get(i);
            if (i < capacity) {
                remembered.add(c.key());
            } else if (c.dated() && (horizon == null || c.mention().publishedAt().isAfter(horizon))) {
                horizon = c.mention().publishedAt();
            }
        }
        for (long key : previous.seen()) {
            if (remembered.size() >= capacity) {
                break;
            }
            if (!unique.containsKey(key)) {
                remembered.add(key);
            }
        }
        return new Selection(fresh, remembered, horizon);
    }
}
