package io.atelier.sdk.connector.post;

import java.util.List;
import java.util.Set;

import io.atelier.api.platform.Problem;
import io.atelier.api.post.Media;

/**
 * A network's own rule for one medium of a post (its type, size and alt text),
 * run by {@link ShortPost} on each medium. {@link #of} is the common rule: a set
 * of accepted types, one size limit and, where the network has one, an alt-text
 * limit; a network with other rules (a size per type, say) writes its own.
 */
@FunctionalInterface
public interface MediaCheck {

    /**
     * The problems of one medium.
     *
     * @param field  {@code media[index]}, the field of every problem
     * @param index  the medium's place in the post, from 0 (a message says {@code media index + 1})
     * @param medium the medium
     */
    List<Problem> problems(String field, int index, Media medium);

    /**
     * Media of {@code types} up to {@code maxBytes} each, alt text unlimited. A medium
     * of another type and one too large each get a problem (both, if both are wrong).
     *
     * @param network the network's name, for messages
     */
    static MediaCheck of(String network, Set<String> types, long maxBytes) {
        return new AcceptedMedia(network, types, maxBytes, Integer.MAX_VALUE);
    }

    /**
     * As {@link #of(String, Set, long)}, and alt text of at most {@code maxAltText}
     * Unicode code points.
     */
    static MediaCheck of(String network, Set<String> types, long maxBytes, int maxAltText) {
        return new AcceptedMedia(network, types, maxBytes, maxAltText);
    }
}
