package io.atelier.reports.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.atelier.api.reporting.ReportSection;

/**
 * Draws a section's chart, the same picture for every format: a line, bar or
 * heatmap chart without a title (the document shows the section's heading), with
 * axis labels, a legend and gaps where nobody reported a figure, as an image or a
 * PNG. It paints into its own {@link BufferedImage} with the bundled font, so it
 * works headless and never needs a display or the system's fonts. Stateless and
 * safe to share between threads.
 */
final class ChartPainter {

    /** The chart of {@code section} (whose {@code chart} is not {@code none}); instants read in {@code zone}. */
    BufferedImage paint(ReportSection section, ZoneId zone) {
        return switch (section.chart()) {
            case ReportSection.LINE, ReportSection.BAR -> new SeriesChart(section, zone).paint();
            case ReportSection.HEATMAP -> new HeatmapChart(section, zone).paint();
            default -> throw new IllegalArgumentException("section '" + section.title() + "' has no chart");
        };
    }

    /** The chart as PNG bytes. */
    byte[] png(ReportSection section, ZoneId zone) {
        return png(paint(section, zone));
    }

    /** {@code image} as PNG, encoded in memory (no cache file, and no global ImageIO setting changed for that). */
    static byte[] png(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no PNG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart as PNG", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * A sentence that says what the chart of {@code section} shows, for readers who cannot see it
     * (an image's alternative text); the figures themselves are in the table beside it.
     */
    static String describe(ReportSection section) {
        int series = Math.max(0, section.columns().size() - 1);
        int rows = section.rows().size();
        String first = section.columns().isEmpty() ? "row" : section.columns().get(0);
        String what = switch (section.chart()) {
            case ReportSection.LINE -> "Line chart";
            case ReportSection.BAR -> "Bar chart";
            case ReportSection.HEATMAP -> "Heatmap";
            default -> "Chart";
        };
        StringBuilder b = new StringBuilder(what).append(" of ").append(section.title());
        if (rows == 0 || series == 0) {
            return b.append(": no figures reported.").toString();
        }
        if (ReportSection.HEATMAP.equals(section.chart())) {
            b.append(": ").append(rows).append(" rows by ").append(first).append(", ").append(series)
                    .append(" columns from ").append(section.columns().get(1)).append(" to ")
                    .append(section.columns().get(series));
        } else {
            b.append(": ").append(String.join(", ", section.columns().subList(1, section.columns().size())))
                    .append(" by ").append(first).append(", ").append(rows).append(rows == 1 ? " point" : " points");
        }
        return b.append(". The figures are in the table below.").toString();
    }
}
