package io.atelier.enrich.sentiment.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionEnricher;

/**
 * Annotates French and English mentions with {@code sentiment} ({@code negative},
 * {@code neutral} or {@code positive}) and {@code sentiment.score} (from -1 to 1, three
 * decimals), from lexicons written for the community manager's world: customer service,
 * deliveries, outages, refunds, praise, emoji.
 * <p>
 * The language comes from the {@code lang} annotation of the language enricher, which ranks
 * higher and so runs first. Without it, a cheap guess on frequent words picks the lexicon; when
 * the guess fails or {@code lang} is {@code unknown}, both lexicons score the text and the one
 * that recognises more terms is kept, and nothing is written if neither recognises anything (an
 * emoji-only post still gets its sentiment). A mention in another language ({@code lang=es}…)
 * and one that already has a {@code sentiment} are left alone.
 * <p>
 * Activation does nothing: the lexicons are read on the first mention.
 */
@Component(service = MentionEnricher.class, property = {
        MentionEnricher.ANNOTATES + "=" + Mention.SENTIMENT,
        MentionEnricher.ANNOTATES + "=" + Mention.SENTIMENT_SCORE,
        "service.ranking:Integer=" + SentimentConstants.RANKING })
public class SentimentEnricher implements MentionEnricher {

    /** Both scorers, built together on first use. */
    private record Scorers(SentimentScorer french, SentimentScorer english) {
    }

    private volatile Scorers scorers;

    @Override
    public Map<String, String> enrich(Mention mention) {
        if (mention.annotations().containsKey(Mention.SENTIMENT)) {
            return Map.of();
        }
        return analyze(mention.text(), mention.annotations().get(Mention.LANGUAGE))
                .map(s -> Map.of(Mention.SENTIMENT, s.label(), Mention.SENTIMENT_SCORE, format(s.score())))
                .orElse(Map.of());
    }

    /**
     * The sentiment of {@code text} in {@code language} ({@code fr}, {@code en}, {@code unknown}
     * or {@code null} when not known), or empty when there is nothing to say.
     */
    Optional<Sentiment> analyze(String text, String language) {
        Scorers s = scorers();
        String lang = language != null ? language : LanguageHint.guess(s.french().lexicon().tokenize(text));
        if (SentimentConstants.FRENCH.equals(lang)) {
            return Optional.of(s.french().score(text));
        }
        if (SentimentConstants.ENGLISH.equals(lang)) {
            return Optional.of(s.english().score(text));
        }
        if (lang != null && !SentimentConstants.UNKNOWN.equals(lang)) {
            return Optional.empty();
        }
        Sentiment fr = s.french().score(text);
        Sentiment en = s.english().score(text);
        Sentiment best = en.hits() > fr.hits() ? en : fr;
        return best.hits() == 0 ? Optional.empty() : Optional.of(best);
    }

    /** Three decimals, a dot, never {@code -0.000}. */
    static String format(double score) {
        double rounded = Math.round(score * 1000) / 1000.0;
        return String.format(Locale.ROOT, "%.3f", rounded == 0 ? 0.0 : rounded);
    }

    /** Whether the lexicons have been read (they are, on the first mention). */
    boolean loaded() {
        return scorers != null;
    }

    private Scorers scorers() {
        Scorers s = scorers;
        if (s == null) {
            synchronized (this) {
                s = scorers;
                if (s == null) {
                    s = new Scorers(new SentimentScorer(Lexicon.load(SentimentConstants.FRENCH)),
                            new SentimentScorer(Lexicon.load(SentimentConstants.ENGLISH)));
                    scorers = s;
                }
            }
        }
        return s;
    }
}
