package io.atelier.platform.feeds.internal;

import java.util.List;

/**
 * A feed document once read: its format, what it says about itself and its entries in document order.
 *
 * @param format  RSS 2.0, RSS 1.0 or Atom
 * @param title   the feed's title as plain text; may be empty
 * @param link    the site the feed belongs to, as written; may be empty
 * @param author  the feed-level author (Atom), which entries without one inherit; may be empty
 * @param entries the entries, in document order
 */
record ParsedFeed(FeedFormat format, String title, String link, String author, List<FeedEntry> entries) {

    ParsedFeed {
        title = title == null ? "" : title;
        link = link == null ? "" : link.trim();
        author = author == null ? "" : author.trim();
        entries = List.copyOf(entries);
    }
}
