package io.atelier.reports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.atelier.api.reporting.ReportSection;

/**
 * The chart painter's pictures, read pixel by pixel: series are drawn and told
 * apart by colour, a null is a gap, a lone point and negative bars show, empty and
 * all-null sections paint a picture with nothing plotted, and a heatmap's blue
 * follows its figures with the figures legible on it.
 */
class ChartPainterTest {

    /** Below the legend (one line, 12 to 34 px): where the plot is. */
    private static final Rectangle PLOT = new Rectangle(0, 38, SeriesChart.WIDTH, SeriesChart.HEIGHT - 38);

    private final ChartPainter painter = new ChartPainter();

    @Test
    void aLineChartDrawsEachSeriesInItsOwnColourAtItsHeight() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(Arrays.asList("d" + i, 100 + i % 3, 10 + i % 2));
        }
        BufferedImage image = paint(new ReportSection("Two", null, List.of("Day", "High", "Low"), rows,
                ReportSection.LINE));
        assertEquals(SeriesChart.WIDTH, image.getWidth());
        assertEquals(SeriesChart.HEIGHT, image.getHeight());

        assertTrue(Pixels.count(image, PLOT, Pixels::saturated) > 1000, "the lines are visible in the plot");
        Map<Integer, Integer> colours = Pixels.histogram(image, PLOT, Pixels::saturated);
        List<Integer> main = colours.entrySet().stream().filter(e -> e.getValue() > 300)
                .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
        assertTrue(main.size() >= 2, "two strong colours: " + colours.size() + " colours, main " + main);
        assertTrue(Pixels.distance(main.get(0), main.get(1)) > 120, "the series' colours differ clearly");

        // The legend's first swatch (leftmost coloured pixel at the top) is the first series: "High".
        int high = leftmostSaturated(image, new Rectangle(0, 0, SeriesChart.WIDTH, 40));
        int low = main.get(0) == high ? main.get(1) : main.get(0);
        assertTrue(meanY(image, high) < meanY(image, low), "the series of larger figures is drawn higher");
    }

    @Test
    void aNullIsAGapInTheLineNeverAZero() {
        List<Object> full = Arrays.asList(5, 6, 5, 6, 5, 6, 5, 6);
        List<Object> gap = Arrays.asList(5, 6, 5, null, null, 6, 5, 6);
        BufferedImage whole = paint(series(ReportSection.LINE, full));
        BufferedImage broken = paint(series(ReportSection.LINE, gap));
        assertTrue(longestEmptyRun(whole) < 5, "an unbroken line covers every column: " + longestEmptyRun(whole));
        assertTrue(longestEmptyRun(broken) > 200, "two missing points leave a gap: " + longestEmptyRun(broken));
        // A zero would have drawn the line down to the bottom of the plot.
        int lowest = lowestSaturatedRow(broken);
        assertEquals(lowestSaturatedRow(whole), lowest, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {ReportSection.LINE, ReportSection.BAR})
    void aSinglePointIsDrawn(String kind) {
        BufferedImage image = paint(series(kind, List.of(42)));
        assertTrue(Pixels.count(image, PLOT, Pixels::saturated) > 40, "one point is visible");
    }

    @Test
    void aLonePointBetweenGapsIsDrawnAsADot() {
        List<Object> values = new ArrayList<>(Arrays.asList(new Object[60]));
        values.set(30, 7);
        values.set(0, 1);
        BufferedImage image = paint(series(ReportSection.LINE, values));
        assertTrue(Pixels.count(image, new Rectangle(200, PLOT.y, 560, 300), Pixels::saturated) > 40,
                "the point in the middle is visible although it joins no neighbour");
    }

    @Test
    void aNegativeBarHangsBelowZeroAsFarAsThePositiveOneRises() {
        BufferedImage image = paint(new ReportSection("Growth", null, List.of("Network", "Growth"),
                List.of(Arrays.asList("a", -10), Arrays.asList("b", 10)), ReportSection.BAR));
        int half = SeriesChart.WIDTH / 2;
        int[] negative = verticalExtent(image, new Rectangle(0, PLOT.y, half, PLOT.height));
        int[] positive = verticalExtent(image, new Rectangle(half, PLOT.y, half, PLOT.height));
        assertNotNull(negative, "the negative bar is drawn");
        assertNotNull(positive, "the positive bar is drawn");
        assertTrue(negative[0] >= positive[1] - 2, "the negative bar starts where the positive one ends: "
                + Arrays.toString(negative) + " " + Arrays.toString(positive));
        int down = negative[1] - negative[0];
        int up = positive[1] - positive[0];
        assertTrue(down > 40 && Math.abs(down - up) <= 3, "same length: " + down + " and " + up);
    }

    @ParameterizedTest
    @ValueSource(strings = {ReportSection.LINE, ReportSection.BAR, ReportSection.HEATMAP})
    void anEmptySectionPaintsAPictureWithNothingPlotted(String kind) {
        BufferedImage image = paint(new ReportSection("Empty", null, List.of("Day", "Likes"), List.of(), kind));
        assertEquals(960, image.getWidth());
        assertEquals(0, Pixels.count(image, PLOT, Pixels::saturated), "nothing is plotted");
        assertTrue(Pixels.count(image, full(image), rgb -> Pixels.luminance(rgb) < 140) > 50,
                "the picture says there are no figures");
    }

    @ParameterizedTest
    @ValueSource(strings = {ReportSection.LINE, ReportSection.BAR, ReportSection.HEATMAP})
    void anAllNullSectionPaintsAPictureWithNothingPlotted(String kind) {
        List<List<Object>> rows = List.of(Arrays.asList("Monday", null, null), Arrays.asList("Tuesday", null, null));
        BufferedImage image = paint(new ReportSection("Nulls", null, List.of("Day", "A", "B"), rows, kind));
        assertEquals(0, Pixels.count(image, PLOT, Pixels::saturated), "no figure, no bar, no line, no blue cell");
        assertTrue(Pixels.count(image, full(image), rgb -> Pixels.luminance(rgb) < 140) > 50, "labels are drawn");
    }

    @Test
    void aSectionWithoutSeriesColumnsPaintsNothingPlotted() {
        BufferedImage image = paint(new ReportSection("Labels only", null, List.of("Day"),
                List.of(List.of("Monday")), ReportSection.LINE));
        assertEquals(0, Pixels.count(image, full(image), Pixels::saturated));
    }

    @Test
    void heatmapBlueDeepensWithTheFigureAndNullsAreGrey() {
        List<String> columns = new ArrayList<>(List.of("Day"));
        for (int h = 0; h < 24; h++) {
            columns.add(Integer.toString(h));
        }
        List<Object> rising = new ArrayList<>(List.of("Monday"));
        List<Object> holes = new ArrayList<>(List.of("Tuesday"));
        for (int h = 0; h < 24; h++) {
            rising.add(h * 10);
            holes.add(h < 3 ? null : 100);
        }
        ReportSection section = new ReportSection("Heat", null, columns, List.of(rising, holes),
                ReportSection.HEATMAP);
        BufferedImage image = paint(section);
        HeatmapChart.Layout layout = HeatmapChart.layout(section, ZoneOffset.UTC);
        assertEquals(layout.height(), image.getHeight());
        assertEquals(2, layout.rows());
        assertEquals(24, layout.columns());

        double previous = 256;
        for (int h = 0; h < 24; h += 2) {
            int rgb = corner(image, layout.cell(0, h));
            double lum = Pixels.luminance(rgb);
            assertTrue(lum < previous, "hour " + h + " is darker than the one before: " + lum + " < " + previous);
            assertTrue(Pixels.chroma(rgb) >= 12, "a reported cell is blue, hour " + h);
            previous = lum;
        }
        for (int h = 0; h < 3; h++) {
            int rgb = corner(image, layout.cell(1, h));
            assertTrue(Pixels.chroma(rgb) <= 4, "a null cell is grey, hour " + h + ": " + Integer.toHexString(rgb));
            assertTrue(Pixels.luminance(rgb) < 240, "a null cell is not left white");
        }

        // Figures are written in a colour that reads on their cell: light on the darkest, dark on the lightest.
        Rectangle darkest = layout.cell(0, 23);
        Rectangle lightest = layout.cell(0, 0);
        assertTrue(Pixels.count(image, darkest, rgb -> Pixels.luminance(rgb) > 200) > 10, "light text on dark blue");
        assertTrue(Pixels.count(image, lightest, rgb -> Pixels.luminance(rgb) < 90) > 5, "dark text on light blue");
    }

    @Test
    void heatmapGrowsWithItsRows() {
        ReportSection week = TestReports.heatmap();
        HeatmapChart.Layout layout = HeatmapChart.layout(week, TestReports.PARIS);
        assertEquals(7, layout.rows());
        assertEquals(24, layout.columns());
        BufferedImage image = paint(week);
        assertEquals(layout.height(), image.getHeight());
        ReportSection oneDay = new ReportSection("One", null, week.columns(), week.rows().subList(0, 1),
                ReportSection.HEATMAP);
        assertTrue(paint(oneDay).getHeight() < image.getHeight());
    }

    @Test
    void thePngDecodesToTheChart() throws Exception {
        ReportSection section = TestReports.engagement();
        byte[] png = painter.png(section, TestReports.PARIS);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(decoded, "ImageIO reads the PNG");
        BufferedImage painted = paint(section);
        assertEquals(painted.getWidth(), decoded.getWidth());
        assertEquals(painted.getHeight(), decoded.getHeight());
        assertEquals(painted.getRGB(480, 200), decoded.getRGB(480, 200));
    }

    @Test
    void aSectionWithoutChartIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> painter.paint(TestReports.posts(), TestReports.PARIS));
        assertTrue(e.getMessage().contains("Top posts"), e.getMessage());
    }

    @Test
    void theAltTextNamesTheSeries() {
        String alt = ChartPainter.describe(TestReports.engagement());
        assertTrue(alt.startsWith("Line chart of Engagement per day"), alt);
        assertTrue(alt.contains("Likes, Shares") && alt.contains("31 points"), alt);
    }

    private BufferedImage paint(ReportSection section) {
        return painter.paint(section, TestReports.PARIS);
    }

    private static ReportSection series(String kind, List<Object> values) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            rows.add(Arrays.asList("p" + i, values.get(i)));
        }
        return new ReportSection("One series", null, List.of("Point", "Value"), rows, kind);
    }

    private static Rectangle full(BufferedImage image) {
        return new Rectangle(0, 0, image.getWidth(), image.getHeight());
    }

    private static int corner(BufferedImage image, Rectangle cell) {
        return image.getRGB(cell.x + 2, cell.y + 2) & 0xffffff;
    }

    private static int leftmostSaturated(BufferedImage image, Rectangle area) {
        for (int x = area.x; x < area.x + area.width; x++) {
            for (int y = area.y; y < area.y + area.height; y++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                if (Pixels.chroma(rgb) > 150) {
                    return rgb;
                }
            }
        }
        throw new AssertionError("no legend swatch");
    }

    private static double meanY(BufferedImage image, int colour) {
        long sum = 0;
        int n = 0;
        for (int y = PLOT.y; y < PLOT.y + PLOT.height; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == colour) {
                    sum += y;
                    n++;
                }
            }
        }
        return sum / (double) n;
    }

    /** The longest run of plot columns without a coloured pixel between the first and the last coloured one. */
    private static int longestEmptyRun(BufferedImage image) {
        boolean[] coloured = new boolean[image.getWidth()];
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = PLOT.y; y < PLOT.y + PLOT.height && !coloured[x]; y++) {
                coloured[x] = Pixels.saturated(image.getRGB(x, y) & 0xffffff);
            }
        }
        int first = 0;
        while (!coloured[first]) {
            first++;
        }
        int last = coloured.length - 1;
        while (!coloured[last]) {
            last--;
        }
        int longest = 0;
        int run = 0;
        for (int x = first; x <= last; x++) {
            run = coloured[x] ? 0 : run + 1;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static int lowestSaturatedRow(BufferedImage image) {
        for (int y = PLOT.y + PLOT.height - 1; y >= PLOT.y; y--) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (Pixels.saturated(image.getRGB(x, y) & 0xffffff)) {
                    return y;
                }
            }
        }
        return -1;
    }

    /** {top, bottom} of the coloured pixels in {@code area}, or null. */
    private static int[] verticalExtent(BufferedImage image, Rectangle area) {
        int top = Integer.MAX_VALUE;
        int bottom = -1;
        for (int y = area.y; y < area.y + area.height; y++) {
            for (int x = area.x; x < area.x + area.width; x++) {
                if (Pixels.saturated(image.getRGB(x, y) & 0xffffff)) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        return bottom < 0 ? null : new int[] {top, bottom};
    }
}
