package io.atelier.enrich.language.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionEnricher;

/**
 * Annotates each mention with its language, {@code lang}: {@code fr}, {@code en}, or
 * {@code unknown} for any other language and for text too short or too noisy to tell (links,
 * handles, hashtags and emoji are not read). A mention that already carries {@code lang} (set
 * by its source or by a higher-ranked enricher) is left as it is.
 * <p>
 * Activation does nothing: the model is trained from the bundle's text on the first mention,
 * in a few milliseconds, so a workbench that never listens never pays for it.
 */
@Component(service = MentionEnricher.class, property = {
        MentionEnricher.ANNOTATES + "=" + Mention.LANGUAGE,
        "service.ranking:Integer=" + LanguageConstants.RANKING })
public class LanguageEnricher implements MentionEnricher {

    private volatile LanguageDetector detector;

    @Override
    public Map<String, String> enrich(Mention mention) {
        if (mention.annotations().containsKey(Mention.LANGUAGE)) {
            return Map.of();
        }
        return Map.of(Mention.LANGUAGE, detector().detect(mention.text()).language());
    }

    /** The language of {@code text} alone, as {@link #enrich} would write it. */
    String languageOf(String text) {
        return detector().detect(text).language();
    }

    /** Whether the model has been trained (it is, on the first mention). */
    boolean loaded() {
        return detector != null;
    }

    LanguageDetector detector() {
        LanguageDetector d = detector;
        if (d == null) {
            synchronized (this) {
                d = detector;
                if (d == null) {
                    d = new LanguageDetector(LanguageModel.load());
                    detector = d;
                }
            }
        }
        return d;
    }
}
