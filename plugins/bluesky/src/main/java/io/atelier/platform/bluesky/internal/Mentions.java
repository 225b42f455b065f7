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
import java.util.Set;

import com.google.gson.JsonObject;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.PlatformException;
import io.atelier.platform.bluesky.internal.AppView.NotificationPage;
import io.atelier.platform.bluesky.internal.Sessions.Outcome;

/**
 * The account's mentions, replies and quotes, from
 * {@code app.bsky.notification.listNotifications} (newest first; likes, reposts
 * and follows are skipped). The first poll (no cursor) takes the newest page
 * only: older history is not imported (the cursor's floor keeps it out of later
 * polls too, look-back window or not). Later polls page back from the newest
 * notification until they pass the cursor's time less the look-back window
 * ({@link MentionCursor}), at most {@link #MAX_PAGES} pages; what they already
 * returned is skipped by its digest. When the first poll finds no notification at
 * all, its cursor is {@link MentionCursor#FROM_THE_START}, so the first ones to
 * arrive are all read.
 * <p>
 * Each mention is the post: its AT URI (the stable id that {@code reply}
 * answers), its page in the Bluesky app, its author's handle, its text, its
 * {@code createdAt}, and the post it answers when it is a reply.
 */
final class Mentions {

    /** The notification reasons that are something said to or about the account. */
    static final Set<String> REASONS = Set.of("mention", "reply", "quote");
    /** Notifications per page, and the size of the first poll. */
    static final int PAGE = 50;
    /** Pages read in one poll; past that, older ones in the window are not read. */
    static final int MAX_PAGES = 10;
    /** How far below the newest notification seen a late or back-dated post is still found. */
    static final Duration LOOKBACK = Duration.ofMinutes(10);
    /** Digests kept in a cursor at most (about 13 characters each). */
    static final int MAX_SEEN = 2000;

    private final AppView appView;

    Mentions(AppView appView) {
        this.appView = appView;
    }

    /** One poll after {@code cursor}, or the first poll when it is {@code null}. */
    Outcome<MentionPage> poll(Session s, MentionCursor cursor) throws PlatformException {
        boolean first = cursor == null;
        Instant lowest = first || cursor.since() == null ? null : cursor.since().minus(LOOKBACK);
        Instant floor = first ? null : cursor.floor();
        Instant newest = first ? null : cursor.since();
        Instant oldestOnPage = null;
        boolean firstPageFull = false;
        // Each post once (a reply that also mentions the account may come as two notifications).
        Map<String, Item> relevant = new LinkedHashMap<>();
        String page = null;
        for (int i = 0; i < MAX_PAGES; i++) {
            Outcome<NotificationPage> o = appView.notifications(s, PAGE, page);
            if (o.tokenRejected()) {
                return Outcome.rejected();
            }
            boolean passedFloor = false;
            for (JsonObject n : o.value().notifications()) {
                Instant at = instant(AppView.string(n, "indexedAt"));
                if (at == null) {
                    continue;
                }
                if (oldestOnPage == null || at.isBefore(oldestOnPage)) {
                    oldestOnPage = at;
                }
                if (lowest != null && at.isBefore(lowest) || floor != null && !at.isAfter(floor)) {
                    passedFloor = true;
                    continue;
                }
                if (newest == null || at.isAfter(newest)) {
                    newest = at;
                }
                String uri = AppView.string(n, "uri");
                if (uri != null && REASONS.contains(AppView.string(n, "reason"))) {
                    relevant.putIfAbsent(uri, new Item(uri, at, n));
                }
            }
            page = o.value().cursor().orElse(null);
            if (first) {
                firstPageFull = page != null && o.value().notifications().size() >= PAGE;
            }
            if (first || passedFloor || page == null || o.value().notifications().isEmpty()) {
                break;
            }
        }
        List<Item> items = new ArrayList<>(relevant.values());
        items.sort(Comparator.comparing(Item::at).thenComparing(Item::uri));
        List<Mention> mentions = new ArrayList<>();
        for (Item item : items) {
            if (first || !cursor.seen().contains(MentionCursor.digest(item.uri()))) {
                mentions.add(mention(item));
            }
        }
        if (newest == null) {
            return Outcome.of(new MentionPage(mentions, MentionCursor.FROM_THE_START.encode()));
        }
        Instant windowStart = newest.minus(LOOKBACK);
        // A first poll that did not reach the end leaves older history behind, for good.
        Instant nextFloor = first ? (firstPageFull ? oldestOnPage : null) : floor;
        if (nextFloor != null && nextFloor.isBefore(windowStart)) {
            nextFloor = null; // the window alone keeps it out from now on
        }
        // Everything in the new window was read by this poll, so its digests are all the next one must skip.
        Set<String> seen = new LinkedHashSet<>();
        for (int i = items.size() - 1; i >= 0 && seen.size() < MAX_SEEN; i--) {
            if (!items.get(i).at().isBefore(windowStart)) {
                seen.add(MentionCursor.digest(items.get(i).uri()));
            }
        }
        return Outcome.of(new MentionPage(mentions, new MentionCursor(newest, nextFloor, seen).encode()));
    }

    /** A notification worth returning, with its position in the AppView's order. */
    private record Item(String uri, Instant at, JsonObject notification) {
    }

    private static Mention mention(Item item) {
        JsonObject n = item.notification();
        JsonObject record = AppView.object(n, "record");
        JsonObject author = AppView.object(n, "author");
        String handle = AppView.string(author, "handle");
        String did = AppView.string(author, "did");
        // An account whose handle no longer verifies shows as handle.invalid: its DID is what identifies it.
        String who = handle != null && !handle.equals("handle.invalid") ? handle : did;
        String text = AppView.string(record, "text");
        Instant createdAt = instant(AppView.string(record, "createdAt"));
        JsonObject parent = AppView.object(AppView.object(record, "reply"), "parent");
        String url = null;
        try {
            url = AtUri.parse(item.uri()).webUrl(who);
        } catch (io.atelier.api.platform.RejectedException e) {
            // an AppView that names a post in a form this connector does not know: no link, the mention stays
        }
        return new Mention(item.uri(), BlueskyConstants.PLATFORM_ID, url, who == null ? "" : who,
                text == null ? "" : text, createdAt != null ? createdAt : item.at(),
                AppView.string(parent, "uri"), null);
    }

    private static Instant instant(String s) {
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
