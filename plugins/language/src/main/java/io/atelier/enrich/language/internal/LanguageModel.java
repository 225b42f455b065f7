package io.atelier.enrich.language.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The profiles of the modelled languages, trained when first needed from text kept in this
 * bundle: {@code corpus/<code>.txt} (running text written for Atelier, one sentence a line) and
 * {@code words/<code>.txt} (function words). Training reads about 40 KB and takes a few
 * milliseconds, so the bundle ships readable text instead of an opaque model file, and a
 * better profile is a matter of writing more sentences.
 * <p>
 * Probabilities are interpolated with one uniform floor shared by all languages
 * ({@code P = (1 - mu) * count / total + mu / vocabulary}), so a language trained on less text
 * is not favoured on words nobody has seen.
 */
final class LanguageModel {

    /** Weight of the uniform floor in trigram probabilities. */
    static final double TRIGRAM_SMOOTHING = 0.05;
    /** Weight of the uniform floor in word probabilities. */
    static final double WORD_SMOOTHING = 0.2;
    /** A function word counts as if seen this many more times: they are what short posts are made of. */
    static final int FUNCTION_WORD_WEIGHT = 5;

    private final List<LanguageProfile> profiles;

    private LanguageModel(List<LanguageProfile> profiles) {
        this.profiles = List.copyOf(profiles);
    }

    List<LanguageProfile> profiles() {
        return profiles;
    }

    /** Trains the profiles of {@link LanguageConstants#MODELLED} from this bundle's resources. */
    static LanguageModel load() {
        Map<String, Map<String, Integer>> trigramCounts = new HashMap<>();
        Map<String, Map<String, Integer>> wordCounts = new HashMap<>();
        for (String code : LanguageConstants.MODELLED) {
            Map<String, Integer> trigrams = new HashMap<>();
            Map<String, Integer> words = new HashMap<>();
            forEachLine("corpus/" + code + ".txt", line -> {
                for (SocialText.Word word : SocialText.of(line).words()) {
                    count(words, word.text(), 1);
                    forEachTrigram(word.text(), t -> count(trigrams, t, 1));
                }
            });
            forEachLine("words/" + code + ".txt", line -> {
                for (String raw : line.split("\\s+")) {
                    if (raw.isEmpty()) {
                        continue;
                    }
                    String word = Normalizer.normalize(raw, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
                    count(words, word, FUNCTION_WORD_WEIGHT);
                    forEachTrigram(word, t -> count(trigrams, t, 1));
                }
            });
            trigramCounts.put(code, trigrams);
            wordCounts.put(code, words);
        }
        int trigramVocabulary = vocabulary(trigramCounts);
        int wordVocabulary = vocabulary(wordCounts);
        List<LanguageProfile> profiles = new ArrayList<>();
        for (String code : LanguageConstants.MODELLED) {
            profiles.add(new LanguageProfile(code,
                    logProbabilities(trigramCounts.get(code), TRIGRAM_SMOOTHING, trigramVocabulary),
                    logProbabilities(wordCounts.get(code), WORD_SMOOTHING, wordVocabulary),
                    Math.log(TRIGRAM_SMOOTHING / trigramVocabulary), Math.log(WORD_SMOOTHING / wordVocabulary)));
        }
        return new LanguageModel(profiles);
    }

    /** The trigrams of a word padded with one space each side: {@code "oui"} gives " ou", "oui", "ui ". */
    static void forEachTrigram(String word, Consumer<String> action) {
        String padded = " " + word + " ";
        int[] cps = padded.codePoints().toArray();
        for (int i = 0; i + 3 <= cps.length; i++) {
            action.accept(new String(cps, i, 3));
        }
    }

    private static Map<String, Double> logProbabilities(Map<String, Integer> counts, double smoothing,
            int vocabulary) {
        long total = counts.values().stream().mapToLong(Integer::longValue).sum();
        Map<String, Double> logs = new HashMap<>(counts.size() * 2);
        counts.forEach((key, count) -> logs.put(key,
                Math.log((1 - smoothing) * count / total + smoothing / vocabulary)));
        return logs;
    }

    private static int vocabulary(Map<String, Map<String, Integer>> countsByLanguage) {
        Set<String> all = new HashSet<>();
        countsByLanguage.values().forEach(counts -> all.addAll(counts.keySet()));
        return all.size() + 1;
    }

    private static void count(Map<String, Integer> counts, String key, int weight) {
        counts.merge(key, weight, Integer::sum);
    }

    private static void forEachLine(String resource, Consumer<String> action) {
        InputStream in = LanguageModel.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("language model resource missing from the bundle: "
                    + LanguageModel.class.getPackageName().replace('.', '/') + "/" + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    action.accept(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read language model resource " + resource, e);
        }
    }
}
