package io.atelier.reports.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.atelier.api.reporting.ReportSection;
import io.atelier.reports.internal.ChartCanvas.Align;

/**
 * Paints a {@code line} or {@code bar} section: column 0 labels the x axis, every
 * other column is a series. A legend names the series above the plot; the value
 * axis has round ticks (bars always include zero, so a negative figure hangs below
 * it); a figure nobody reported is a gap, never a zero: the line breaks there and
 * no bar is drawn. With no figure at all the plot says so.
 */
final class SeriesChart {

    static final int WIDTH = 960;
    static final int HEIGHT = 400;

    private static final int PAD = 12;
    private static final float LEGEND_TEXT = 15f;
    private static final float AXIS_TEXT = 14f;
    private static final int LEGEND_LINE = 22;
    /** Above this many points a line shows dots only where a point stands alone. */
    private static final int DOTS_UP_TO = 40;

    private final ReportSection section;
    private final boolean bars;
    private final List<String> labels = new ArrayList<>();
    /** [series][point]; null where nobody reported a figure. */
    private final Double[][] values;

    SeriesChart(ReportSection section, ZoneId zone) {
        this.section = section;
        this.bars = ReportSection.BAR.equals(section.chart());
        int series = Math.max(0, section.columns().size() - 1);
        int points = section.rows().size();
        this.values = new Double[series][points];
        for (int i = 0; i < points; i++) {
            List<Object> row = section.rows().get(i);
            Object label = row.isEmpty() ? null : row.get(0);
            labels.add(label == null ? "" : Display.cell(label, zone));
            for (int s = 0; s < series; s++) {
                values[s][i] = Cells.plotted(row.get(s + 1));
            }
        }
    }

    BufferedImage paint() {
        try (ChartCanvas canvas = new ChartCanvas(WIDTH, HEIGHT)) {
            int legendBottom = legend(canvas);
            double[] range = range();
            Scale scale = Scale.covering(range[0], range[1], 6);
            canvas.textSize(AXIS_TEXT);
            int tickWidth = 0;
            for (double t : scale.ticks()) {
                tickWidth = Math.max(tickWidth, canvas.textWidth(scale.label(t)));
            }
            int left = PAD + tickWidth + 8;
            int top = legendBottom + 10;
            int bottom = HEIGHT - PAD - canvas.ascent() - 8;
            // room for half of the last x label, centred on the last point of a line
            int right = bars ? PAD + 8 : Math.max(PAD + 8, PAD + widestLabel(canvas) / 2 - inset());
            Rectangle plot = new Rectangle(left, top, WIDTH - left - right, bottom - top);
            axes(canvas, plot, scale);
            if (range[2] == 0) {
                canvas.textSize(16f);
                canvas.centred("No figures reported", plot.x + plot.width / 2, plot.y + plot.height / 2,
                        ChartCanvas.MUTED);
                return canvas.image();
            }
            xLabels(canvas, plot);
            for (int s = 0; s < values.length; s++) {
                if (bars) {
                    bars(canvas.g(), plot, scale, s);
                } else {
                    line(canvas.g(), plot, scale, s);
                }
            }
            return canvas.image();
        }
    }

    /** min, max (bars: including zero) and how many figures there are. */
    private double[] range() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int count = 0;
        for (Double[] series : values) {
            for (Double v : series) {
                if (v != null) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    count++;
                }
            }
        }
        if (count == 0) {
            return new double[] {0, 1, 0};
        }
        if (bars) {
            min = Math.min(min, 0);
            max = Math.max(max, 0);
        }
        return new double[] {min, max, count};
    }

    /** Draws one entry per series, wrapping to new lines; returns the y below the legend. */
    private int legend(ChartCanvas canvas) {
        canvas.textSize(LEGEND_TEXT);
        int x = PAD;
        int line = 0;
        int swatch = 18;
        for (int s = 0; s < values.length; s++) {
            String name = section.columns().get(s + 1);
            int w = swatch + 6 + canvas.textWidth(name);
            if (x > PAD && x + w > WIDTH - PAD) {
                x = PAD;
                line++;
            }
            int baseline = PAD + canvas.ascent() + line * LEGEND_LINE;
            int mid = baseline - canvas.ascent() / 2 + 1;
            Graphics2D g = canvas.g();
            g.setColor(Palette.series(s));
            if (bars) {
                g.fillRect(x + 2, mid - 6, 13, 13);
            } else {
                g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(new Line2D.Double(x, mid, x + swatch, mid));
                g.fill(new Ellipse2D.Double(x + swatch / 2.0 - 3.5, mid - 3.5, 7, 7));
            }
            canvas.text(name, x + swatch + 6, baseline, Align.LEFT, ChartCanvas.TEXT);
            x += w + 20;
        }
        return values.length == 0 ? PAD : PAD + (line + 1) * LEGEND_LINE;
    }

    private void axes(ChartCanvas canvas, Rectangle plot, Scale scale) {
        Graphics2D g = canvas.g();
        g.setStroke(new BasicStroke(1f));
        canvas.textSize(AXIS_TEXT);
        for (double t : scale.ticks()) {
            int y = y(plot, scale, t);
            g.setColor(Math.abs(t) < scale.step() / 1e6 ? ChartCanvas.AXIS : ChartCanvas.GRID);
            g.drawLine(plot.x, y, plot.x + plot.width, y);
            canvas.text(scale.label(t), plot.x - 8, y + canvas.ascent() / 2 - 1, Align.RIGHT, ChartCanvas.MUTED);
        }
        g.setColor(ChartCanvas.AXIS);
        g.drawLine(plot.x, plot.y, plot.x, plot.y + plot.height);
    }

    /** Labels under the plot, every k-th one so that they never overlap. */
    private void xLabels(ChartCanvas canvas, Rectangle plot) {
        int n = labels.size();
        int widest = widestLabel(canvas);
        double spacing = n <= 1 ? plot.width : bars ? plot.width / (double) n : (plot.width - 2.0 * inset()) / (n - 1);
        int every = Math.max(1, (int) Math.ceil((widest + 12) / spacing));
        int baseline = plot.y + plot.height + 8 + canvas.ascent();
        for (int i = 0; i < n; i += every) {
            canvas.text(labels.get(i), (int) Math.round(x(plot, i)), baseline, Align.CENTER, ChartCanvas.MUTED);
        }
    }

    private int widestLabel(ChartCanvas canvas) {
        int widest = 0;
        for (String label : labels) {
            widest = Math.max(widest, canvas.textWidth(label));
        }
        return widest;
    }

    private void line(Graphics2D g, Rectangle plot, Scale scale, int s) {
        Double[] v = values[s];
        g.setColor(Palette.series(s));
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 1; i < v.length; i++) {
            if (v[i - 1] != null && v[i] != null) {
                g.draw(new Line2D.Double(x(plot, i - 1), yd(plot, scale, v[i - 1]), x(plot, i), yd(plot, scale, v[i])));
            }
        }
        for (int i = 0; i < v.length; i++) {
            boolean alone = (i == 0 || v[i - 1] == null) && (i == v.length - 1 || v[i + 1] == null);
            if (v[i] != null && (alone || v.length <= DOTS_UP_TO)) {
                double r = alone ? 4.5 : 3.5;
                g.fill(new Ellipse2D.Double(x(plot, i) - r, yd(plot, scale, v[i]) - r, 2 * r, 2 * r));
            }
        }
    }

    private void bars(Graphics2D g, Rectangle plot, Scale scale, int s) {
        Double[] v = values[s];
        double band = plot.width / (double) Math.max(1, v.length);
        double group = band * 0.8;
        double width = group / values.length;
        int zero = y(plot, scale, Math.max(scale.low(), Math.min(scale.high(), 0)));
        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setColor(Palette.series(s));
        for (int i = 0; i < v.length; i++) {
            if (v[i] == null) {
                continue;
            }
            int x0 = (int) Math.round(plot.x + i * band + (band - group) / 2 + s * width);
            int x1 = (int) Math.round(plot.x + i * band + (band - group) / 2 + (s + 1) * width);
            int y = y(plot, scale, v[i]);
            int w = Math.max(1, x1 - x0 - (width >= 6 ? 1 : 0));
            int h = Math.abs(y - zero);
            g.fillRect(x0, Math.min(y, zero), w, Math.max(h, v[i] == 0 ? 0 : 1));
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
    }

    /** Space kept at both ends of a line chart so the first and last dots are not cut. */
    private static int inset() {
        return 10;
    }

    private double x(Rectangle plot, int i) {
        int n = labels.size();
        if (bars) {
            return plot.x + (i + 0.5) * plot.width / n;
        }
        if (n == 1) {
            return plot.x + plot.width / 2.0;
        }
        return plot.x + inset() + i * (plot.width - 2.0 * inset()) / (n - 1);
    }

    private static int y(Rectangle plot, Scale scale, double value) {
        return (int) Math.round(yd(plot, scale, value));
    }

    private static double yd(Rectangle plot, Scale scale, double value) {
        return plot.y + plot.height - scale.position(value) * plot.height;
    }
}
