package io.atelier.enrich.language.eval;

/**
 * One post of the evaluation set, with the labels a person gave it.
 *
 * @param id        stable id, e.g. {@code fr-neg-012}
 * @param split     {@code dev} (used while writing the model and lexicons) or {@code test}
 *                  (held out: measured, never tuned on)
 * @param language  {@code fr}, {@code en} or {@code unknown}
 * @param sentiment {@code negative}, {@code neutral} or {@code positive}; {@code null} for posts
 *                  kept only for the language test
 * @param text      the post as it would arrive, handles, links, hashtags and emoji included
 */
public record LabelledPost(String id, String split, String language, String sentiment, String text) {

    public static final String DEV = "dev";
    public static final String TEST = "test";
}
