package io.atelier.api.monitoring;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something said on the internet that the workbench listens to: a mention, a
 * reply, a comment, a feed entry. Its text is untrusted and is escaped wherever it
 * is shown. Enrichers add {@code annotations} (language, sentiment...).
 *
 * @param id          stable id, unique within {@code source}, used to drop duplicates
 * @param source      the platform id or source id it came from, e.g. {@code bluesky}, {@code feed}
 * @param url         a link to it, or {@code null}
 * @param author      the author's handle or name as the source gives it
 * @param text        the plain text
 * @param publishedAt when it was published, as the source says
 * @param inReplyTo   the remote id of the post it answers, or {@code null}
 * @param annotations what enrichers found, keyed by the constants of this record
 */
public record Mention(String id, String source, String url, String author, String text, Instant publishedAt,
        String inReplyTo, Map<String, String> annotations) {

    /** Annotation: ISO 639-1 language code, or {@code unknown}. */
    public static final String LANGUAGE = "lang";
    /** Annotation: {@code negative}, {@code neutral} or {@code positive}. */
    public static final String SENTIMENT = "sentiment";
    /** Annotation: the sentiment score, from -1 to 1. */
    public static final String SENTIMENT_SCORE = "sentiment.score";

    public Mention {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(publishedAt, "publishedAt");
        author = author == null ? "" : author;
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** A copy with {@code more} annotations added (overriding equal keys). */
    public Mention annotate(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(annotations);
        all.putAll(more);
        return new Mention(id, source, url, author, text, publishedAt, inReplyTo, all);
    }
}
