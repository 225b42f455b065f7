package io.atelier.platform.feeds.internal;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.atelier.api.monitoring.Mention;
import io.atelier.sdk.connector.text.PlainText;

/**
 * Turns the entries of one fetched feed into mentions:
 * <ul>
 * <li>id: the entry's own id (Atom {@code id}, RSS {@code guid}, RSS 1.0
 * {@code rdf:about}), else its link, else a hash of its title and date. An id
 * that is not an absolute URI (Ghost's and many CMSs' guids are bare numbers or
 * hex) is qualified by the feed's site link (or the feed's URL), since ids only
 * need to be unique within one feed and mentions of all feeds share the source
 * {@code feed};</li>
 * <li>url: the entry's link, resolved against the feed's URL, kept only when it
 * is {@code http} or {@code https} (never {@code javascript:});</li>
 * <li>author: the entry's, else the Atom feed's, else the source's configured
 * name, else the feed's title, else the host;</li>
 * <li>text: the title, a blank line, then the content (or the summary when there
 * is none) as plain text, at most {@value #MAX_TEXT} characters;</li>
 * <li>publishedAt: published, else updated, else the fetch time.</li>
 * </ul>
 */
final class EntryMentions {

    /** The longest mention text; the rest of a long article is cut. */
    static final int MAX_TEXT = 20_000;
    /** Ids longer than this are replaced by their hash. */
    static final int MAX_ID = 500;
    private static final int MAX_AUTHOR = 200;
    private static final Pattern ABSOLUTE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:\\S");

    private final URI feedUri;
    private final String qualifier;
    private final String fallbackAuthor;
    private final String feedAuthor;
    private final Instant fetchedAt;

    /**
     * @param feedUri   the URL the feed was read from (after redirects)
     * @param feed      the feed
     * @param name      the source's configured name, or empty
     * @param fetchedAt when it was fetched: the date of entries without a readable one
     */
    EntryMentions(URI feedUri, ParsedFeed feed, String name, Instant fetchedAt) {
        this.feedUri = feedUri;
        this.fetchedAt = fetchedAt;
        this.feedAuthor = clean(feed.author());
        String site = webLink(feed.link());
        this.qualifier = site != null ? site : feedUri.toString();
        String title = clean(feed.title());
        this.fallbackAuthor = !name.isBlank() ? clean(name) : !title.isEmpty() ? title : feedUri.getHost();
    }

    Candidate candidate(FeedEntry entry) {
        String url = webLink(entry.link());
        String id = id(entry, url);
        Optional<Instant> date = FeedDates.parse(entry.published()).or(() -> FeedDates.parse(entry.updated()));
        String author = !entry.author().isBlank() ? clean(entry.author())
                : !feedAuthor.isEmpty() ? feedAuthor : fallbackAuthor;
        Mention mention = new Mention(id, FeedSource.ID, url, author, text(entry), date.orElse(fetchedAt), null, null);
        return new Candidate(mention, key(id), date.isPresent(), entry.position());
    }

    private String id(FeedEntry entry, String url) {
        String id;
        if (!entry.id().isEmpty()) {
            id = entry.id();
        } else if (url != null) {
            id = url;
        } else {
            String date = entry.published().isEmpty() ? entry.updated() : entry.published();
            id = "entry-" + HexFormat.of().formatHex(sha256(entry.title().plain() + "\n" + date), 0, 16);
        }
        if (!ABSOLUTE.matcher(id).find()) {
            id = qualifier + "#" + id;
        }
        return id.length() > MAX_ID ? "sha256:" + HexFormat.of().formatHex(sha256(id)) : id;
    }

    private static String text(FeedEntry entry) {
        String title = entry.title().plain();
        String body = (entry.content().isBlank() ? entry.summary() : entry.content()).plain();
        String text = title.isEmpty() ? body : body.isEmpty() ? title : title + "\n\n" + body;
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        int cut = Character.isLowSurrogate(text.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 2 : MAX_TEXT - 1;
        return text.substring(0, cut) + "…";
    }

    /** {@code link} resolved against the feed's URL when it is an http(s) link, else null. */
    private String webLink(String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        try {
            URI resolved = feedUri.resolve(link.trim());
            String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && resolved.getHost() != null
                    ? resolved.toString() : null;
        } catch (IllegalArgumentException e) {
            return null; // not a URI: no link rather than a broken one
        }
    }

    private static String clean(String name) {
        String plain = PlainText.normalise(name).replace("\n\n", "\n").replace('\n', ' ');
        return plain.length() > MAX_AUTHOR ? plain.substring(0, MAX_AUTHOR) : plain;
    }

    /** What the cursor remembers of a mention id: the first 64 bits of its SHA-256. */
    static long key(String id) {
        return ByteBuffer.wrap(sha256(id)).getLong();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }
}
