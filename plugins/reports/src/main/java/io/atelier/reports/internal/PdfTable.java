package io.atelier.reports.internal;

import java.awt.Color;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.atelier.api.reporting.ReportSection;

/**
 * A section's table on PDF pages: column widths shared out by what the columns
 * hold, text wrapped inside its cell, figures right-aligned, and a row that does
 * not fit sent to the next page under a repeated heading row. The type gets
 * smaller as columns are added, so a heatmap's 25 columns still fit an A4 page.
 */
final class PdfTable {

    private static final Color HEAD = new Color(0xEE, 0xF2, 0xF6);
    private static final Color STRIPE = new Color(0xF8, 0xF8, 0xF8);
    private static final Color LINE = new Color(0xD8, 0xD8, 0xD8);
    /** A cell never takes more lines than this; the rest is cut with an ellipsis. */
    private static final int MAX_LINES = 30;
    private static final float PAD_X = 3;
    private static final float PAD_Y = 2.5f;

    private final PdfPages pages;
    private final float size;
    private final float leading;
    private final float[] widths;
    private final List<String> head;
    private final List<List<String>> cells = new ArrayList<>();
    private final List<boolean[]> figures = new ArrayList<>();
    private boolean missing;

    PdfTable(PdfPages pages, ReportSection section, ZoneId zone) throws IOException {
        this.pages = pages;
        int n = section.columns().size();
        this.size = n <= 6 ? 9f : n <= 12 ? 7.5f : 6f;
        this.leading = size * 1.25f;
        this.head = section.columns().stream().map(pages::drawable).toList();
        for (List<Object> row : section.rows()) {
            List<String> texts = new ArrayList<>(n);
            boolean[] right = new boolean[n];
            for (int c = 0; c < n; c++) {
                Object cell = row.get(c);
                missing |= cell == null;
                texts.add(pages.drawable(Display.cell(cell, zone)));
                right[c] = Display.isFigure(cell);
            }
            cells.add(texts);
            figures.add(right);
        }
        this.widths = widths(n);
    }

    /** Whether a cell said "not reported", so the reader needs the legend. */
    boolean hasMissing() {
        return missing;
    }

    /** Draws the table from the cursor down, over as many pages as it takes. */
    void draw() throws IOException {
        List<List<String>> headLines = lines(head);
        pages.keep(height(headLines) + rowHeightOfFirst());
        row(headLines, null, HEAD);
        for (int r = 0; r < cells.size(); r++) {
            List<List<String>> lines = lines(cells.get(r));
            float h = height(lines);
            if (!pages.fits(h)) {
                pages.newPage();
                row(headLines, null, HEAD);
            }
            row(lines, figures.get(r), r % 2 == 1 ? STRIPE : null);
        }
    }

    private float rowHeightOfFirst() throws IOException {
        return cells.isEmpty() ? 0 : height(lines(cells.get(0)));
    }

    private void row(List<List<String>> lines, boolean[] right, Color background) throws IOException {
        float h = height(lines);
        float top = pages.y();
        if (background != null) {
            pages.fill(pages.left(), top, total(), h, background);
        }
        float x = pages.left();
        for (int c = 0; c < widths.length; c++) {
            float baseline = top - PAD_Y - pages.ascent(size);
            for (String line : lines.get(c)) {
                float textX = x + PAD_X;
                if (right != null && right[c]) {
                    textX = x + widths[c] - PAD_X - pages.textWidth(line, size);
                } else if (line.equals(Display.NOT_REPORTED)) {
                    textX = x + (widths[c] - pages.textWidth(line, size)) / 2;
                }
                pages.text(line, textX, baseline, size, line.equals(Display.NOT_REPORTED) ? PdfPages.MUTED
                        : PdfPages.TEXT);
                baseline -= leading;
            }
            x += widths[c];
        }
        pages.rule(pages.left(), top - h, total(), 0.5f, LINE);
        pages.down(h);
    }

    private List<List<String>> lines(List<String> texts) throws IOException {
        List<List<String>> lines = new ArrayList<>(texts.size());
        for (int c = 0; c < texts.size(); c++) {
            lines.add(pages.wrap(texts.get(c), size, widths[c] - 2 * PAD_X, MAX_LINES));
        }
        return lines;
    }

    private float height(List<List<String>> lines) {
        int most = 1;
        for (List<String> cell : lines) {
            most = Math.max(most, cell.size());
        }
        return most * leading + 2 * PAD_Y;
    }

    private float total() {
        float sum = 0;
        for (float w : widths) {
            sum += w;
        }
        return sum;
    }

    /**
     * Each column gets what its widest text needs when everything fits; otherwise every column first
     * gets up to an equal share, and what narrow columns leave goes to the wide ones in proportion.
     */
    private float[] widths(int n) throws IOException {
        float[] natural = new float[n];
        float available = pages.width();
        for (int c = 0; c < n; c++) {
            float w = pages.textWidth(head.get(c), size);
            for (List<String> row : cells) {
                w = Math.max(w, pages.textWidth(row.get(c), size));
            }
            natural[c] = Math.min(w, available) + 2 * PAD_X + 1;
        }
        float sum = 0;
        for (float w : natural) {
            sum += w;
        }
        if (sum <= available) {
            return natural;
        }
        float share = available / n;
        float[] widths = new float[n];
        float used = 0;
        float excess = 0;
        for (int c = 0; c < n; c++) {
            widths[c] = Math.min(natural[c], share);
            used += widths[c];
            excess += natural[c] - widths[c];
        }
        float left = available - used;
        for (int c = 0; c < n; c++) {
            if (excess > 0) {
                widths[c] += left * (natural[c] - widths[c]) / excess;
            }
        }
        return widths;
    }
}
