package io.atelier.monitoring.internal.query;

import java.util.Objects;

/**
 * What is wrong with a listening query, and where: {@code position} is the 0-based
 * index of the character in the query text where the problem is (the unclosed
 * parenthesis, the opening quote, the dangling {@code OR}...), so an editor can
 * point at it.
 *
 * @param position 0-based character index in the query text
 * @param message  a sentence a community manager understands
 */
public record QueryError(int position, String message) {

    public QueryError {
        Objects.requireNonNull(message, "message");
        if (position < 0) {
            throw new IllegalArgumentException("position " + position);
        }
    }
}
