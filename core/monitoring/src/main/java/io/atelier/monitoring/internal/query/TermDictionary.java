package io.atelier.monitoring.internal.query;

import java.util.List;

/**
 * The exact terms of every stored query, each with its id, looked up straight from
 * the tokenizer's buffer: an open-addressing table over the folded characters, so
 * that reading a mention allocates no string per word. A slot holds the term's hash
 * and its index side by side, so most probes read one cache line and compare
 * characters only when the hashes agree. Most words of a mention are in no query:
 * a one-bit-per-hash filter small enough for the processor's first cache turns
 * most of them away before the table is read.
 */
final class TermDictionary {

    private final char[][] terms;
    private final int firstId;
    /** Two ints per slot: the hash, then 1 + the term's index (0: empty). */
    private final int[] slots;
    private final int mask;
    /** One bit per term hash ({@link #bit}); a clear bit means "no such term". */
    private final long[] filter;
    private final int filterMask;

    /** A dictionary of {@code terms}, the term at index {@code i} having the id {@code firstId + i}. */
    TermDictionary(List<String> terms, int firstId) {
        this.firstId = firstId;
        this.terms = new char[terms.size()][];
        int capacity = Integer.highestOneBit(Math.max(4, terms.size() * 2 + 1) * 2 - 1);
        slots = new int[capacity * 2];
        mask = capacity - 1;
        int bits = Integer.highestOneBit(Math.max(64, Math.min(terms.size() * 16, 1 << 18)) * 2 - 1);
        filter = new long[bits / 64];
        filterMask = bits - 1;
        for (int i = 0; i < terms.size(); i++) {
            String term = terms.get(i);
            this.terms[i] = term.toCharArray();
            int hash = term.hashCode();
            int slot = spread(hash) & mask;
            while (slots[2 * slot + 1] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[2 * slot] = hash;
            slots[2 * slot + 1] = i + 1;
            int bit = bit(hash);
            filter[bit >>> 6] |= 1L << bit;
        }
    }

    /** Whether a term of this hash may be in the dictionary. */
    private boolean mayHave(int hash) {
        int bit = bit(hash);
        return (filter[bit >>> 6] & (1L << bit)) != 0;
    }

    private int bit(int hash) {
        int h = hash * 0x85EBCA6B;
        return (h ^ (h >>> 15)) & filterMask;
    }

    /** The id of the term made of {@code folded[0..length)} (hash as {@link String#hashCode()}), or -1. */
    int find(char[] folded, int length, int hash) {
        if (!mayHave(hash)) {
            return -1;
        }
        int slot = spread(hash) & mask;
        int entry;
        while ((entry = slots[2 * slot + 1]) != 0) {
            if (slots[2 * slot] == hash) {
                char[] term = terms[entry - 1];
                if (term.length == length && same(term, 0, folded, length)) {
                    return firstId + entry - 1;
                }
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** The id of the term {@code tag} followed by {@code folded[0..length)}, or -1. */
    int findTagged(char tag, char[] folded, int length, int taggedHash) {
        if (!mayHave(taggedHash)) {
            return -1;
        }
        int slot = spread(taggedHash) & mask;
        int entry;
        while ((entry = slots[2 * slot + 1]) != 0) {
            if (slots[2 * slot] == taggedHash) {
                char[] term = terms[entry - 1];
                if (term.length == length + 1 && term[0] == tag && same(term, 1, folded, length)) {
                    return firstId + entry - 1;
                }
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private static boolean same(char[] term, int from, char[] folded, int length) {
        for (int i = 0; i < length; i++) {
            if (term[from + i] != folded[i]) {
                return false;
            }
        }
        return true;
    }

    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
