package io.atelier.api.monitoring;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Adds what can be learnt from a mention's text (language, sentiment, toxicity,
 * entities) as annotations. Enrichers run in the order of their
 * {@code service.ranking}, highest first, and each sees what earlier ones added; a
 * higher-ranked enricher for the same annotation replaces a lower one. Must be fast
 * and must not do I/O per mention.
 */
@ConsumerType
public interface MentionEnricher {

    /** Service property naming the annotations this enricher writes, e.g. {@code lang}. */
    String ANNOTATES = "atelier.enricher.annotates";

    /** Annotations to add to {@code mention}, keyed as in {@link Mention}; may be empty. */
    Map<String, String> enrich(Mention mention);
}
