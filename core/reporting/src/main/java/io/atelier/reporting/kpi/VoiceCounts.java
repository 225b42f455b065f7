package io.atelier.reporting.kpi;

import java.util.Map;
import java.util.Objects;

/**
 * Mentions of the brand and of each competitor in a period, counted by the same
 * listening queries and sources: the input of the share of voice.
 *
 * @param brand       mentions of the brand
 * @param competitors mentions of each competitor, by name
 */
public record VoiceCounts(long brand, Map<String, Long> competitors) {

    public VoiceCounts {
        if (brand < 0) {
            throw new IllegalArgumentException("brand is " + brand + ", a count cannot be negative");
        }
        Objects.requireNonNull(competitors, "competitors");
        for (Map.Entry<String, Long> e : competitors.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException("competitors: a competitor has no name");
            }
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException(
                        "competitors." + e.getKey() + " is " + e.getValue() + ", must be a count of at least 0");
            }
        }
        competitors = Map.copyOf(competitors);
    }
}
