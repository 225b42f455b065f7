package io.atelier.reports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportRenderer;
import io.atelier.api.reporting.ReportSection;

/**
 * The PDF, opened again with PDFBox: its text holds the titles and figures
 * (accents included, an emoji as {@code ?}), its charts are images, long tables
 * go on over pages under a repeated heading, and every page is A4.
 */
class PdfRendererTest {

    private final ReportRenderer renderer = new PdfRenderer();

    @Test
    void declaresItsFormat() {
        assertEquals("pdf", renderer.format());
        assertEquals("application/pdf", renderer.mediaType());
    }

    @Test
    void theTextHoldsTitlesFiguresAndAccents() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(render(TestReports.monthly()))) {
            String text = new PDFTextStripper().getText(pdf);
            for (String expected : List.of("Pâtisserie Hélène", "Monthly report \u2014 March",
                    "2026-03-01 to 2026-03-31 (Europe/Paris)", "Engagement per day", "Follower growth by network",
                    "Mentions by hour", "Top posts", "Likes and shares as each network counts them.",
                    TestReports.HOSTILE, "0.0650", "1000", "-14", "412", "2026-03-03 09:15", "Wednesday")) {
                assertTrue(text.contains(expected), "the PDF shows '" + expected + "'");
            }
            // The emoji DejaVu Sans lacks is a '?', the accents are themselves.
            assertTrue(text.contains(TestReports.ACCENTED + " ?"), "accented text and the emoji's stand-in");
            assertEquals("Monthly report \u2014 March", pdf.getDocumentInformation().getTitle());
            for (PDPage page : pdf.getPages()) {
                assertEquals(PDRectangle.A4.getWidth(), page.getMediaBox().getWidth(), 0.01);
                assertEquals(PDRectangle.A4.getHeight(), page.getMediaBox().getHeight(), 0.01);
            }
        }
    }

    @Test
    void theFontIsDejaVuSansEmbedded() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(render(TestReports.monthly()))) {
            PDResources resources = pdf.getPage(0).getResources();
            List<String> fonts = new ArrayList<>();
            for (COSName name : resources.getFontNames()) {
                PDFont font = resources.getFont(name);
                assertTrue(font.isEmbedded(), font.getName() + " is embedded");
                fonts.add(font.getName());
            }
            assertEquals(1, fonts.size(), fonts.toString());
            assertTrue(fonts.get(0).endsWith("+DejaVuSans"), "a subset of DejaVu Sans: " + fonts);
        }
    }

    @Test
    void theWorkspacesLogoComesFirstAndItsAccentColoursTheTitle() throws Exception {
        Report report = TestReports.branded("#AA3300");
        try (PDDocument pdf = Loader.loadPDF(render(report))) {
            List<PDImageXObject> images = images(pdf);
            long charted = report.sections().stream().filter(s -> !ReportSection.NONE.equals(s.chart())).count();
            assertEquals(charted + 1, images.size(), "the charts and the logo");
            PDImageXObject logo = images.stream().filter(i -> i.getWidth() == 120).findFirst().orElseThrow();
            assertEquals(40, logo.getHeight());
            assertEquals(0xCC0000, logo.getImage().getRGB(10, 20) & 0xFFFFFF, "the logo's own pixels");
            assertEquals(0xFFFFFF, logo.getImage().getRGB(100, 20) & 0xFFFFFF);
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains(report.workspaceName()), "the name clients know it by");
            // The accent: the title and the rule are drawn in it (0xAA/255, 0x33/255, 0).
            assertTrue(fillColours(pdf.getPage(0)).contains(List.of(round(0xAA / 255f), round(0x33 / 255f), 0f)),
                    "the accent colour is used: " + fillColours(pdf.getPage(0)));
        }
    }

    @Test
    void aLogoThatCannotBeReadLeavesTheReportWhole() throws Exception {
        byte[] broken = java.util.Arrays.copyOf(TestReports.logo(), 30); // a PNG cut short
        Report monthly = TestReports.monthly();
        Report report = new Report(monthly.workspaceId(), monthly.workspaceName(), monthly.title(), monthly.from(),
                monthly.to(), monthly.zone(), monthly.generatedAt(), monthly.sections(),
                new io.atelier.api.reporting.ReportBranding("image/png", broken, null));
        try (PDDocument pdf = Loader.loadPDF(render(report))) {
            long charted = report.sections().stream().filter(s -> !ReportSection.NONE.equals(s.chart())).count();
            assertEquals(charted, images(pdf).size(), "no logo, every chart");
            assertTrue(new PDFTextStripper().getText(pdf).contains(report.title()));
        }
    }

    @Test
    void eachChartIsAnImage() throws Exception {
        Report report = TestReports.monthly();
        try (PDDocument pdf = Loader.loadPDF(render(report))) {
            List<PDImageXObject> images = images(pdf);
            long charted = report.sections().stream().filter(s -> !ReportSection.NONE.equals(s.chart())).count();
            assertEquals(charted, images.size());
            for (PDImageXObject image : images) {
                assertEquals(960, image.getWidth());
                assertTrue(image.getImage().getRGB(480, image.getHeight() / 2) != 0, "a decodable picture");
            }
        }
    }

    @Test
    void aLongTableGoesOnOverPagesUnderItsHeading() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            rows.add(Arrays.asList("row " + i, i * 3, new BigDecimal(i).movePointLeft(2)));
        }
        ReportSection big = new ReportSection("Every post", null, List.of("Post label", "Likes", "Rate"), rows,
                ReportSection.NONE);
        try (PDDocument pdf = Loader.loadPDF(render(TestReports.report("ws", "Long", List.of(big))))) {
            int pages = pdf.getNumberOfPages();
            assertTrue(pages >= 4, "300 rows of about 16 pt take several A4 pages: " + pages);
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p = 1; p <= pages; p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                String page = stripper.getText(pdf);
                assertTrue(page.contains("Post label"), "page " + p + " repeats the heading row");
                assertTrue(page.contains("Page " + p + " of " + pages), "page " + p + " is numbered");
            }
            String all = new PDFTextStripper().getText(pdf);
            for (int i = 1; i <= 300; i++) {
                assertTrue(all.contains("row " + i + " " + (i * 3) + " "), "row " + i + " is there");
            }
            assertTrue(all.contains("row 300 900 3.00"));
        }
    }

    @Test
    void aVeryLongCellIsWrappedAndCut() throws Exception {
        String essay = "word ".repeat(5000) + "END";
        ReportSection section = new ReportSection("Essay", null, List.of("Text", "Likes"),
                List.of(Arrays.asList(essay, 1), Arrays.asList("short", 2)), ReportSection.NONE);
        try (PDDocument pdf = Loader.loadPDF(render(TestReports.report("ws", "Long cell", List.of(section))))) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("\u2026"), "the cell is cut with an ellipsis");
            assertTrue(!text.contains("END"), "the end of the cell is left out");
            assertTrue(text.contains("short"), "the next row follows");
        }
    }

    @Test
    void anEmptyReportIsAValidDocument() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(render(TestReports.empty()))) {
            assertEquals(1, pdf.getNumberOfPages());
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Nothing to say"));
            assertTrue(text.contains("This report has no sections."));
            assertEquals(0, images(pdf).size());
        }
    }

    @Test
    void theCallerKeepsItsStreamOpen() throws Exception {
        ClosingWatch out = new ClosingWatch();
        renderer.render(TestReports.empty(), out);
        assertTrue(!out.closed && out.size() > 0, "PDFBox must not close the caller's stream");
    }

    private byte[] render(Report report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(report, out);
        byte[] bytes = out.toByteArray();
        assertTrue(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-"));
        return bytes;
    }

    private static List<PDImageXObject> images(PDDocument pdf) throws IOException {
        List<PDImageXObject> images = new ArrayList<>();
        for (PDPage page : pdf.getPages()) {
            PDResources resources = page.getResources();
            for (COSName name : resources.getXObjectNames()) {
                PDXObject object = resources.getXObject(name);
                if (object instanceof PDImageXObject image) {
                    images.add(image);
                }
            }
        }
        return images;
    }

    private static final class ClosingWatch extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    /** The fill colours set on {@code page} ({@code rg}, {@code sc}, {@code scn}), in order, from its content stream. */
    private static List<List<Float>> fillColours(PDPage page) throws IOException {
        List<List<Float>> colours = new ArrayList<>();
        List<Float> operands = new ArrayList<>();
        org.apache.pdfbox.pdfparser.PDFStreamParser parser = new org.apache.pdfbox.pdfparser.PDFStreamParser(page);
        for (Object token = parser.parseNextToken(); token != null; token = parser.parseNextToken()) {
            if (token instanceof org.apache.pdfbox.cos.COSNumber number) {
                operands.add(number.floatValue());
            } else if (token instanceof org.apache.pdfbox.contentstream.operator.Operator operator) {
                if (Set.of("rg", "sc", "scn").contains(operator.getName()) && operands.size() >= 3) {
                    colours.add(List.of(round(operands.get(operands.size() - 3)),
                            round(operands.get(operands.size() - 2)), round(operands.get(operands.size() - 1))));
                }
                operands.clear();
            }
        }
        return colours;
    }

    private static float round(float value) {
        return Math.round(value * 1000) / 1000f;
    }
}
