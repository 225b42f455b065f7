package io.atelier.enrich.language.eval;

import java.util.List;
import java.util.Locale;

/**
 * A confusion matrix over a fixed list of labels, with the figures reported in
 * {@code docs/enrichers.md}: accuracy, per-class precision, recall and F1, and macro-F1 (the
 * unweighted mean of the per-class F1, so a small class counts as much as a large one).
 */
public final class Confusion {

    private final List<String> labels;
    private final int[][] counts;

    public Confusion(List<String> labels) {
        this.labels = List.copyOf(labels);
        this.counts = new int[labels.size()][labels.size()];
    }

    /** Records one decision; both labels must be among the matrix's labels. */
    public void add(String expected, String actual) {
        counts[index(expected)][index(actual)]++;
    }

    public int count(String expected, String actual) {
        return counts[index(expected)][index(actual)];
    }

    public int total() {
        int n = 0;
        for (int[] row : counts) {
            for (int c : row) {
                n += c;
            }
        }
        return n;
    }

    public double accuracy() {
        int right = 0;
        for (int i = 0; i < labels.size(); i++) {
            right += counts[i][i];
        }
        return total() == 0 ? 0 : (double) right / total();
    }

    public double precision(String label) {
        int k = index(label);
        int predicted = 0;
        for (int[] row : counts) {
            predicted += row[k];
        }
        return predicted == 0 ? 0 : (double) counts[k][k] / predicted;
    }

    public double recall(String label) {
        int k = index(label);
        int actual = 0;
        for (int c : counts[k]) {
            actual += c;
        }
        return actual == 0 ? 0 : (double) counts[k][k] / actual;
    }

    public double f1(String label) {
        double p = precision(label);
        double r = recall(label);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Mean F1 over the labels that occur as expected labels. */
    public double macroF1() {
        double sum = 0;
        int n = 0;
        for (String label : labels) {
            if (recallDenominator(label) > 0) {
                sum += f1(label);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** The matrix (rows: expected, columns: found) and the per-class figures, as Markdown. */
    public String toMarkdown() {
        StringBuilder b = new StringBuilder("| expected \\ found |");
        labels.forEach(l -> b.append(' ').append(l).append(" |"));
        b.append(" recall | precision | F1 |\n|---|");
        labels.forEach(l -> b.append("---:|"));
        b.append("---:|---:|---:|\n");
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            b.append("| ").append(label).append(" |");
            for (int j = 0; j < labels.size(); j++) {
                b.append(' ').append(counts[i][j]).append(" |");
            }
            b.append(String.format(Locale.ROOT, " %.2f | %.2f | %.2f |%n", recall(label), precision(label), f1(label)));
        }
        b.append(String.format(Locale.ROOT, "%naccuracy %.3f, macro-F1 %.3f, n = %d%n", accuracy(), macroF1(), total()));
        return b.toString();
    }

    private int recallDenominator(String label) {
        int n = 0;
        for (int c : counts[index(label)]) {
            n += c;
        }
        return n;
    }

    private int index(String label) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("label '" + label + "' is not one of " + labels);
        }
        return i;
    }
}
