package io.atelier.sdk.connector.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.atelier.api.platform.Problem;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;

/**
 * What a short-post network refuses in a post variant before anything is sent, in
 * the same order and words on every network: a post with neither text nor media;
 * each text (the post's own and each part of its thread) by the network's
 * {@link TextCheck}, an empty thread part (numbered as the reader counts, the
 * post's text being part 1); more than {@code maxMedia} media; each medium by the
 * network's {@link MediaCheck}.
 *
 * @param network   the network's name as messages show it ({@code Bluesky}, or a Mastodon instance's host)
 * @param postNoun  what the network calls a post, e.g. {@code post}, {@code status}, {@code message}
 * @param mediaNoun what a post may carry instead of text, with its article, e.g. {@code an image}, {@code media}
 * @param maxMedia  the most media in one post
 * @param text      the network's check of one text
 * @param media     the network's check of one medium
 */
public record ShortPost(String network, String postNoun, String mediaNoun, int maxMedia, TextCheck text,
        MediaCheck media) {

    public ShortPost {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(postNoun, "postNoun");
        Objects.requireNonNull(mediaNoun, "mediaNoun");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(media, "media");
        if (maxMedia < 0) {
            throw new IllegalArgumentException("maxMedia must not be negative, not " + maxMedia);
        }
    }

    /** The problems of {@code variant}, each on its field ({@code text}, {@code thread[i]}, {@code media}, {@code media[i]}). */
    public List<Problem> problems(PostVariant variant) {
        List<Problem> problems = new ArrayList<>();
        List<Media> attached = variant.media();
        if (variant.text().isBlank() && attached.isEmpty()) {
            problems.add(new Problem("text", "text is empty; a " + postNoun + " on " + network + " needs text or "
                    + mediaNoun));
        }
        problems.addAll(text.problems("text", variant.text(), !attached.isEmpty()));
        for (int i = 0; i < variant.thread().size(); i++) {
            String field = "thread[" + i + "]";
            String part = variant.thread().get(i);
            if (part.isBlank()) {
                problems.add(new Problem(field, "thread part " + (i + 2) + " is empty"));
            }
            problems.addAll(text.problems(field, part, false));
        }
        if (attached.size() > maxMedia) {
            problems.add(new Problem("media", attached.size() + " media are attached; " + network + " allows "
                    + maxMedia + " per " + postNoun));
        }
        for (int i = 0; i < attached.size(); i++) {
            problems.addAll(media.problems("media[" + i + "]", i, attached.get(i)));
        }
        return problems;
    }
}
