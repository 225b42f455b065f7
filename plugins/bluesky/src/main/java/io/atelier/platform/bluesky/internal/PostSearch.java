package io.atelier.platform.bluesky.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;

import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.PlatformException;
import io.atelier.platform.bluesky.internal.AppView.SearchPage;
import io.atelier.platform.bluesky.internal.NewestFirst.Entry;
import io.atelier.platform.bluesky.internal.NewestFirst.Page;
import io.atelier.platform.bluesky.internal.NewestFirst.Read;
import io.atelier.platform.bluesky.internal.Sessions.Outcome;

/**
 * The posts a search finds, newest first ({@code app.bsky.feed.searchPosts},
 * {@code sort=latest}), read page by page with the search's own cursor down to
 * where the previous poll left off ({@link NewestFirst}): the first poll takes the
 * newest page only, later ones stop once they pass the newest time seen less the
 * look-back window, at most {@link #MAX_PAGES} pages, and skip what they returned
 * before. A post's place in that order is its {@code sortAt}, the earlier of its
 * {@code createdAt} and {@code indexedAt}, which is what the AppView sorts by.
 * Each post becomes a mention exactly as the account's mentions do ({@link Mentions#mention}).
 */
final class PostSearch {

    /** Posts per page (the most {@code searchPosts} gives), and the size of the first poll. */
    static final int PAGE = 100;
    /** Pages read in one poll; more new posts than this between two polls are not all read. */
    static final int MAX_PAGES = 10;
    /** As for mentions: how far below the newest post seen a late or back-dated one is still found. */
    static final Duration LOOKBACK = Mentions.LOOKBACK;
    /** Digests kept in a cursor at most: as many as one poll can read. */
    static final int MAX_SEEN = PAGE * MAX_PAGES;

    private final AppView appView;
    private final int pageSize;
    private final NewestFirst listing;

    PostSearch(AppView appView) {
        this(appView, PAGE);
    }

    /** A search reading {@code pageSize} posts a page (tests page through a few posts with a small one). */
    PostSearch(AppView appView, int pageSize) {
        this.appView = appView;
        this.pageSize = pageSize;
        this.listing = new NewestFirst(pageSize, MAX_PAGES, LOOKBACK, Math.max(MAX_SEEN, pageSize * MAX_PAGES));
    }

    /**
     * One poll of {@code query} at {@code endpoint} after {@code cursor} ({@code null}: the first poll), anonymous
     * when {@code token} is {@code null}.
     */
    Outcome<MentionPage> poll(String endpoint, String token, String query, MentionCursor cursor)
            throws PlatformException {
        Outcome<Read<JsonObject>> o = listing.read(page -> page(endpoint, token, query, page), cursor);
        return o.tokenRejected() ? Outcome.rejected() : Outcome.of(Mentions.page(o.value()));
    }

    private Outcome<Page<JsonObject>> page(String endpoint, String token, String query, String cursor)
            throws PlatformException {
        Outcome<SearchPage> o = appView.searchPosts(endpoint, token, query, pageSize, cursor);
        if (o.tokenRejected()) {
            return Outcome.rejected();
        }
        List<Entry<JsonObject>> entries = new ArrayList<>();
        for (JsonObject post : o.value().posts()) {
            entries.add(new Entry<>(AppView.string(post, "uri"), sortAt(post), true, post));
        }
        return Outcome.of(new Page<>(entries, o.value().cursor()));
    }

    /** The earlier of the post's {@code createdAt} and {@code indexedAt}; {@code null} when it has neither. */
    static Instant sortAt(JsonObject post) {
        Instant indexed = NewestFirst.instant(AppView.string(post, "indexedAt"));
        Instant created = NewestFirst.instant(AppView.string(AppView.object(post, "record"), "createdAt"));
        if (indexed == null || created == null) {
            return indexed == null ? created : indexed;
        }
        return created.isBefore(indexed) ? created : indexed;
    }
}
