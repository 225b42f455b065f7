package io.atelier.reports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportRenderer;
import io.atelier.api.reporting.ReportSection;

/**
 * The HTML document: standalone, no script, every text of the report escaped
 * (in element content and in attributes), one decodable PNG per charted section.
 */
class HtmlRendererTest {

    private static final Pattern IMG = Pattern.compile("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\""
            + " width=\"(\\d+)\" height=\"(\\d+)\" alt=\"([^\"]+)\">");
    private static final Pattern TAG = Pattern.compile("<\\s*/?\\s*([a-zA-Z][a-zA-Z0-9-]*)");
    /** Every element the renderer writes; anything else would have come from a report's text. */
    private static final Set<String> OWN_TAGS = Set.of("html", "head", "meta", "title", "style", "body", "header",
            "main", "p", "h1", "h2", "section", "figure", "img", "div", "table", "thead", "tbody", "tr", "th", "td");

    private final ReportRenderer renderer = new HtmlRenderer();

    @Test
    void declaresItsFormat() {
        assertEquals("html", renderer.format());
        assertTrue(renderer.mediaType().startsWith("text/html"));
    }

    @Test
    void hasNoScriptAndEscapesEveryTextFromTheReport() throws Exception {
        String html = render(TestReports.monthly());
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "no script element at all");
        assertFalse(html.contains("<b>x</b>"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;"),
                "the post text is shown as text, in the table and in the note");
        assertFalse(html.contains("\"onerror="), "a quote in a text cannot close an attribute");
        assertTrue(html.contains("&#34;onerror=alert(2) x=&#34;") || html.contains("&quot;onerror=alert(2) x=&quot;"));
        Set<String> tags = new TreeSet<>();
        Matcher m = TAG.matcher(html.replaceFirst("(?s)<style>.*</style>", "<style></style>"));
        while (m.find()) {
            tags.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        assertTrue(OWN_TAGS.containsAll(tags), "only the renderer's own elements: " + tags);
        assertTrue(html.contains("Content-Security-Policy"), "scripts are forbidden by policy too");
    }

    @Test
    void escapesTheHeadingsAndTheChartAltText() throws Exception {
        ReportSection charted = new ReportSection("<img src=x onerror=alert(3)>", "\"><script>alert(4)</script>",
                List.of("Day", "\"><b>series</b>"), List.of(List.of("d1", 1)), ReportSection.BAR);
        Report report = TestReports.report("<i>ws</i>", "Title & \"quotes\"", List.of(charted));
        String html = render(report);
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"));
        assertFalse(html.contains("<i>ws</i>") || html.contains("<b>series</b>") || html.contains("<img src=x"));
        assertTrue(html.contains("<title>Title &amp; &#34;quotes&#34; \u2014 &lt;i&gt;ws&lt;/i&gt;</title>"), html);
        Matcher img = IMG.matcher(html);
        assertTrue(img.find(), "the chart is embedded with an escaped alt text");
        assertTrue(img.group(4).contains("&#34;&gt;&lt;b&gt;series&lt;/b&gt;"), img.group(4));
    }

    @Test
    void showsTheWorkspacesLogoAsADataImageAndItsAccent() throws Exception {
        String html = render(TestReports.branded("#AA3300"));
        String logo = java.util.Base64.getEncoder().encodeToString(TestReports.logo());
        assertTrue(html.contains("<img class=\"logo\" alt=\"\" src=\"data:image/png;base64," + logo + "\">"),
                "the logo, inline: the page's policy loads nothing else");
        assertTrue(html.indexOf("class=\"logo\"") < html.indexOf("<h1>"), "at the head of the report");
        assertTrue(html.contains("header{border-bottom-color:#AA3300}h1,h2{color:#AA3300}"));
        String plain = render(TestReports.monthly());
        assertFalse(plain.contains("class=\"logo\""));
        assertFalse(plain.contains("border-bottom-color"), "no accent: the renderer's own colours");
    }

    @Test
    void showsTheWorkspaceTitlePeriodNotesAndTables() throws Exception {
        String html = render(TestReports.monthly());
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<meta charset=\"utf-8\">"));
        assertTrue(html.contains("<p class=\"workspace\">Pâtisserie Hélène</p>"));
        assertTrue(html.contains("<h1>Monthly report \u2014 March</h1>"));
        // The period is read in the report's zone: Paris, whose March 2026 starts at 23:00 UTC on 28 February.
        assertTrue(html.contains("2026-03-01 to 2026-03-31 (Europe/Paris)"), "period");
        assertTrue(html.contains("<p class=\"note\">Likes and shares as each network counts them.</p>"));
        assertTrue(html.contains("<h2>Mentions by hour</h2>"));
        assertTrue(html.contains("<th scope=\"col\">Engagement rate</th>"));
        // Figures: a BigDecimal keeps its scale and is never written in scientific notation.
        assertTrue(html.contains("<td class=\"num\">0.0650</td>"));
        assertTrue(html.contains("<td class=\"num\">1000</td>"));
        assertFalse(html.contains("1E+3"));
        assertTrue(html.contains("<td class=\"num\">-14</td>"));
        // An instant in the report's zone: 08:15 UTC is 09:15 in Paris in March (before the clocks change).
        assertTrue(html.contains("<td>2026-03-03 09:15</td>"));
        assertTrue(html.contains("<td class=\"na\">\u2014</td>"), "a null is shown as not reported");
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing is loaded from elsewhere");
        assertFalse(html.contains("<link"));
    }

    @Test
    void embedsOneDecodablePngPerChartedSection() throws Exception {
        Report report = TestReports.monthly();
        String html = render(report);
        List<BufferedImage> images = new ArrayList<>();
        List<String> alts = new ArrayList<>();
        Matcher m = IMG.matcher(html);
        while (m.find()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertNotNull(image, "ImageIO decodes the PNG");
            assertEquals(Integer.parseInt(m.group(2)), image.getWidth());
            assertEquals(Integer.parseInt(m.group(3)), image.getHeight());
            images.add(image);
            alts.add(m.group(4));
        }
        long charted = report.sections().stream().filter(s -> !ReportSection.NONE.equals(s.chart())).count();
        assertEquals(3, charted);
        assertEquals(charted, images.size());
        assertEquals(html.split("<img ", -1).length - 1, images.size(), "no other image");
        // line, bar, heatmap in the report's order
        assertEquals(960, images.get(0).getWidth());
        assertEquals(400, images.get(0).getHeight());
        assertEquals(400, images.get(1).getHeight());
        assertEquals(HeatmapChart.layout(TestReports.heatmap(), TestReports.PARIS).height(), images.get(2).getHeight());
        assertTrue(alts.get(0).startsWith("Line chart of Engagement per day"), alts.get(0));
        assertTrue(alts.get(2).startsWith("Heatmap of Mentions by hour"), alts.get(2));
    }

    @Test
    void anEmptyReportIsAValidDocument() throws Exception {
        String html = render(TestReports.empty());
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.strip().endsWith("</html>"));
        assertTrue(html.contains("<h1>Nothing to say</h1>"));
        assertTrue(html.contains("This report has no sections."));
        assertFalse(html.contains("<img"));
        assertFalse(html.contains("<table"));
    }

    @Test
    void aSectionWithoutRowsSaysSo() throws Exception {
        String html = render(TestReports.report("ws", "t", List.of(new ReportSection("Quiet", null,
                List.of("Day", "Likes"), List.of(), ReportSection.LINE))));
        assertTrue(html.contains("No figures for this period."));
        assertEquals(1, html.split("<img ", -1).length - 1, "the chart still says there is nothing");
    }

    private String render(Report report) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
