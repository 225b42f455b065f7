package io.atelier.monitoring.internal.query;

import java.util.Objects;

/**
 * A listening query as a community manager typed it and as it was understood.
 * Made by {@link #parse(String)}, which refuses a query it cannot run (see
 * {@link QueryParser} and README.md for the language).
 *
 * @param text the query as typed
 * @param root the parsed tree
 */
public record ListeningQuery(String text, Node root) {

    public ListeningQuery {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(root, "root");
        if (!Node.isPositive(root)) {
            throw new IllegalArgumentException("a query needs at least one positive term: " + root);
        }
    }

    /** Parses {@code text}; throws {@link QueryException} with the position of the first problem. */
    public static ListeningQuery parse(String text) {
        return new ListeningQuery(text, QueryParser.parse(text));
    }
}
