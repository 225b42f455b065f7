package io.atelier.monitoring.internal.moderation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.atelier.monitoring.internal.query.Tokenizer;
import io.atelier.monitoring.internal.query.Tokenizer.Token;

/**
 * A workspace's charter: words and phrases it does not want in what it receives or
 * sends. A term is found as whole words, in order, without case or accents, the way
 * listening queries fold text: {@code arnaque} finds {@code Arnaque}, {@code ARNAQUÉ}
 * and the hashtag {@code #arnaque}, not {@code arnaques}; {@code "scam artist"} finds
 * {@code Scam-artist}.
 */
public final class Charter {

    /** A term as written, and its folded words. */
    private record Term(String written, List<String> words) {
    }

    /** The charter with no term: nothing breaks it. */
    public static final Charter EMPTY = new Charter(List.of());

    private final List<Term> terms;

    private Charter(List<Term> terms) {
        this.terms = terms;
    }

    /** The charter of {@code terms}; a term with no word in it (punctuation only) is left out. */
    public static Charter of(Collection<String> terms) {
        List<Term> compiled = new ArrayList<>();
        for (String term : terms) {
            List<String> words = Tokenizer.tokens(term).stream().filter(t -> !isTagged(t)).map(Token::term)
                    .toList();
            if (!words.isEmpty()) {
                compiled.add(new Term(term, words));
            }
        }
        return compiled.isEmpty() ? EMPTY : new Charter(List.copyOf(compiled));
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** The terms {@code text} contains, as written in the charter, in the charter's order. */
    public List<String> breaches(String text) {
        if (terms.isEmpty() || text == null || text.isEmpty()) {
            return List.of();
        }
        // The words at each position: a tag's plain and tagged forms share one.
        List<Set<String>> positions = new ArrayList<>();
        for (Token token : Tokenizer.tokens(text)) {
            while (positions.size() <= token.position()) {
                positions.add(new HashSet<>(2));
            }
            positions.get(token.position()).add(token.term());
        }
        List<String> found = new ArrayList<>();
        for (Term term : terms) {
            if (contains(positions, term.words())) {
                found.add(term.written());
            }
        }
        return found;
    }

    /** What to tell a person whose text contains {@code breaches}: “a”, “b”. */
    public static String problem(List<String> breaches) {
        return "contains " + String.join(", ", breaches.stream().map(t -> "\u201c" + t + "\u201d").toList())
                + ", which the workspace's charter forbids";
    }

    private static boolean contains(List<Set<String>> positions, List<String> words) {
        for (int start = 0; start + words.size() <= positions.size(); start++) {
            int i = 0;
            while (i < words.size() && positions.get(start + i).contains(words.get(i))) {
                i++;
            }
            if (i == words.size()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTagged(Token token) {
        return token.term().startsWith("#") || token.term().startsWith("@");
    }
}
