package io.atelier.platform.bluesky.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonObject;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.platform.bluesky.internal.AppView.NotificationPage;
import io.atelier.platform.bluesky.internal.NewestFirst.Entry;
import io.atelier.platform.bluesky.internal.NewestFirst.Page;
import io.atelier.platform.bluesky.internal.NewestFirst.Read;
import io.atelier.platform.bluesky.internal.Sessions.Outcome;

/**
 * The account's mentions, replies and quotes, from
 * {@code app.bsky.notification.listNotifications} (newest first; likes, reposts
 * and follows are skipped but move the cursor), read down to where the previous
 * poll left off by {@link NewestFirst}: the first poll takes the newest page only,
 * later ones page back through the look-back window, at most {@link #MAX_PAGES}
 * pages, and skip what they returned before.
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

    private static final NewestFirst NOTIFICATIONS = new NewestFirst(PAGE, MAX_PAGES, LOOKBACK, MAX_SEEN);

    private final AppView appView;

    Mentions(AppView appView) {
        this.appView = appView;
    }

    /** One poll after {@code cursor}, or the first poll when it is {@code null}. */
    Outcome<MentionPage> poll(Session s, MentionCursor cursor) throws PlatformException {
        Outcome<Read<JsonObject>> o = NOTIFICATIONS.read(page -> page(s, page), cursor);
        return o.tokenRejected() ? Outcome.rejected() : Outcome.of(page(o.value()));
    }

    private Outcome<Page<JsonObject>> page(Session s, String cursor) throws PlatformException {
        Outcome<NotificationPage> o = appView.notifications(s, PAGE, cursor);
        if (o.tokenRejected()) {
            return Outcome.rejected();
        }
        List<Entry<JsonObject>> entries = new ArrayList<>();
        for (JsonObject n : o.value().notifications()) {
            entries.add(new Entry<>(AppView.string(n, "uri"), NewestFirst.instant(AppView.string(n, "indexedAt")),
                    REASONS.contains(AppView.string(n, "reason")), n));
        }
        return Outcome.of(new Page<>(entries, o.value().cursor()));
    }

    /** What a read found as the core gets it: the posts as mentions, oldest first, and the cursor encoded. */
    static MentionPage page(Read<JsonObject> read) {
        List<Mention> mentions = new ArrayList<>();
        for (Entry<JsonObject> e : read.fresh()) {
            mentions.add(mention(e.uri(), e.at(), e.value()));
        }
        return new MentionPage(mentions, read.next().encode());
    }

    /**
     * The post {@code uri} as a mention, from a view that carries its {@code author}
     * and {@code record} (a notification, or a post view of a search); {@code at}
     * stands in for a {@code createdAt} the record lacks.
     */
    static Mention mention(String uri, Instant at, JsonObject view) {
        JsonObject record = AppView.object(view, "record");
        JsonObject author = AppView.object(view, "author");
        String handle = AppView.string(author, "handle");
        String did = AppView.string(author, "did");
        // An account whose handle no longer verifies shows as handle.invalid: its DID is what identifies it.
        String who = handle != null && !handle.equals("handle.invalid") ? handle : did;
        String text = AppView.string(record, "text");
        Instant createdAt = NewestFirst.instant(AppView.string(record, "createdAt"));
        JsonObject parent = AppView.object(AppView.object(record, "reply"), "parent");
        String url = null;
        try {
            url = AtUri.parse(uri).webUrl(who);
        } catch (RejectedException e) {
            // an AppView that names a post in a form this connector does not know: no link, the mention stays
        }
        return new Mention(uri, BlueskyConstants.PLATFORM_ID, url, who == null ? "" : who,
                text == null ? "" : text, createdAt != null ? createdAt : at,
                AppView.string(parent, "uri"), null);
    }
}
