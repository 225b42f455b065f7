package io.atelier.api.platform;

import java.util.Objects;

/**
 * One reason a draft would be refused, in words a person understands.
 *
 * @param field   what the problem is about, e.g. {@code text}, {@code media[2]}
 * @param message what is wrong and, where possible, how to fix it, e.g.
 *                {@code text is 312 graphemes; Bluesky allows 300}
 */
public record Problem(String field, String message) {

    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
