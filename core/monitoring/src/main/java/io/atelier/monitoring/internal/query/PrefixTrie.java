package io.atelier.monitoring.internal.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The prefixes of every stored query ({@code reput*}), as a trie walked once per
 * word of a mention: each prefix the word starts with is reported. A tagged prefix
 * ({@code #ete*}) is stored with its tag and walked only by tagged words.
 *
 * <p>Most words of a mention leave the trie within two or three steps, so the layout
 * favours those: the nodes two ASCII characters below the root are read from one
 * table indexed by both characters, and each node's children are kept side by side,
 * sorted (a short scan, or a binary search for a node with many).
 */
final class PrefixTrie {

    /** Receives the id of each prefix a word starts with. */
    interface Found {
        void prefix(int id);
    }

    /** Nodes with more children than this are searched by bisection rather than scanned. */
    private static final int SCAN = 8;

    /** The children of node {@code n} are {@code childChars/childNodes[firstChild[n] .. firstChild[n + 1])}. */
    private final int[] firstChild;
    private final char[] childChars;
    private final int[] childNodes;
    /** The prefix id ending at each node, or -1. */
    private final int[] prefixAt;
    /** The nodes two ASCII characters below the root (-1: none), indexed by both characters. */
    private final int[] asciiPairs = new int[0x80 * 0x80];

    /** A trie of {@code prefixes}, the prefix at index {@code i} having the id {@code firstId + i}. */
    PrefixTrie(List<String> prefixes, int firstId) {
        // Built as lists of children first, then laid out flat.
        List<StringBuilder> chars = new ArrayList<>();
        List<List<Integer>> nodes = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        chars.add(new StringBuilder());
        nodes.add(new ArrayList<>());
        ends.add(-1);
        for (int i = 0; i < prefixes.size(); i++) {
            String prefix = prefixes.get(i);
            if (prefix.length() < 2) {
                // The parser asks for two letters; the walk relies on it (no prefix ends one step below the root).
                throw new IllegalArgumentException("a prefix has at least 2 characters: '" + prefix + "'");
            }
            int node = 0;
            for (int k = 0; k < prefix.length(); k++) {
                int at = chars.get(node).indexOf(String.valueOf(prefix.charAt(k)));
                if (at >= 0) {
                    node = nodes.get(node).get(at);
                } else {
                    chars.get(node).append(prefix.charAt(k));
                    nodes.get(node).add(chars.size());
                    chars.add(new StringBuilder());
                    nodes.add(new ArrayList<>());
                    ends.add(-1);
                    node = chars.size() - 1;
                }
            }
            ends.set(node, firstId + i);
        }
        int count = chars.size();
        firstChild = new int[count + 1];
        childChars = new char[count - 1];
        childNodes = new int[count - 1];
        prefixAt = new int[count];
        int edge = 0;
        for (int node = 0; node < count; node++) {
            firstChild[node] = edge;
            prefixAt[node] = ends.get(node);
            String children = chars.get(node).toString();
            Integer[] order = new Integer[children.length()];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (a, b) -> Character.compare(children.charAt(a), children.charAt(b)));
            for (int k : order) {
                childChars[edge] = children.charAt(k);
                childNodes[edge] = nodes.get(node).get(k);
                edge++;
            }
        }
        firstChild[count] = edge;
        for (char c = 0; c < 0x80; c++) {
            int first = child(0, c);
            for (char d = 0; d < 0x80; d++) {
                asciiPairs[c * 0x80 + d] = first < 0 ? -1 : child(first, d);
            }
        }
    }

    boolean isEmpty() {
        return firstChild[1] == 0;
    }

    /** Reports every prefix that {@code tag} (0 for none) followed by {@code folded[0..length)} starts with. */
    void walk(char tag, char[] folded, int length, Found found) {
        int node;
        int from;
        if (tag == 0 && length >= 2 && folded[0] < 0x80 && folded[1] < 0x80) {
            node = asciiPairs[folded[0] * 0x80 + folded[1]];
            from = 2;
        } else if (tag != 0) {
            node = child(0, tag);
            from = 0;
        } else {
            node = 0;
            from = 0;
        }
        for (int i = from; node >= 0; i++) {
            int id = prefixAt[node];
            if (id >= 0) {
                found.prefix(id);
            }
            if (i == length) {
                return;
            }
            node = child(node, folded[i]);
        }
    }

    private int child(int node, char c) {
        int low = firstChild[node];
        int high = firstChild[node + 1];
        if (high - low <= SCAN) {
            for (int k = low; k < high; k++) {
                if (childChars[k] == c) {
                    return childNodes[k];
                }
            }
            return -1;
        }
        int k = Arrays.binarySearch(childChars, low, high, c);
        return k >= 0 ? childNodes[k] : -1;
    }
}
