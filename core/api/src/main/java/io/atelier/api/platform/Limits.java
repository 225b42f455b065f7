package io.atelier.api.platform;

import java.util.Objects;
import java.util.Set;

/**
 * The limits a network enforces on what is published.
 *
 * @param maxLength     longest text, counted with {@code lengthRule}; 0 when the network sets none
 * @param lengthRule    how length is counted
 * @param maxMedia      most media per post; 0 when media are not accepted
 * @param maxMediaBytes largest media file in bytes; 0 when media are not accepted
 * @param mediaTypes    accepted MIME types, e.g. {@code image/jpeg}
 */
public record Limits(int maxLength, LengthRule lengthRule, int maxMedia, long maxMediaBytes, Set<String> mediaTypes) {

    public Limits {
        Objects.requireNonNull(lengthRule, "lengthRule");
        mediaTypes = mediaTypes == null ? Set.of() : Set.copyOf(mediaTypes);
        if (maxLength < 0 || maxMedia < 0 || maxMediaBytes < 0) {
            throw new IllegalArgumentException("limits cannot be negative");
        }
    }

    /** Limits of a network that accepts text only. */
    public static Limits textOnly(int maxLength, LengthRule rule) {
        return new Limits(maxLength, rule, 0, 0, Set.of());
    }
}
