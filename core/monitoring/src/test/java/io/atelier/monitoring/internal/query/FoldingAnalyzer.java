package io.atelier.monitoring.internal.query;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A Lucene analyzer that cuts and folds text exactly as Atelier does, by running
 * {@link Tokenizer} itself: a tagged form ({@code #ete}) is a second token at its
 * word's position. It lets Lucene Monitor serve as the oracle (and the peer in
 * core/bench) of the matching engine: both see the same tokens, so any difference
 * in their answers is a difference in matching.
 */
public final class FoldingAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        return new TokenStreamComponents(new LuceneTokenizer());
    }

    private static final class LuceneTokenizer extends org.apache.lucene.analysis.Tokenizer {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private List<Tokenizer.Token> tokens = List.of();
        private int next;
        private int lastPosition;
        private int length;

        @Override
        public void reset() throws IOException {
            super.reset();
            String text = read(input);
            length = text.length();
            tokens = Tokenizer.tokens(text);
            next = 0;
            lastPosition = -1;
        }

        @Override
        public boolean incrementToken() {
            clearAttributes();
            if (next == tokens.size()) {
                return false;
            }
            Tokenizer.Token token = tokens.get(next++);
            term.setEmpty().append(token.term());
            increment.setPositionIncrement(token.position() - lastPosition);
            lastPosition = token.position();
            offset.setOffset(correctOffset(token.start()), correctOffset(token.end()));
            return true;
        }

        @Override
        public void end() throws IOException {
            super.end();
            offset.setOffset(correctOffset(length), correctOffset(length));
        }

        private static String read(Reader reader) throws IOException {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[1024];
            int read;
            while ((read = reader.read(buffer)) > 0) {
                text.append(buffer, 0, read);
            }
            return text.toString();
        }
    }
}
