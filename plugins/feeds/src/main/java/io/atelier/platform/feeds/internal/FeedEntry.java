package io.atelier.platform.feeds.internal;

/**
 * One entry of a feed as written in it, before it becomes a mention.
 *
 * @param id        the entry's own id: Atom {@code id}, RSS {@code guid}, RSS 1.0 {@code rdf:about}; may be empty
 * @param link      the link to the entry's page as written (may be relative); may be empty
 * @param title     the title
 * @param summary   the summary or RSS description
 * @param content   the full content ({@code content:encoded}, Atom {@code content}); may be empty
 * @param author    the author's name as the entry gives it; may be empty
 * @param published when it was published, as written ({@code published}, {@code pubDate}, {@code dc:date})
 * @param updated   when it was last updated, as written; may be empty
 * @param position  its place in the document, 0 for the first
 */
record FeedEntry(String id, String link, Text title, Text summary, Text content, String author, String published,
        String updated, int position) {

    FeedEntry {
        id = id == null ? "" : id.trim();
        link = link == null ? "" : link.trim();
        title = title == null ? Text.EMPTY : title;
        summary = summary == null ? Text.EMPTY : summary;
        content = content == null ? Text.EMPTY : content;
        author = author == null ? "" : author.trim();
        published = published == null ? "" : published.trim();
        updated = updated == null ? "" : updated.trim();
    }
}
