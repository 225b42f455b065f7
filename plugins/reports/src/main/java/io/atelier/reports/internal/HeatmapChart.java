package io.atelier.reports.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.image.BufferedImage;
import java.time.ZoneId;
import java.util.List;

import io.atelier.api.reporting.ReportSection;
import io.atelier.reports.internal.ChartCanvas.Align;

/**
 * Paints a {@code heatmap} section: one row per table row (named by column 0, the
 * weekdays), one cell per following column (the hours 0 to 23, named by their
 * headings). A cell's blue deepens with its figure between the smallest and the
 * largest one, and the figure is written in it in a colour that reads on that blue;
 * a cell nobody reported is grey and hatched. A scale above the grid shows which
 * blue is which figure.
 */
final class HeatmapChart {

    static final int WIDTH = 960;

    private static final int PAD = 12;
    private static final int SCALE_BAND = 40;
    private static final int HEADER = 22;
    private static final int CELL_HEIGHT = 30;
    private static final int GAP = 2;
    private static final float LABEL_TEXT = 14f;
    private static final float VALUE_TEXT = 12.5f;

    private final ReportSection section;
    private final String[] rowNames;
    private final Double[][] values;
    private final Layout layout;
    private final double min;
    private final double max;
    private final int figures;

    HeatmapChart(ReportSection section, ZoneId zone) {
        this.section = section;
        int rows = section.rows().size();
        int columns = Math.max(0, section.columns().size() - 1);
        this.rowNames = new String[rows];
        this.values = new Double[rows][columns];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int count = 0;
        for (int r = 0; r < rows; r++) {
            List<Object> row = section.rows().get(r);
            rowNames[r] = row.isEmpty() || row.get(0) == null ? "" : Display.cell(row.get(0), zone);
            for (int c = 0; c < columns; c++) {
                Double v = Cells.plotted(row.get(c + 1));
                values[r][c] = v;
                if (v != null) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    count++;
                }
            }
        }
        this.min = lo;
        this.max = hi;
        this.figures = count;
        this.layout = layout(section, rowNames);
    }

    /**
     * Where each part of a heatmap goes.
     *
     * @param width   the image's width
     * @param height  the image's height
     * @param gridX   the left edge of the first cell
     * @param gridY   the top edge of the first row
     * @param cellWidth the width of a cell, gap included
     * @param rows    how many rows
     * @param columns how many cells a row has
     */
    record Layout(int width, int height, int gridX, int gridY, double cellWidth, int rows, int columns) {

        /** The cell of row {@code r} and column {@code c} (both from 0, column 0 being the first figure). */
        Rectangle cell(int r, int c) {
            int x0 = (int) Math.round(gridX + c * cellWidth);
            int x1 = (int) Math.round(gridX + (c + 1) * cellWidth);
            return new Rectangle(x0, gridY + r * CELL_HEIGHT, x1 - x0 - GAP, CELL_HEIGHT - GAP);
        }
    }

    /** The layout {@code section} gets: its height grows with its rows. */
    static Layout layout(ReportSection section, ZoneId zone) {
        String[] names = section.rows().stream()
                .map(row -> row.isEmpty() || row.get(0) == null ? "" : Display.cell(row.get(0), zone))
                .toArray(String[]::new);
        return layout(section, names);
    }

    private static Layout layout(ReportSection section, String[] rowNames) {
        int columns = Math.max(0, section.columns().size() - 1);
        int labelWidth;
        try (ChartCanvas measure = new ChartCanvas(1, 1)) {
            measure.textSize(LABEL_TEXT);
            labelWidth = 0;
            for (String name : rowNames) {
                labelWidth = Math.max(labelWidth, measure.textWidth(name));
            }
        }
        labelWidth = Math.min(labelWidth, WIDTH / 4);
        int gridX = PAD + labelWidth + 10;
        int gridY = PAD + SCALE_BAND + HEADER;
        double cellWidth = (WIDTH - PAD - gridX) / (double) Math.max(1, columns);
        int rows = rowNames.length;
        int height = gridY + Math.max(rows, 2) * CELL_HEIGHT + PAD;
        return new Layout(WIDTH, height, gridX, gridY, cellWidth, rows, columns);
    }

    BufferedImage paint() {
        try (ChartCanvas canvas = new ChartCanvas(layout.width(), layout.height())) {
            if (figures == 0 && (layout.rows() == 0 || layout.columns() == 0)) {
                canvas.textSize(16f);
                canvas.centred("No figures reported", layout.width() / 2, layout.gridY() + CELL_HEIGHT,
                        ChartCanvas.MUTED);
                return canvas.image();
            }
            scaleLegend(canvas);
            headers(canvas);
            for (int r = 0; r < layout.rows(); r++) {
                canvas.textSize(LABEL_TEXT);
                Rectangle first = layout.cell(r, 0);
                canvas.text(rowNames[r], layout.gridX() - 8, first.y + first.height / 2 + canvas.ascent() / 2 - 1,
                        Align.RIGHT, ChartCanvas.TEXT);
                for (int c = 0; c < layout.columns(); c++) {
                    cell(canvas, layout.cell(r, c), values[r][c]);
                }
            }
            return canvas.image();
        }
    }

    private void cell(ChartCanvas canvas, Rectangle box, Double value) {
        Graphics2D g = canvas.g();
        if (value == null) {
            g.setColor(Palette.NO_DATA);
            g.fill(box);
            hatch(g, box);
            return;
        }
        Color fill = Palette.heat(position(value));
        g.setColor(fill);
        g.fill(box);
        String text = Scale.CompactNumber.brief(value);
        canvas.textSize(VALUE_TEXT);
        if (canvas.textWidth(text) > box.width - 2) {
            canvas.textSize(9.5f);
        }
        if (canvas.textWidth(text) <= box.width) {
            canvas.centred(text, box.x + box.width / 2, box.y + box.height / 2, Palette.textOn(fill));
        }
    }

    private double position(double value) {
        return max == min ? 0.5 : (value - min) / (max - min);
    }

    private static void hatch(Graphics2D g, Rectangle box) {
        Shape clip = g.getClip();
        g.clip(box);
        g.setColor(Palette.NO_DATA_HATCH);
        g.setStroke(new BasicStroke(1f));
        for (int d = -box.height; d < box.width; d += 7) {
            g.drawLine(box.x + d, box.y + box.height, box.x + d + box.height, box.y);
        }
        g.setClip(clip);
    }

    /** The column headings (the hours), every k-th one when they would not fit. */
    private void headers(ChartCanvas canvas) {
        canvas.textSize(LABEL_TEXT);
        int widest = 0;
        for (int c = 0; c < layout.columns(); c++) {
            widest = Math.max(widest, canvas.textWidth(section.columns().get(c + 1)));
        }
        int every = Math.max(1, (int) Math.ceil((widest + 6) / layout.cellWidth()));
        int baseline = layout.gridY() - 7;
        for (int c = 0; c < layout.columns(); c += every) {
            Rectangle box = layout.cell(0, c);
            canvas.text(section.columns().get(c + 1), box.x + box.width / 2, baseline, Align.CENTER,
                    ChartCanvas.MUTED);
        }
    }

    /** The colour scale from the smallest to the largest figure, and the swatch of "not reported". */
    private void scaleLegend(ChartCanvas canvas) {
        Graphics2D g = canvas.g();
        canvas.textSize(LABEL_TEXT);
        int barWidth = 220;
        int barHeight = 14;
        int y = PAD + 4;
        int baseline = y + barHeight / 2 + canvas.ascent() / 2 - 1;
        int x = layout.gridX();
        if (figures > 0) {
            String low = Scale.CompactNumber.brief(min);
            String high = Scale.CompactNumber.brief(max);
            canvas.text(low, x, baseline, Align.LEFT, ChartCanvas.TEXT);
            int barX = x + canvas.textWidth(low) + 8;
            for (int i = 0; i < barWidth; i++) {
                g.setColor(Palette.heat(i / (double) (barWidth - 1)));
                g.fillRect(barX + i, y, 1, barHeight);
            }
            canvas.text(high, barX + barWidth + 8, baseline, Align.LEFT, ChartCanvas.TEXT);
            x = barX + barWidth + 8 + canvas.textWidth(high) + 28;
        }
        Rectangle swatch = new Rectangle(x, y, 22, barHeight);
        g.setColor(Palette.NO_DATA);
        g.fill(swatch);
        hatch(g, swatch);
        canvas.text("not reported", x + swatch.width + 8, baseline, Align.LEFT, ChartCanvas.TEXT);
    }
}
