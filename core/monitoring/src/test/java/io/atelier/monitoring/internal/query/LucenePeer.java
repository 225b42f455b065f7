package io.atelier.monitoring.internal.query;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultiMatchingQueries;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import io.atelier.api.monitoring.Mention;

/**
 * The same listening queries in Lucene Monitor (default configuration: in memory,
 * {@code TermFilteredPresearcher}), for the oracle test and the benchmark. Each
 * query tree is translated by hand into Lucene queries over a {@link FoldingAnalyzer}
 * field: a term is a {@link TermQuery}, a prefix a {@link PrefixQuery}, a phrase a
 * {@link PhraseQuery} (no slop), a filter a {@link TermQuery} on a keyword field
 * holding the folded value, AND / OR / NOT a {@link BooleanQuery} with MUST /
 * SHOULD / MUST_NOT clauses (a NOT with no positive clause beside it is "all
 * documents but").
 */
public final class LucenePeer implements Closeable {

    static final String TEXT = "text";

    private final Monitor monitor;

    public LucenePeer() {
        try {
            monitor = new Monitor(new FoldingAnalyzer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers {@code queries} (replacing those with the same ids). */
    public void register(Map<String, ListeningQuery> queries) {
        List<MonitorQuery> all = new ArrayList<>();
        queries.forEach((id, query) -> all.add(new MonitorQuery(id, translate(query.root()))));
        try {
            monitor.register(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of the queries {@code mention} matches; fails if Lucene reports an error for a query. */
    public Set<String> match(Mention mention) {
        try {
            MatchingQueries<QueryMatch> matches = monitor.match(document(mention), QueryMatch.SIMPLE_MATCHER);
            if (!matches.getErrors().isEmpty()) {
                throw new IllegalStateException("Lucene Monitor failed on queries " + matches.getErrors());
            }
            Set<String> ids = new LinkedHashSet<>();
            matches.getMatches().forEach(m -> ids.add(m.getQueryId()));
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many queries Lucene Monitor ran against {@code mention}: those its presearcher did not rule out. */
    public int queriesRun(Mention mention) {
        try {
            return monitor.match(document(mention), QueryMatch.SIMPLE_MATCHER).getQueriesRun();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For each of {@code mentions}, the ids of the queries it matches: one Lucene Monitor call for them all. */
    public List<Set<String>> matchAll(List<Mention> mentions) {
        try {
            Document[] documents = mentions.stream().map(LucenePeer::document).toArray(Document[]::new);
            MultiMatchingQueries<QueryMatch> matches = monitor.match(documents, QueryMatch.SIMPLE_MATCHER);
            if (!matches.getErrors().isEmpty()) {
                throw new IllegalStateException("Lucene Monitor failed on queries " + matches.getErrors());
            }
            List<Set<String>> all = new ArrayList<>();
            for (int i = 0; i < documents.length; i++) {
                Set<String> ids = new LinkedHashSet<>();
                matches.getMatches(i).forEach(m -> ids.add(m.getQueryId()));
                all.add(ids);
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Lucene document of {@code mention}: its text, and the folded value of each field it has. */
    static Document document(Mention mention) {
        Document document = new Document();
        document.add(new TextField(TEXT, mention.text(), org.apache.lucene.document.Field.Store.NO));
        for (Field field : Field.values()) {
            String value = field.valueOf(mention);
            if (value != null) {
                document.add(new StringField(field.key(), value, org.apache.lucene.document.Field.Store.NO));
            }
        }
        return document;
    }

    /** {@code node} as a Lucene query. */
    static Query translate(Node node) {
        if (node instanceof Node.Term term) {
            return new TermQuery(new Term(TEXT, term.term()));
        }
        if (node instanceof Node.Prefix prefix) {
            return new PrefixQuery(new Term(TEXT, prefix.prefix()));
        }
        if (node instanceof Node.Phrase phrase) {
            return new PhraseQuery(TEXT, phrase.terms().toArray(String[]::new));
        }
        if (node instanceof Node.Filter filter) {
            return new TermQuery(new Term(filter.field().key(), filter.value()));
        }
        if (node instanceof Node.And and) {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            boolean positive = false;
            for (Node clause : and.clauses()) {
                if (clause instanceof Node.Not not) {
                    all.add(translate(not.clause()), Occur.MUST_NOT);
                } else {
                    all.add(translate(clause), Occur.MUST);
                    positive = true;
                }
            }
            if (!positive) {
                all.add(new MatchAllDocsQuery(), Occur.MUST);
            }
            return all.build();
        }
        if (node instanceof Node.Or or) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            or.clauses().forEach(side -> any.add(translate(side), Occur.SHOULD));
            return any.build();
        }
        Node.Not not = (Node.Not) node;
        return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST)
                .add(translate(not.clause()), Occur.MUST_NOT).build();
    }

    @Override
    public void close() {
        try {
            monitor.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
