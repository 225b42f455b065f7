package io.atelier.platform.feeds.internal.publishing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The answers of {@code /feeds/*}, apart from the servlet API so they are tested
 * as they are: 200 with the Atom document, 304 when the reader's
 * {@code If-None-Match} holds the document's ETag (a hash of its bytes, so any
 * change makes a new one), 404 for an address that names no feed, 503 when the
 * store cannot be read. Every answer carries {@code X-Content-Type-Options: nosniff};
 * feeds are cached for a minute ({@code Cache-Control: max-age=60}).
 */
final class FeedPages {

    /** One answer: its status, headers and body. */
    record Answer(int status, Map<String, String> headers, byte[] body) {

        Answer {
            headers = Map.copyOf(headers);
        }

        String header(String name) {
            return headers.get(name);
        }
    }

    private final PublishedEntries entries;
    private final Supplier<String> publicBase;

    FeedPages(PublishedEntries entries, Supplier<String> publicBase) {
        this.entries = entries;
        this.publicBase = publicBase;
    }

    /**
     * The answer to {@code GET /feeds<pathInfo>}.
     *
     * @param ifNoneMatch the request's {@code If-None-Match}, or {@code null}
     */
    Answer get(String pathInfo, String ifNoneMatch) {
        Optional<FeedPaths.Feed> feed = FeedPaths.parse(pathInfo);
        if (feed.isEmpty()) {
            return plain(404, "No feed at this address. Feeds are /feeds/<account id>.atom and"
                    + " /feeds/workspace/<workspace id>.atom.");
        }
        Optional<AtomFeed> document;
        try {
            document = document(feed.get());
        } catch (RuntimeException e) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Retry-After", "60");
            return plain(503, "The feed cannot be read right now; try again in a minute.", headers);
        }
        if (document.isEmpty()) {
            return plain(404, "No feed at this address: nothing was published to it yet.");
        }
        byte[] body = AtomWriter.write(document.get());
        String etag = etag(body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ETag", etag);
        headers.put("Cache-Control", "max-age=60");
        headers.put("X-Content-Type-Options", "nosniff");
        if (matches(ifNoneMatch, etag)) {
            return new Answer(304, headers, new byte[0]);
        }
        headers.put("Content-Type", AtomWriter.MEDIA_TYPE);
        return new Answer(200, headers, body);
    }

    /** The feed as a document, or empty when nothing was ever published to it. */
    Optional<AtomFeed> document(FeedPaths.Feed feed) {
        String base = publicBase.get();
        boolean account = feed.kind() == FeedPaths.Kind.ACCOUNT;
        Optional<PublishedEntries.Stored> stored = account ? entries.accountFeed(feed.id())
                : entries.workspaceFeed(feed.id());
        return stored.map(s -> {
            List<AtomFeed.Item> items = new ArrayList<>();
            Instant updated = s.description().updated();
            for (AtomEntry e : s.entries()) {
                items.add(new AtomFeed.Item(e.atomId(), EntryText.title(e.text(), "Post " + e.postId()), e.author(),
                        e.published(), e.text(), FeedPaths.entryUrl(base, e.accountId(), e.atomId())));
                updated = e.published().isAfter(updated) ? e.published() : updated;
            }
            String self = base + (account ? FeedPaths.account(feed.id()) : FeedPaths.workspace(feed.id()));
            String id = EntryIds.URN_PREFIX + EntryIds.of("feed", (account ? "account/" : "workspace/") + feed.id());
            return new AtomFeed(id, s.description().title(), updated, self, items);
        });
    }

    /** Whether {@code ifNoneMatch} ({@code *}, or a list of tags, weak or strong) names {@code etag}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** A strong ETag: the first 128 bits of the SHA-256 of the body, quoted. */
    private static String etag(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Answer plain(int status, String message) {
        return plain(status, message, new LinkedHashMap<>());
    }

    private static Answer plain(int status, String message, Map<String, String> headers) {
        headers.put("Content-Type", "text/plain; charset=utf-8");
        headers.put("Cache-Control", "no-cache");
        headers.put("X-Content-Type-Options", "nosniff");
        return new Answer(status, headers, (message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
