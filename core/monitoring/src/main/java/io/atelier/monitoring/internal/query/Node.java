package io.atelier.monitoring.internal.query;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A parsed listening query, as a tree. Terms are already folded and tokenised by
 * {@link Tokenizer} (a tag keeps its {@code #} or {@code @}); {@link #toString()}
 * writes the tree back in the query language, fully parenthesised, so that it
 * parses to the same tree.
 */
public sealed interface Node permits Node.Term, Node.Prefix, Node.Phrase, Node.Filter, Node.And, Node.Or, Node.Not {

    /** A mention containing the token {@code term}. */
    record Term(String term) implements Node {

        public Term {
            Objects.requireNonNull(term, "term");
        }

        @Override
        public String toString() {
            return term;
        }
    }

    /** A mention containing a token that starts with {@code prefix}. */
    record Prefix(String prefix) implements Node {

        public Prefix {
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public String toString() {
            return prefix + "*";
        }
    }

    /** A mention containing {@code terms} at consecutive positions (at least two terms). */
    record Phrase(List<String> terms) implements Node {

        public Phrase {
            terms = List.copyOf(terms);
            if (terms.size() < 2) {
                throw new IllegalArgumentException("a phrase has at least two terms: " + terms);
            }
        }

        @Override
        public String toString() {
            return '"' + String.join(" ", terms) + '"';
        }
    }

    /** A mention whose {@code field} has the folded {@code value}. */
    record Filter(Field field, String value) implements Node {

        public Filter {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return field.key() + ":" + value;
        }
    }

    /** Every clause matches. */
    record And(List<Node> clauses) implements Node {

        public And {
            clauses = List.copyOf(clauses);
        }

        @Override
        public String toString() {
            return clauses.stream().map(Node::toString).collect(Collectors.joining(" AND ", "(", ")"));
        }
    }

    /** At least one clause matches. */
    record Or(List<Node> clauses) implements Node {

        public Or {
            clauses = List.copyOf(clauses);
        }

        @Override
        public String toString() {
            return clauses.stream().map(Node::toString).collect(Collectors.joining(" OR ", "(", ")"));
        }
    }

    /** The clause does not match. */
    record Not(Node clause) implements Node {

        public Not {
            Objects.requireNonNull(clause, "clause");
        }

        @Override
        public String toString() {
            return "NOT " + clause;
        }
    }

    /**
     * Whether every mention this node matches contains at least one of its terms or
     * prefixes: a term, a prefix or a phrase does; an AND does when one of its
     * clauses does; an OR when all of its clauses do; a NOT or a filter never does.
     * Only such queries are accepted, which is what lets the index look at a query
     * only when a mention has one of its words.
     */
    static boolean isPositive(Node node) {
        if (node instanceof Term || node instanceof Prefix || node instanceof Phrase) {
            return true;
        }
        if (node instanceof And and) {
            return and.clauses().stream().anyMatch(Node::isPositive);
        }
        if (node instanceof Or or) {
            return or.clauses().stream().allMatch(Node::isPositive);
        }
        return false;
    }
}
