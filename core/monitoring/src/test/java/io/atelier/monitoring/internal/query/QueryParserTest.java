package io.atelier.monitoring.internal.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryParserTest {

    private static Node.Term t(String term) {
        return new Node.Term(term);
    }

    private static Node.And and(Node... clauses) {
        return new Node.And(List.of(clauses));
    }

    private static Node.Or or(Node... clauses) {
        return new Node.Or(List.of(clauses));
    }

    private static Node.Not not(Node clause) {
        return new Node.Not(clause);
    }

    private static Node.Phrase phrase(String... terms) {
        return new Node.Phrase(List.of(terms));
    }

    private static void parses(String query, Node expected) {
        Node parsed = QueryParser.parse(query);
        assertEquals(expected, parsed, query);
        assertEquals(expected, QueryParser.parse(parsed.toString()), "written back as " + parsed);
    }

    @Test
    void words() {
        parses("Atelier", t("atelier"));
        parses("  Équinoxe  ", t("equinoxe"));
        parses("atelier zolvia", and(t("atelier"), t("zolvia")));
        parses("atelier AND zolvia", and(t("atelier"), t("zolvia")));
        parses("atelier OR zolvia OR kaprena", or(t("atelier"), t("zolvia"), t("kaprena")));
    }

    @Test
    void lowerCaseKeywordsAreWords() {
        parses("rock and roll", and(t("rock"), t("and"), t("roll")));
        parses("to be or not", and(t("to"), t("be"), t("or"), t("not")));
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        parses("a b OR c", or(and(t("a"), t("b")), t("c")));
        parses("a OR b c", or(t("a"), and(t("b"), t("c"))));
        parses("a AND b OR c AND d", or(and(t("a"), t("b")), and(t("c"), t("d"))));
        parses("a NOT b OR c", or(and(t("a"), not(t("b"))), t("c")));
        parses("NOT b a", and(not(t("b")), t("a")));
        parses("a -b -c", and(t("a"), not(t("b")), not(t("c"))));
    }

    @Test
    void parenthesesGroup() {
        parses("(a OR b) c", and(or(t("a"), t("b")), t("c")));
        parses("a (b (c OR d))", and(t("a"), and(t("b"), or(t("c"), t("d")))));
        parses("atelier -(prix OR price)", and(t("atelier"), not(or(t("prix"), t("price")))));
        parses("((atelier))", t("atelier"));
    }

    @Test
    void phrasesInStraightOrTypographicQuotes() {
        parses("\"service client\"", phrase("service", "client"));
        parses("“Service Client”", phrase("service", "client"));
        parses("«service client»", phrase("service", "client"));
        parses("\"Atelier\"", t("atelier"));
        parses("atelier -\"mise à jour\"", and(t("atelier"), not(phrase("mise", "a", "jour"))));
        parses("atelier\"mise à jour\"", and(t("atelier"), phrase("mise", "a", "jour")));
    }

    @Test
    void aWordOfSeveralTokensIsAPhrase() {
        parses("l'été", phrase("l", "ete"));
        parses("e-réputation", phrase("e", "reputation"));
        parses("atelier.io", phrase("atelier", "io"));
        parses("https://atelier.io/blog", phrase("https", "atelier", "io", "blog"));
        parses("10:30", phrase("10", "30"));
    }

    @Test
    void tagsKeepTheirSign() {
        parses("#Été2024", t("#ete2024"));
        parses("@atelier.bsky.social", phrase("@atelier", "bsky", "social"));
        parses("\"#atelier rocks\"", phrase("#atelier", "rocks"));
        parses("C#", t("c"));
    }

    @Test
    void prefixes() {
        parses("reput*", new Node.Prefix("reput"));
        parses("Éco*", new Node.Prefix("eco"));
        parses("#ete*", new Node.Prefix("#ete"));
        parses("atelier -zo*", and(t("atelier"), not(new Node.Prefix("zo"))));
    }

    @Test
    void filters() {
        parses("atelier lang:FR", and(t("atelier"), new Node.Filter(Field.LANG, "fr")));
        parses("atelier Source:Bluesky", and(t("atelier"), new Node.Filter(Field.SOURCE, "bluesky")));
        parses("atelier sentiment:negative -lang:en",
                and(t("atelier"), new Node.Filter(Field.SENTIMENT, "negative"), not(new Node.Filter(Field.LANG, "en"))));
        parses("(atelier OR zolvia) (lang:fr OR lang:en)", and(or(t("atelier"), t("zolvia")),
                or(new Node.Filter(Field.LANG, "fr"), new Node.Filter(Field.LANG, "en"))));
        parses("atelier source:my-feed.2", and(t("atelier"), new Node.Filter(Field.SOURCE, "my-feed.2")));
    }

    @Test
    void aQueryOfLimitSizeIsAccepted() {
        String words = IntStream.range(0, QueryParser.MAX_CLAUSES).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
        Node parsed = QueryParser.parse(words);
        assertEquals(QueryParser.MAX_CLAUSES, ((Node.And) parsed).clauses().size());
        String nested = "(".repeat(QueryParser.MAX_DEPTH) + "a" + ")".repeat(QueryParser.MAX_DEPTH);
        assertEquals(t("a"), QueryParser.parse(nested));
        assertEquals(t("a"), QueryParser.parse("a" + " ".repeat(QueryParser.MAX_LENGTH - 1)));
    }

    @ParameterizedTest(name = "[{index}] «{0}» at {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                         | 0  | the query is empty",
        "`   `                      | 0  | the query is empty",
        "(atelier                   | 0  | '(' is never closed",
        "a (b OR c                  | 2  | '(' is never closed",
        "a (b (c) d                 | 2  | '(' is never closed",
        "atelier)                   | 7  | ')' has no matching '('",
        ") atelier                  | 0  | ')' has no matching '('",
        "()                         | 0  | the parentheses are empty",
        "a ( ) b                    | 2  | the parentheses are empty",
        "`\"service client`         | 0  | the quote opened here is never closed",
        "`a \"b c`                  | 2  | the quote opened here is never closed",
        "`\"\"`                     | 0  | the quotes hold no word",
        "`\"atelier pro*\"`         | 12 | '*' does not work inside quotes",
        "atelier AND                | 8  | AND needs a clause on its right",
        "AND atelier                | 0  | AND needs a clause on its left",
        "atelier OR                 | 8  | OR needs a clause on its right",
        "OR atelier                 | 0  | OR needs a clause on its left",
        "atelier OR OR zolvia       | 8  | OR needs a clause on its right",
        "atelier AND OR zolvia      | 8  | AND needs a clause on its right",
        "(AND a)                    | 1  | AND needs a clause on its left",
        "NOT                        | 0  | NOT needs a clause after it",
        "atelier NOT                | 8  | NOT needs a clause after it",
        "atelier (NOT)              | 9  | NOT needs a clause after it",
        "- atelier                  | 0  | '-' needs a clause right after it",
        "atelier -                  | 8  | '-' needs a clause right after it",
        "(atelier -)                | 9  | '-' needs a clause right after it",
        "NOT atelier                | 0  | a query needs at least one positive term",
        "-atelier -zolvia           | 0  | a query needs at least one positive term",
        "lang:fr                    | 0  | a query needs at least one positive term",
        "lang:fr -atelier           | 0  | a query needs at least one positive term",
        "NOT NOT atelier            | 0  | a query needs at least one positive term",
        "atelier OR -zolvia         | 11 | every side of an OR needs a positive term",
        "atelier OR lang:fr         | 11 | every side of an OR needs a positive term",
        "(atelier OR (-a -b))       | 12 | every side of an OR needs a positive term",
        "a*                         | 0  | a prefix needs at least 2 letters or digits before '*'",
        "atelier é*                 | 8  | a prefix needs at least 2 letters or digits before '*'",
        "#a*                        | 0  | a prefix needs at least 2 letters or digits before '*'",
        "*                          | 0  | a prefix needs at least 2 letters or digits before '*'",
        "ab*cd                      | 2  | '*' can only end a word",
        "atelier **                 | 8  | '*' can only end a word",
        "e-rep*                     | 0  | a prefix is a single word of letters and digits",
        "rep.*                      | 4  | '*' must come right after a letter or digit",
        "foo:bar                    | 0  | unknown field 'foo'",
        "atelier mood:happy         | 8  | unknown field 'mood'",
        "atelier lang:              | 13 | lang: needs a value",
        "atelier lang:french        | 13 | lang: expects a language code",
        "atelier sentiment:bad      | 18 | sentiment: expects negative, neutral or positive",
        "atelier source:my/feed     | 15 | source: expects a source id",
        "!!!                        | 0  | '!!!' has no letters or digits to search for",
        "atelier &                  | 8  | '&' has no letters or digits to search for",
    })
    void refusesWithThePosition(String query, int position, String message) {
        QueryException refused = assertThrows(QueryException.class, () -> QueryParser.parse(query));
        assertEquals(position, refused.error().position(), refused.getMessage());
        assertTrue(refused.error().message().startsWith(message), refused.getMessage());
    }

    @Test
    void refusesAnOverLongQueryAtTheLimit() {
        String text = "atelier ".repeat(251);
        QueryException refused = assertThrows(QueryException.class, () -> QueryParser.parse(text));
        assertEquals(new QueryError(2_000, "a query has at most 2000 characters; this one has 2008"), refused.error());
    }

    @Test
    void refusesTooManyClausesAtTheFirstOneTooMany() {
        String words = IntStream.range(0, QueryParser.MAX_CLAUSES + 1).mapToObj(i -> "w" + i)
                .collect(Collectors.joining(" "));
        QueryException refused = assertThrows(QueryException.class, () -> QueryParser.parse(words));
        assertEquals(words.indexOf("w200"), refused.error().position());
        assertTrue(refused.error().message().startsWith("a query has at most 200 clauses"));
    }

    @Test
    void refusesNestingDeeperThanTheLimitAtTheFirstParenthesisTooMany() {
        int depth = QueryParser.MAX_DEPTH + 1;
        String nested = "(".repeat(depth) + "a" + ")".repeat(depth);
        QueryException refused = assertThrows(QueryException.class, () -> QueryParser.parse(nested));
        assertEquals(QueryParser.MAX_DEPTH, refused.error().position());
        assertTrue(refused.error().message().startsWith("the query is nested deeper than 32"));
    }

    @Test
    void theFirstProblemFromTheLeftIsReported() {
        QueryException refused = assertThrows(QueryException.class, () -> QueryParser.parse("a* AND \"b"));
        assertEquals(0, refused.error().position());
    }

    @Test
    void theExceptionMessageNamesThePosition() {
        QueryException refused = assertThrows(QueryException.class, () -> ListeningQuery.parse("(atelier"));
        assertEquals("at 0: '(' is never closed", refused.getMessage());
    }
}
