package io.atelier.monitoring.internal.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the anchors of a query: terms and prefixes such that every mention the
 * query matches has at least one of them. The index files a query under its anchors
 * and looks at it only when a mention has one, so the choice aims at the rarest:
 * for an AND the clause whose anchors are cheapest, for an OR the anchors of every
 * side, for a phrase its rarest term; NOT and filters are never anchors.
 *
 * <p>How rare a word is in mentions is guessed from the queries themselves: very
 * common French and English words cost most, then the shorter a word the more
 * common it is; a tag ({@code #ete}) is rarer than its word; a prefix is more common
 * than a word of its length; and the cost grows with the number of queries that use
 * the word, since words that many queries share ({@code livraison}, {@code love})
 * are the everyday words added to brand names, while a brand name appears in the
 * few queries of its client.
 */
final class Anchors {

    /** An anchor: a term, or a prefix. */
    record Key(String text, boolean prefix) {
    }

    /** The anchors chosen for a node and the estimated share of mentions that have one. */
    record Choice(Set<Key> keys, double cost) {
    }

    private static final Set<String> COMMON = Set.copyOf(List.of(
            // French
            "a", "au", "aux", "avec", "c", "ce", "ces", "cette", "d", "dans", "de", "des", "du", "elle", "en", "est",
            "et", "etait", "il", "ils", "j", "je", "l", "la", "le", "les", "leur", "lui", "m", "ma", "mais", "me",
            "mes", "moi", "mon", "n", "ne", "nous", "on", "ou", "par", "pas", "plus", "pour", "qu", "que", "qui",
            "s", "sa", "se", "ses", "son", "sont", "sur", "t", "ta", "te", "tes", "toi", "ton", "tres", "tu", "un",
            "une", "vos", "votre", "vous", "y", "ca", "fait", "faire", "bien", "tout", "tous", "comme", "ai", "as",
            "avoir", "etre", "suis", "sommes", "ete",
            // English
            "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "do", "for", "from", "had", "has",
            "have", "he", "her", "his", "i", "if", "in", "is", "it", "its", "just", "my", "not", "of", "on", "or",
            "our", "she", "so", "that", "the", "their", "them", "they", "this", "to", "was", "we", "were", "what",
            "when", "which", "who", "will", "with", "you", "your", "all", "about", "me", "no", "up", "out", "get",
            "like", "one", "new", "now", "more", "https", "http", "www", "com"));

    /** How many queries use each term and prefix. */
    private final Map<Key, Integer> usage;

    /** Anchors for queries whose terms and prefixes are used by {@code usage} queries each (absent: one). */
    Anchors(Map<Key, Integer> usage) {
        this.usage = usage;
    }

    /** The anchors of {@code node}, or {@code null} when it has none (it is not {@link Node#isPositive positive}). */
    Choice choose(Node node) {
        if (node instanceof Node.Term term) {
            Key key = new Key(term.term(), false);
            return new Choice(Set.of(key), cost(key));
        }
        if (node instanceof Node.Prefix prefix) {
            Key key = new Key(prefix.prefix(), true);
            return new Choice(Set.of(key), cost(key));
        }
        if (node instanceof Node.Phrase phrase) {
            Key rarest = null;
            for (String term : phrase.terms()) {
                Key key = new Key(term, false);
                if (rarest == null || cost(key) < cost(rarest)) {
                    rarest = key;
                }
            }
            return new Choice(Set.of(rarest), cost(rarest));
        }
        if (node instanceof Node.And and) {
            Choice best = null;
            for (Node clause : and.clauses()) {
                Choice choice = choose(clause);
                if (choice != null && (best == null || choice.cost() < best.cost())) {
                    best = choice;
                }
            }
            return best;
        }
        if (node instanceof Node.Or or) {
            Set<Key> keys = new LinkedHashSet<>();
            double cost = 0;
            for (Node side : or.clauses()) {
                Choice choice = choose(side);
                if (choice == null) {
                    return null;
                }
                keys.addAll(choice.keys());
                cost += choice.cost();
            }
            return new Choice(keys, cost);
        }
        return null;
    }

    /** The terms and prefixes {@code node} uses anywhere, NOT clauses included, for the vocabulary. */
    static List<Key> vocabulary(Node node) {
        List<Key> keys = new ArrayList<>();
        collect(node, keys);
        return keys;
    }

    private static void collect(Node node, List<Key> keys) {
        if (node instanceof Node.Term term) {
            keys.add(new Key(term.term(), false));
        } else if (node instanceof Node.Prefix prefix) {
            keys.add(new Key(prefix.prefix(), true));
        } else if (node instanceof Node.Phrase phrase) {
            phrase.terms().forEach(t -> keys.add(new Key(t, false)));
        } else if (node instanceof Node.And and) {
            and.clauses().forEach(c -> collect(c, keys));
        } else if (node instanceof Node.Or or) {
            or.clauses().forEach(c -> collect(c, keys));
        } else if (node instanceof Node.Not not) {
            collect(not.clause(), keys);
        }
    }

    /** The estimated share of mentions that have {@code key}, made larger by the number of queries using it. */
    double cost(Key key) {
        double alone = key.prefix() ? prefixCost(key.text()) : termCost(key.text());
        return alone * usage.getOrDefault(key, 1);
    }

    static double termCost(String term) {
        boolean tagged = isTagged(term);
        String word = tagged ? term.substring(1) : term;
        double cost = COMMON.contains(word) ? 1.0 : byLength(word.length());
        return tagged ? cost / 4 : cost;
    }

    static double prefixCost(String prefix) {
        boolean tagged = isTagged(prefix);
        int length = prefix.length() - (tagged ? 1 : 0);
        double cost = length <= 2 ? 0.9 : length == 3 ? 0.5 : Math.min(0.5, 3 * byLength(length));
        return tagged ? cost / 4 : cost;
    }

    private static double byLength(int length) {
        switch (length) {
            case 1:
                return 0.6;
            case 2:
                return 0.3;
            case 3:
                return 0.1;
            case 4:
                return 0.04;
            case 5:
                return 0.02;
            default:
                return 0.01;
        }
    }

    private static boolean isTagged(String term) {
        return term.length() > 1 && (term.charAt(0) == '#' || term.charAt(0) == '@');
    }
}
