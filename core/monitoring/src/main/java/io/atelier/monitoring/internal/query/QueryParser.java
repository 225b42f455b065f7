package io.atelier.monitoring.internal.query;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the listening-query language into a {@link Node} tree, or refuses the query
 * with a {@link QueryError} at the first problem.
 *
 * <p>Grammar ({@code NOT} binds tighter than {@code AND}, which binds tighter than
 * {@code OR}; two clauses side by side are an {@code AND}):
 * <pre>
 * query   = or END
 * or      = and { "OR" and }
 * and     = unary { ["AND"] unary }
 * unary   = ("NOT" | "-") unary | primary
 * primary = "(" or ")" | phrase | word
 * </pre>
 * A word is a run of characters up to a space, a parenthesis or a quote: text
 * (tokenised by {@link Tokenizer}; a word of several tokens, such as {@code l'été},
 * is a phrase), a prefix ({@code reput*}) or a field filter ({@code lang:fr}). A
 * phrase is text in straight or typographic quotes. {@code AND}, {@code OR} and
 * {@code NOT} are keywords only in upper case. A query must be positive (see
 * {@link Node#isPositive}).
 */
public final class QueryParser {

    /** Longest query text, in characters. */
    public static final int MAX_LENGTH = 2_000;
    /** Most clauses (words, phrases, prefixes and filters) in one query. */
    public static final int MAX_CLAUSES = 200;
    /** Deepest nesting of parentheses and NOT. */
    public static final int MAX_DEPTH = 32;

    private enum Kind { WORD, PHRASE, OPEN, CLOSE, AND, OR, NOT, MINUS, END }

    /** One lexeme; for a phrase, {@code text} is what is between the quotes and starts at {@code start + 1}. */
    private record Lexeme(Kind kind, String text, int start) {
    }

    private final String text;
    private final Map<Node, Integer> starts = new IdentityHashMap<>();
    private int offset;
    private Lexeme peeked;
    private int clauses;

    private QueryParser(String text) {
        this.text = text;
    }

    /** Parses {@code text}, throwing {@link QueryException} at the first problem. */
    public static Node parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw error(MAX_LENGTH, "a query has at most " + MAX_LENGTH + " characters; this one has " + text.length());
        }
        if (text.isBlank()) {
            throw error(0, "the query is empty");
        }
        return new QueryParser(text).query();
    }

    private Node query() {
        Node root = or(0);
        Lexeme rest = peek();
        if (rest.kind() == Kind.CLOSE) {
            throw error(rest.start(), "')' has no matching '('");
        }
        if (!Node.isPositive(root)) {
            throw notPositive(root);
        }
        return root;
    }

    private QueryException notPositive(Node root) {
        if (root instanceof Node.Or or) {
            for (Node side : or.clauses()) {
                if (!Node.isPositive(side)) {
                    return error(starts.get(side), "every side of an OR needs a positive term (a word, a phrase or a"
                            + " prefix); this side has only NOT or filters and would match almost every mention");
                }
            }
        }
        return error(starts.get(root), "a query needs at least one positive term (a word, a phrase or a prefix):"
                + " NOT and filters only narrow down what the words find");
    }

    private Node or(int depth) {
        int start = peek().start();
        List<Node> sides = new ArrayList<>();
        sides.add(and(depth));
        while (peek().kind() == Kind.OR) {
            Lexeme or = next();
            if (!startsUnary(peek())) {
                throw error(or.start(), "OR needs a clause on its right");
            }
            sides.add(and(depth));
        }
        return sides.size() == 1 ? sides.get(0) : at(start, new Node.Or(sides));
    }

    private Node and(int depth) {
        int start = peek().start();
        List<Node> clauses = new ArrayList<>();
        clauses.add(unary(depth));
        while (true) {
            Lexeme next = peek();
            if (next.kind() == Kind.AND) {
                next();
                if (!startsUnary(peek())) {
                    throw error(next.start(), "AND needs a clause on its right");
                }
                clauses.add(unary(depth));
            } else if (startsUnary(next)) {
                clauses.add(unary(depth));
            } else {
                break;
            }
        }
        return clauses.size() == 1 ? clauses.get(0) : at(start, new Node.And(clauses));
    }

    private Node unary(int depth) {
        Lexeme first = peek();
        if (first.kind() == Kind.NOT || first.kind() == Kind.MINUS) {
            next();
            if (!startsUnary(peek())) {
                throw error(first.start(), first.kind() == Kind.NOT ? "NOT needs a clause after it"
                        : "'-' needs a clause right after it, as in -word");
            }
            deeper(first, depth);
            return at(first.start(), new Node.Not(unary(depth + 1)));
        }
        return primary(depth);
    }

    private Node primary(int depth) {
        Lexeme lexeme = next();
        switch (lexeme.kind()) {
            case OPEN: {
                deeper(lexeme, depth);
                Kind inside = peek().kind();
                if (inside == Kind.CLOSE) {
                    throw error(lexeme.start(), "the parentheses are empty");
                }
                if (inside == Kind.END) {
                    throw error(lexeme.start(), "'(' is never closed");
                }
                Node group = or(depth + 1);
                if (peek().kind() != Kind.CLOSE) {
                    throw error(lexeme.start(), "'(' is never closed");
                }
                next();
                starts.put(group, lexeme.start());
                return group;
            }
            case PHRASE:
                return phrase(lexeme);
            case WORD:
                return word(lexeme);
            case AND:
            case OR:
                throw error(lexeme.start(), lexeme.kind() + " needs a clause on its left");
            case CLOSE:
                throw error(lexeme.start(), "')' has no matching '('");
            default:
                throw error(lexeme.start(), "a clause is missing here");
        }
    }

    private void deeper(Lexeme lexeme, int depth) {
        if (depth >= MAX_DEPTH) {
            throw error(lexeme.start(),
                    "the query is nested deeper than " + MAX_DEPTH + " levels of parentheses and NOT");
        }
    }

    private Node phrase(Lexeme lexeme) {
        int contentStart = lexeme.start() + 1;
        int star = lexeme.text().indexOf('*');
        if (star >= 0) {
            throw error(contentStart + star, "'*' does not work inside quotes: a phrase is matched word for word");
        }
        List<String> terms = terms(Tokenizer.tokens(lexeme.text()));
        if (terms.isEmpty()) {
            throw error(lexeme.start(), "the quotes hold no word to search for");
        }
        return leaf(lexeme.start(), terms.size() == 1 ? new Node.Term(terms.get(0)) : new Node.Phrase(terms));
    }

    private Node word(Lexeme lexeme) {
        String word = lexeme.text();
        int start = lexeme.start();
        int colon = word.indexOf(':');
        if (colon > 0 && isAsciiLetters(word, colon) && !word.startsWith("//", colon + 1)) {
            return filter(word, start, colon);
        }
        int star = word.indexOf('*');
        if (star >= 0) {
            return prefix(word, start, star);
        }
        List<String> terms = terms(Tokenizer.tokens(word));
        if (terms.isEmpty()) {
            throw error(start, "'" + word + "' has no letters or digits to search for");
        }
        return leaf(start, terms.size() == 1 ? new Node.Term(terms.get(0)) : new Node.Phrase(terms));
    }

    private Node filter(String word, int start, int colon) {
        String name = word.substring(0, colon);
        Optional<Field> field = Field.named(name);
        if (field.isEmpty()) {
            throw error(start, "unknown field '" + name + "': the fields are " + Field.names()
                    + " (put text that contains ':' in quotes)");
        }
        String value = word.substring(colon + 1);
        if (value.isEmpty()) {
            throw error(start + colon + 1, field.get().key() + ": needs a value, as in " + field.get().key() + ":"
                    + example(field.get()));
        }
        String folded = Folding.fold(value);
        String problem = field.get().problemWith(folded);
        if (problem != null) {
            throw error(start + colon + 1, problem);
        }
        return leaf(start, new Node.Filter(field.get(), folded));
    }

    private static String example(Field field) {
        switch (field) {
            case LANG:
                return "fr";
            case SENTIMENT:
                return "negative";
            default:
                return "bluesky";
        }
    }

    private Node prefix(String word, int start, int star) {
        if (star != word.length() - 1) {
            throw error(start + star, "'*' can only end a word, as in reput*");
        }
        String body = word.substring(0, star);
        List<Tokenizer.Token> tokens = Tokenizer.tokens(body);
        List<String> terms = terms(tokens);
        if (terms.size() > 1) {
            throw error(start, "a prefix is a single word of letters and digits, as in reput*; '" + word
                    + "' has several");
        }
        if (terms.isEmpty() || lettersAndDigits(body, tokens.get(0)) < 2) {
            throw error(start, "a prefix needs at least 2 letters or digits before '*', as in re*");
        }
        if (tokens.get(0).end() != body.length()) {
            throw error(start + star, "'*' must come right after a letter or digit, as in reput*");
        }
        return leaf(start, new Node.Prefix(terms.get(0)));
    }

    private static int lettersAndDigits(String body, Tokenizer.Token token) {
        return (int) body.substring(token.start(), token.end()).codePoints().filter(Character::isLetterOrDigit).count();
    }

    /** One term per position, the tagged form ({@code #ete}) where there is one. */
    private static List<String> terms(List<Tokenizer.Token> tokens) {
        List<String> terms = new ArrayList<>();
        for (Tokenizer.Token token : tokens) {
            if (token.position() == terms.size()) {
                terms.add(token.term());
            } else {
                terms.set(token.position(), token.term());
            }
        }
        return terms;
    }

    private Node leaf(int start, Node node) {
        if (++clauses > MAX_CLAUSES) {
            throw error(start,
                    "a query has at most " + MAX_CLAUSES + " clauses (words, phrases, prefixes and filters)");
        }
        return at(start, node);
    }

    private Node at(int start, Node node) {
        starts.putIfAbsent(node, start);
        return node;
    }

    private static boolean startsUnary(Lexeme lexeme) {
        switch (lexeme.kind()) {
            case WORD:
            case PHRASE:
            case OPEN:
            case NOT:
            case MINUS:
                return true;
            default:
                return false;
        }
    }

    private static boolean isAsciiLetters(String word, int end) {
        for (int i = 0; i < end; i++) {
            char c = word.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    // Lexer ---------------------------------------------------------------------------------

    private Lexeme peek() {
        if (peeked == null) {
            peeked = lex();
        }
        return peeked;
    }

    private Lexeme next() {
        Lexeme lexeme = peek();
        peeked = null;
        return lexeme;
    }

    private Lexeme lex() {
        int n = text.length();
        while (offset < n && isSpace(text.charAt(offset))) {
            offset++;
        }
        if (offset == n) {
            return new Lexeme(Kind.END, "", n);
        }
        int start = offset;
        char c = text.charAt(offset);
        if (c == '(') {
            offset++;
            return new Lexeme(Kind.OPEN, "(", start);
        }
        if (c == ')') {
            offset++;
            return new Lexeme(Kind.CLOSE, ")", start);
        }
        if (isOpeningQuote(c)) {
            int close = offset + 1;
            while (close < n && !isClosingQuote(text.charAt(close))) {
                close++;
            }
            if (close == n) {
                throw error(start, "the quote opened here is never closed");
            }
            offset = close + 1;
            return new Lexeme(Kind.PHRASE, text.substring(start + 1, close), start);
        }
        if (c == '-') {
            if (offset + 1 == n || isSpace(text.charAt(offset + 1)) || text.charAt(offset + 1) == ')') {
                throw error(start, "'-' needs a clause right after it, without a space, as in -word");
            }
            offset++;
            return new Lexeme(Kind.MINUS, "-", start);
        }
        while (offset < n) {
            char w = text.charAt(offset);
            if (isSpace(w) || w == '(' || w == ')' || isOpeningQuote(w)) {
                break;
            }
            offset++;
        }
        String word = text.substring(start, offset);
        switch (word) {
            case "AND":
                return new Lexeme(Kind.AND, word, start);
            case "OR":
                return new Lexeme(Kind.OR, word, start);
            case "NOT":
                return new Lexeme(Kind.NOT, word, start);
            default:
                return new Lexeme(Kind.WORD, word, start);
        }
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean isOpeningQuote(char c) {
        return c == '"' || c == '\u201C' || c == '\u201D' || c == '\u00AB';
    }

    private static boolean isClosingQuote(char c) {
        return c == '"' || c == '\u201C' || c == '\u201D' || c == '\u00BB';
    }

    private static QueryException error(int position, String message) {
        return new QueryException(new QueryError(position, message));
    }
}
