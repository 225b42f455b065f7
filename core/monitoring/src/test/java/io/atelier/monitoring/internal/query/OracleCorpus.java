package io.atelier.monitoring.internal.query;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.atelier.api.monitoring.Mention;

/**
 * A generated corpus for comparing the engine with Lucene Monitor: mentions made of
 * French and English words written every which way (capitals, accents dropped or
 * decomposed, hashtags, handles, URLs, apostrophes, hyphens, punctuation), with
 * random fields; and queries of every shape (words, phrases taken from the
 * mentions, prefixes, tags, filters, AND, OR, NOT, nesting) written as a person
 * would type them. Everything comes from one seeded {@link Random}.
 */
final class OracleCorpus {

    static final List<String> WORDS = List.of(
            // French
            "été", "école", "château", "crème", "brûlée", "français", "cœur", "sœur", "œuvre", "naïve", "café",
            "déçu", "déçue", "génial", "réputation", "e-réputation", "aujourd'hui", "l'été", "qu'il", "livraison",
            "retard", "remboursement", "service", "client", "produit", "nouveau", "nouvelle", "prix", "cher", "panne",
            "appli", "mise", "jour", "commande", "colis", "reçu", "honteux", "merci", "bravo", "équipe", "forêt",
            "Noël", "hôtel", "où", "à", "très", "qualité", "fenêtre", "garçon", "Œdipe", "straße", "coût", "goût",
            "élève", "être", "fête", "ça", "déjà", "là", "plutôt", "réseau", "réseaux", "sociaux",
            // English
            "summer", "launch", "coffee", "brand", "support", "delivery", "refund", "great", "awful", "terrible",
            "love", "hate", "price", "expensive", "cheap", "bug", "crash", "app", "update", "order", "package",
            "thanks", "team", "don't", "it's", "can't", "naïveté", "résumé", "café-au-lait", "well-known", "e-mail",
            "customer", "service", "reputation", "reputable", "launches", "launched", "sum", "summit",
            // brands, tags, handles, URLs, numbers
            "Atelier", "Zolvia", "Kaprena", "Équinoxe", "Cœurdelion", "#Atelier", "#été2024", "#SAV", "#BadBuzz",
            "@atelier", "@zolvia.bsky.social", "@jean_dupont", "https://www.atelier.io/blog/été",
            "http://zolvia.fr/prix?x=1", "atelier.io", "2024", "v2.0", "C#", "jean@example.com", "n°1", "24h/24");

    private static final String[] SEPARATORS = { " ", " ", " ", " ", ", ", ". ", " - ", "\n", " (", ") ", "! ", "…",
            " / ", "'" };
    private static final String[] LANGS = { "fr", "en", "FR", "unknown", null };
    private static final String[] SOURCES = { "bluesky", "mastodon", "feed", "Bluesky" };
    private static final String[] SENTIMENTS = { "negative", "neutral", "positive", null };
    private static final String[] FILTERS = { "lang:fr", "lang:en", "LANG:FR", "lang:unknown", "source:bluesky",
            "source:feed", "source:mastodon", "sentiment:negative", "sentiment:positive", "sentiment:neutral" };

    private final Random random;
    private final List<Mention> mentions = new ArrayList<>();

    OracleCorpus(long seed) {
        random = new Random(seed);
    }

    /** Makes {@code count} mentions (ids {@code m0...}). */
    List<Mention> mentions(int count) {
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            int words = 3 + random.nextInt(40);
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
                }
                text.append(mentionVariant(pick(WORDS)));
            }
            Map<String, String> annotations = new HashMap<>();
            String lang = LANGS[random.nextInt(LANGS.length)];
            if (lang != null) {
                annotations.put(Mention.LANGUAGE, lang);
            }
            String sentiment = SENTIMENTS[random.nextInt(SENTIMENTS.length)];
            if (sentiment != null) {
                annotations.put(Mention.SENTIMENT, sentiment);
            }
            mentions.add(new Mention("m" + i, SOURCES[random.nextInt(SOURCES.length)], null, "author",
                    text.toString(), Instant.EPOCH, null, annotations));
        }
        return mentions;
    }

    /** Makes one query text; it may be refused by the parser (the caller draws again). */
    String query() {
        return node(0);
    }

    private String node(int depth) {
        double x = random.nextDouble();
        if (depth >= 3 || x < 0.35) {
            return leaf();
        }
        if (x < 0.65) {
            int count = 2 + random.nextInt(3);
            String joiner = random.nextBoolean() ? " " : " AND ";
            List<String> clauses = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String clause = node(depth + 1);
                clauses.add(random.nextDouble() < 0.3 ? negate(clause) : clause);
            }
            return String.join(joiner, clauses);
        }
        if (x < 0.9) {
            int count = 2 + random.nextInt(4);
            List<String> sides = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sides.add(node(depth + 1));
            }
            return "(" + String.join(" OR ", sides) + ")";
        }
        return "(" + node(depth + 1) + ")";
    }

    private String negate(String clause) {
        String operand = clause.contains(" ") && !clause.startsWith("(") && !clause.startsWith("\"")
                ? "(" + clause + ")" : clause;
        return random.nextBoolean() ? "-" + operand : "NOT " + operand;
    }

    private String leaf() {
        double x = random.nextDouble();
        if (x < 0.35) {
            return queryVariant(pick(WORDS));
        }
        if (x < 0.55) {
            return phraseFromMention();
        }
        if (x < 0.72) {
            String word = pick(WORDS);
            int length = Math.min(word.length(), 2 + random.nextInt(4));
            return queryVariant(word.substring(0, length)) + "*";
        }
        if (x < 0.82) {
            return (random.nextBoolean() ? "#" : "@") + queryVariant(pick(WORDS));
        }
        return FILTERS[random.nextInt(FILTERS.length)];
    }

    /** Two to four consecutive words of a mention, in quotes, so that phrases do match. */
    private String phraseFromMention() {
        if (mentions.isEmpty()) {
            return "\"" + pick(WORDS) + " " + pick(WORDS) + "\"";
        }
        String[] words = mentions.get(random.nextInt(mentions.size())).text().split("\\s+");
        int length = Math.min(words.length, 2 + random.nextInt(3));
        int from = random.nextInt(words.length - length + 1);
        String phrase = String.join(" ", List.of(words).subList(from, from + length));
        phrase = phrase.replaceAll("[\"“”«»*]", " ");
        return random.nextInt(5) == 0 ? "“" + phrase + "”" : "\"" + phrase + "\"";
    }

    private String mentionVariant(String word) {
        switch (random.nextInt(12)) {
            case 0:
                return word.toUpperCase(Locale.ROOT);
            case 1:
                return capitalised(word);
            case 2:
                return withoutAccents(word);
            case 3:
                return Normalizer.normalize(word, Normalizer.Form.NFD);
            case 4:
                return "#" + word;
            case 5:
                return "@" + word;
            case 6:
                return word + pick(List.of(",", "!", "?", "...", ":", ";"));
            default:
                return word;
        }
    }

    private String queryVariant(String word) {
        switch (random.nextInt(6)) {
            case 0:
                return word.toUpperCase(Locale.ROOT);
            case 1:
                return capitalised(word);
            case 2:
                return withoutAccents(word);
            default:
                return word;
        }
    }

    private static String capitalised(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    private static String withoutAccents(String word) {
        return Normalizer.normalize(word, Normalizer.Form.NFD).replaceAll("\\p{Mn}", "");
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
