package io.atelier.sdk.connector.blog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.atelier.api.platform.Limits;
import io.atelier.api.platform.Problem;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;

/**
 * What a blog platform refuses in a post variant before anything is sent: a blog
 * post is one text, so a thread is refused, and its media are its featured image
 * (at most {@link Limits#maxMedia()}, of {@link Limits#mediaTypes()}, at most
 * {@link Limits#maxMediaBytes()} each).
 */
public final class BlogPost {

    /** How people know the image types, for messages. */
    private static final Map<String, String> TYPE_NAMES = Map.of("image/jpeg", "JPEG", "image/png", "PNG",
            "image/gif", "GIF", "image/webp", "WebP");
    private static final List<String> KNOWN_ORDER = List.of("JPEG", "PNG", "GIF", "WebP");

    private BlogPost() {
    }

    /**
     * The problems of {@code variant}'s thread and media, each on its field
     * ({@code thread}, {@code media}, {@code media[i]}).
     *
     * @param network   the platform's name, for messages
     * @param imageNoun what the platform calls a post's image, e.g. {@code featured image}
     */
    public static List<Problem> problems(PostVariant variant, String network, String imageNoun, Limits limits) {
        List<Problem> problems = new ArrayList<>();
        if (!variant.thread().isEmpty()) {
            problems.add(new Problem("thread", network + " posts have no threads: put the "
                    + (variant.thread().size() + 1) + " parts into the text of one post"));
        }
        List<Media> media = variant.media();
        if (media.size() > limits.maxMedia()) {
            problems.add(new Problem("media", media.size() + " media are attached; a " + network + " post takes "
                    + limits.maxMedia() + ", its " + imageNoun));
        }
        for (int i = 0; i < media.size(); i++) {
            Media m = media.get(i);
            if (!limits.mediaTypes().contains(m.mediaType())) {
                problems.add(new Problem("media[" + i + "]", "media " + (i + 1) + " is " + m.mediaType() + "; a "
                        + network + " " + imageNoun + " is " + typesText(limits) + " image"));
            } else if (m.size() > limits.maxMediaBytes()) {
                problems.add(new Problem("media[" + i + "]", "media " + (i + 1) + " is " + m.size() + " bytes; at most "
                        + limits.maxMediaBytes() + " bytes are sent to " + network + " (the site may accept less)"));
            }
        }
        return problems;
    }

    /** {@code a JPEG, PNG, GIF or WebP}: the types taken, known ones first in that order. */
    private static String typesText(Limits limits) {
        List<String> names = limits.mediaTypes().stream().map(t -> TYPE_NAMES.getOrDefault(t, t))
                .sorted(Comparator.comparingInt(BlogPost::order).thenComparing(Comparator.naturalOrder())).toList();
        return "a " + (names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1));
    }

    private static int order(String name) {
        int i = KNOWN_ORDER.indexOf(name);
        return i < 0 ? KNOWN_ORDER.size() : i;
    }
}
