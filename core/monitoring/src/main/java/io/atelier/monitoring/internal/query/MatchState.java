package io.atelier.monitoring.internal.query;

import java.util.Arrays;

import io.atelier.api.monitoring.Mention;

/**
 * What one thread knows about the mention it is matching: which vocabulary ids the
 * mention has (stamped, so that nothing is cleared between mentions), the id of
 * the word at each position (for phrases), the field values, and the candidate
 * queries. One per thread, reused from mention to mention.
 */
final class MatchState implements Tokenizer.Sink, PrefixTrie.Found {

    private final Tokenizer tokenizer = new Tokenizer();
    private int stamp;
    private int[] seenAt = new int[0];
    private int[] queryAt = new int[0];
    private int[] present = new int[64];
    private int presentCount;
    private int[] plainAt = new int[128];
    private int[] taggedAt = new int[128];
    private int positions;
    private int[] candidates = new int[64];
    private String lang;
    private String source;
    private String sentiment;
    private IndexSnapshot index;

    /** Reads {@code mention} against {@code snapshot}'s vocabulary. */
    void read(IndexSnapshot snapshot, Mention mention) {
        index = snapshot;
        if (seenAt.length < snapshot.vocabularySize()) {
            seenAt = new int[snapshot.vocabularySize()];
        }
        if (queryAt.length < snapshot.size()) {
            queryAt = new int[snapshot.size()];
        }
        if (stamp == Integer.MAX_VALUE) {
            Arrays.fill(seenAt, 0);
            Arrays.fill(queryAt, 0);
            stamp = 0;
        }
        stamp++;
        presentCount = 0;
        positions = 0;
        lang = Field.LANG.valueOf(mention);
        source = Field.SOURCE.valueOf(mention);
        sentiment = Field.SENTIMENT.valueOf(mention);
        tokenizer.scan(mention.text(), this);
    }

    @Override
    public void token(char[] folded, int length, int hash, char tag, int taggedHash, int start, int end) {
        TermDictionary terms = index.terms();
        int plain = terms.find(folded, length, hash);
        int tagged = tag == 0 ? -1 : terms.findTagged(tag, folded, length, taggedHash);
        see(plain);
        see(tagged);
        if (positions == plainAt.length) {
            plainAt = Arrays.copyOf(plainAt, positions * 2);
            taggedAt = Arrays.copyOf(taggedAt, positions * 2);
        }
        plainAt[positions] = plain;
        taggedAt[positions] = tagged;
        positions++;
        PrefixTrie prefixes = index.prefixes();
        if (!prefixes.isEmpty()) {
            prefixes.walk((char) 0, folded, length, this);
            if (tag != 0) {
                prefixes.walk(tag, folded, length, this);
            }
        }
    }

    @Override
    public void prefix(int id) {
        see(id);
    }

    private void see(int id) {
        if (id >= 0 && seenAt[id] != stamp) {
            seenAt[id] = stamp;
            if (presentCount == present.length) {
                present = Arrays.copyOf(present, presentCount * 2);
            }
            present[presentCount++] = id;
        }
    }

    /** Whether the mention has the term or prefix {@code id}. */
    boolean saw(int id) {
        return seenAt[id] == stamp;
    }

    /** Whether the mention has the terms {@code ids} at consecutive positions. */
    boolean hasSequence(int[] ids) {
        int last = positions - ids.length;
        for (int p = 0; p <= last; p++) {
            int k = 0;
            while (k < ids.length && (plainAt[p + k] == ids[k] || taggedAt[p + k] == ids[k])) {
                k++;
            }
            if (k == ids.length) {
                return true;
            }
        }
        return false;
    }

    /** The mention's folded value of {@code field}, or {@code null}. */
    String field(Field field) {
        switch (field) {
            case LANG:
                return lang;
            case SOURCE:
                return source;
            default:
                return sentiment;
        }
    }

    /**
     * Collects the slots of the queries anchored on an id the mention has, each once,
     * in slot order, and answers how many; {@link #candidate(int)} reads them.
     */
    int collectCandidates(int[][] postings) {
        int count = 0;
        for (int i = 0; i < presentCount; i++) {
            int[] slots = postings[present[i]];
            if (slots == null) {
                continue;
            }
            for (int slot : slots) {
                if (queryAt[slot] != stamp) {
                    queryAt[slot] = stamp;
                    if (count == candidates.length) {
                        candidates = Arrays.copyOf(candidates, count * 2);
                    }
                    candidates[count++] = slot;
                }
            }
        }
        Arrays.sort(candidates, 0, count);
        return count;
    }

    /** The {@code i}th slot of the last {@link #collectCandidates}. */
    int candidate(int i) {
        return candidates[i];
    }
}
