package io.atelier.enrich.language.internal;

/**
 * What the detector concluded about one text.
 *
 * @param language the annotation to write: {@code fr}, {@code en} or {@code unknown}
 * @param closest  the modelled language that scored best, or {@code null} when the text had
 *                 too few Latin letters to be scored at all
 * @param margin   how far {@code closest} led the runner-up, in log-probability per trigram
 *                 (0 when not scored)
 */
record Detection(String language, String closest, double margin) {
}
