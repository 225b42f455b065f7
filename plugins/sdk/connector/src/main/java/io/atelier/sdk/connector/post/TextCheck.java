package io.atelier.sdk.connector.post;

import java.util.List;

import io.atelier.api.platform.Problem;

/**
 * A network's own rule for one text of a post (its length as the network counts
 * it), run by {@link ShortPost} on the post's text and on each part of its thread.
 */
@FunctionalInterface
public interface TextCheck {

    /**
     * The problems of one text, each on {@code field}.
     *
     * @param field     {@code text} or {@code thread[i]}, for the problem and its message
     * @param text      the text as written, never null
     * @param withMedia whether the text goes out with the post's media (the post's own text when it has
     *                  media): a network may count a caption differently
     */
    List<Problem> problems(String field, String text, boolean withMedia);
}
