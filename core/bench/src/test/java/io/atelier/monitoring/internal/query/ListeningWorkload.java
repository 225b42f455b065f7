package io.atelier.monitoring.internal.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.atelier.api.monitoring.Mention;

/**
 * What an installation with many clients listens to, generated from one seed: brands
 * (made-up names), their products and handles, and the queries agencies write for
 * them — a brand alone, an OR list of its products and tags, a brand with topic
 * words and exclusions, phrases, prefixes, language, source and sentiment filters
 * (one query in ten starts with a prefix of its brand, one in ten excludes a
 * prefix).
 * Mentions are about 280 characters of everyday French or English, a third of them
 * naming a brand, a product, a tag or a handle, some with a URL.
 */
final class ListeningWorkload {

    private static final String[] SYLLABLES = { "ka", "zo", "vel", "mo", "ra", "li", "nu", "ta", "pre", "xi", "do",
            "ber", "sa", "fi", "lo", "gra", "ve", "qui", "né", "lé", "ro", "mi", "tor", "za", "bu", "cé", "dri", "ol",
            "an", "é", "kri", "wa", "jo", "pha", "stu", "yo", "gé", "hu", "plo", "fen", "dax", "mur", "tis", "vok",
            "ly", "bri", "sel", "nor", "ix", "ü", "ax", "tré", "quo", "zel", "rü", "kan", "sol", "vi", "dé", "ost" };
    private static final String[] MODELS = { "Pro", "Max", "Mini", "Air", "X2", "One", "Plus", "Lite", "Go", "2025" };
    private static final String[] COMMON_FR = ("le la les un une des de du et à au en pour pas que qui est sont avec "
            + "sur dans ce cette mais ou plus très bien tout comme je tu il elle nous vous ils on mon ma mes son sa "
            + "ça déjà encore jamais toujours aujourd'hui demain hier vraiment trop peu beaucoup c'est j'ai").split(" ");
    private static final String[] COMMON_EN = ("the a an and or to of in on for with at by from is are was were be "
            + "been it this that these those i you he she we they my your our their not but so just really very "
            + "today tomorrow yesterday again never always still it's don't can't i'm").split(" ");
    private static final String[] TOPIC_FR = ("livraison retard commande colis remboursement service client prix cher "
            + "qualité nouveau nouvelle appli mise jour panne bug magasin vendeur conseil garantie retour échange "
            + "promo soldes offre abonnement facture attente réponse équipe merci bravo déçu génial honteux "
            + "recommande adore déteste essayé acheté reçu cassé lent rapide écran batterie été hiver Noël "
            + "réduction fidélité carte événement lancement boutique site").split(" ");
    private static final String[] TOPIC_EN = ("delivery delay order package refund customer service price expensive "
            + "cheap quality new app update outage bug store seller advice warranty return exchange deal sale "
            + "offer subscription invoice waiting answer team thanks great disappointed awesome shameful recommend "
            + "love hate tried bought received broken slow fast screen battery summer winter christmas discount "
            + "loyalty card event launch shop website").split(" ");
    private static final String[] TOPIC_QUERIES = { "(livraison OR delivery OR retard OR delay OR colis)",
            "(prix OR price OR cher OR expensive OR promo)", "(panne OR outage OR bug OR cassé OR broken)",
            "(remboursement OR refund OR retour OR return)", "(\"service client\" OR \"customer service\" OR support)",
            "(déçu OR disappointed OR honteux OR shameful OR nul)", "(adore OR love OR génial OR awesome OR bravo)",
            "(appli OR app OR \"mise à jour\" OR update)" };
    private static final String[] EXCLUSIONS = { "-recrutement", "-job", "-\"offre d'emploi\"", "-concours",
            "-giveaway", "-stage", "-spam", "-(promo code)" };

    private final Random random;
    private final boolean prefixes;
    private final List<String> brands = new ArrayList<>();

    /** A workload of {@code brandCount} brands; without {@code prefixes}, no query has a prefix ({@code zolv*}). */
    ListeningWorkload(long seed, int brandCount, boolean prefixes) {
        random = new Random(seed);
        this.prefixes = prefixes;
        while (brands.size() < brandCount) {
            String brand = brandName();
            if (distinctive(brand)) {
                brands.add(brand);
            }
        }
    }

    /** {@code count} queries, ids {@code q0...}, parsed. */
    Map<String, ListeningQuery> queries(int count) {
        Map<String, ListeningQuery> queries = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            queries.put("q" + i, ListeningQuery.parse(query()));
        }
        return queries;
    }

    private String query() {
        String brand = pick(brands);
        String other = pick(brands);
        switch (random.nextInt(10)) {
            case 0:
            case 1:
                return brand;
            case 2:
            case 3:
                return "(" + brand + " OR \"" + brand + " " + pick(MODELS) + "\" OR \"" + brand + " " + pick(MODELS)
                        + "\" OR #" + brand + " OR @" + brand.toLowerCase(Locale.ROOT) + ")";
            case 4:
                return brand + " " + pick(TOPIC_QUERIES) + " " + pick(EXCLUSIONS);
            case 5:
                return "\"" + brand + " " + pick(MODELS) + "\" lang:" + (random.nextBoolean() ? "fr" : "en");
            case 6:
                if (!prefixes) {
                    return "\"" + brand + " " + pick(MODELS) + "\" -" + pick(TOPIC_FR);
                }
                String start = brand.substring(0, Math.min(brand.length(), Math.max(4, brand.length() - 2)));
                return start + "* -\"" + brand + " " + pick(MODELS) + "\"";
            case 7:
                return "(" + brand + " OR " + other + ") " + pick(TOPIC_QUERIES) + " lang:"
                        + (random.nextBoolean() ? "fr" : "en");
            case 8:
                return brand + " sentiment:negative -source:feed";
            default:
                return "(#" + brand + " OR @" + brand + ") -" + pick(TOPIC_EN) + (prefixes ? "*" : "");
        }
    }

    /** {@code count} mentions of about 280 characters, ids {@code m0...}. */
    List<Mention> mentions(int count) {
        List<Mention> mentions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean french = random.nextInt(5) < 3;
            StringBuilder text = new StringBuilder();
            boolean aboutBrand = random.nextInt(3) == 0;
            int brandAt = aboutBrand ? random.nextInt(30) : -1;
            for (int w = 0; text.length() < 270; w++) {
                if (w > 0) {
                    text.append(random.nextInt(12) == 0 ? ", " : random.nextInt(25) == 0 ? ". " : " ");
                }
                if (w == brandAt) {
                    text.append(brandMention());
                } else if (random.nextInt(150) == 0) {
                    text.append("https://www.").append(pick(brands).toLowerCase(Locale.ROOT)).append(".com/")
                            .append(pick(french ? TOPIC_FR : TOPIC_EN));
                } else if (random.nextInt(40) == 0) {
                    text.append('#').append(pick(french ? TOPIC_FR : TOPIC_EN));
                } else if (random.nextInt(3) == 0) {
                    text.append(pick(french ? TOPIC_FR : TOPIC_EN));
                } else {
                    text.append(pick(french ? COMMON_FR : COMMON_EN));
                }
            }
            Map<String, String> annotations = new HashMap<>();
            annotations.put(Mention.LANGUAGE, french ? "fr" : "en");
            annotations.put(Mention.SENTIMENT, pick(List.of("negative", "neutral", "positive")));
            mentions.add(new Mention("m" + i, pick(List.of("bluesky", "mastodon", "feed")), null, "someone",
                    text.toString(), Instant.EPOCH, null, annotations));
        }
        return mentions;
    }

    private String brandMention() {
        String brand = pick(brands);
        switch (random.nextInt(6)) {
            case 0:
                return brand + " " + pick(MODELS);
            case 1:
                return "#" + brand;
            case 2:
                return "@" + brand.toLowerCase(Locale.ROOT) + ".bsky.social";
            case 3:
                return brand.toUpperCase(Locale.ROOT);
            default:
                return brand;
        }
    }

    /**
     * Whether a made-up name could be a brand: five letters at least, and neither it nor
     * the prefixes the queries take of it start an everyday word of the mentions (a
     * brand called "Love" or "Évent" would match half of them).
     */
    private static boolean distinctive(String brand) {
        String name = Folding.fold(brand);
        if (name.length() < 5) {
            return false;
        }
        String start = name.substring(0, 4);
        for (String[] words : List.of(COMMON_FR, COMMON_EN, TOPIC_FR, TOPIC_EN, MODELS)) {
            for (String word : words) {
                if (Folding.fold(word).startsWith(start)) {
                    return false;
                }
            }
        }
        return true;
    }

    private String brandName() {
        StringBuilder name = new StringBuilder();
        int syllables = 2 + random.nextInt(2);
        for (int s = 0; s < syllables; s++) {
            name.append(pick(SYLLABLES));
        }
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private String pick(String[] array) {
        return array[random.nextInt(array.length)];
    }
}
