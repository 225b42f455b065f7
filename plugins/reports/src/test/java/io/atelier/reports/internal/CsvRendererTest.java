package io.atelier.reports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportRenderer;
import io.atelier.api.reporting.ReportSection;

/**
 * The CSV file, parsed back with Commons CSV: each section's title, headings,
 * rows and blank line, every cell equal to the report's (figures exactly,
 * instants and dates ISO, null empty), texts that a spreadsheet would run as a
 * formula behind an apostrophe, RFC 4180 quoting.
 */
class CsvRendererTest {

    private final ReportRenderer renderer = new CsvRenderer();

    @Test
    void declaresItsFormat() {
        assertEquals("csv", renderer.format());
        assertTrue(renderer.mediaType().startsWith("text/csv"));
    }

    @Test
    void parsesBackToTheSameCells() throws Exception {
        ReportSection quoting = new ReportSection("Quoting, \"RFC\" 4180", "n", List.of("Text", "Likes"),
                List.of(Arrays.asList("a, \"quoted\"\r\nsecond line", 1), Arrays.asList("", 0)), ReportSection.NONE);
        List<ReportSection> sections = new ArrayList<>(TestReports.monthly().sections());
        sections.add(quoting);
        Report report = TestReports.report("ws", "t", sections);
        String csv = render(report);
        Iterator<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(csv)).iterator();
        for (ReportSection section : sections) {
            assertEquals(List.of(section.title()), next(records), "the section's title line");
            assertEquals(section.columns(), next(records), "the heading line");
            for (List<Object> row : section.rows()) {
                List<String> cells = next(records);
                assertEquals(row.size(), cells.size());
                for (int c = 0; c < row.size(); c++) {
                    assertCell(row.get(c), cells.get(c));
                }
            }
            assertEquals(List.of(""), next(records), "an empty line after the section");
        }
        assertTrue(!records.hasNext(), "nothing else");
    }

    @Test
    void aTextThatWouldRunAsAFormulaGetsAnApostrophe() throws Exception {
        ReportSection section = new ReportSection("=SUM(A1:A9)", null, List.of("@who", "+1", "Text", "Figure"),
                List.of(Arrays.asList("=HYPERLINK(\"http://evil.example\")", "-5 reasons", "@handle", -3),
                        Arrays.asList("+33 6 12 34 56 78", "\tcmd", "plain - text", new BigDecimal("-0.5"))),
                ReportSection.NONE);
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(render(TestReports.report("ws", "t",
                List.of(section))))).getRecords();
        assertEquals(List.of("'=SUM(A1:A9)"), records.get(0).toList());
        assertEquals(List.of("'@who", "'+1", "Text", "Figure"), records.get(1).toList());
        assertEquals(List.of("'=HYPERLINK(\"http://evil.example\")", "'-5 reasons", "'@handle", "-3"),
                records.get(2).toList());
        assertEquals(List.of("'+33 6 12 34 56 78", "'\tcmd", "plain - text", "-0.5"), records.get(3).toList(),
                "figures stay numbers");
    }

    @Test
    void writesRfc4180() throws Exception {
        ReportSection section = new ReportSection("S", null, List.of("Text", "Rate"),
                List.of(Arrays.asList("say \"hi\", twice", TestReports.RATE)), ReportSection.NONE);
        String csv = render(TestReports.report("ws", "t", List.of(section)));
        assertEquals("S\r\nText,Rate\r\n\"say \"\"hi\"\", twice\",0.0650\r\n\r\n", csv);
    }

    @Test
    void anEmptyReportIsAnEmptyFile() throws Exception {
        String csv = render(TestReports.empty());
        assertEquals("", csv);
        assertEquals(0, CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords().size());
    }

    private static void assertCell(Object expected, String actual) {
        if (expected == null) {
            assertEquals("", actual, "null is an empty cell");
        } else if (expected instanceof Number n) {
            BigDecimal exact = new BigDecimal(n.toString());
            assertEquals(0, exact.compareTo(new BigDecimal(actual)), expected + " written as " + actual);
            if (n instanceof BigDecimal d && d.scale() > 0) {
                assertEquals(d.toPlainString(), actual, "a BigDecimal keeps its scale");
            }
        } else if (expected instanceof Instant i) {
            assertEquals(i, Instant.parse(actual));
        } else if (expected instanceof LocalDate d) {
            assertEquals(d, LocalDate.parse(actual));
        } else {
            String s = (String) expected;
            boolean formula = !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0;
            assertEquals(formula ? "'" + s : s, actual);
        }
    }

    private static List<String> next(Iterator<CSVRecord> records) {
        assertTrue(records.hasNext(), "a record is missing");
        return records.next().toList();
    }

    private String render(Report report) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
