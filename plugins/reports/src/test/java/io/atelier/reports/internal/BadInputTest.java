package io.atelier.reports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportRenderer;
import io.atelier.api.reporting.ReportSection;

/**
 * A cell that is no report cell fails every format the same way, naming the
 * section, the row and the column, before anything is written.
 */
class BadInputTest {

    static Stream<ReportRenderer> renderers() {
        return Stream.of(new HtmlRenderer(), new PdfRenderer(), new CsvRenderer(), new JsonRenderer());
    }

    @ParameterizedTest
    @MethodSource("renderers")
    void aCellOfAnotherTypeIsNamedByItsPlace(ReportRenderer renderer) {
        ReportSection good = TestReports.networks();
        ReportSection bad = new ReportSection("Reach", null, List.of("Day", "Likes"),
                List.of(Arrays.asList("d1", 3), Arrays.asList("d2", Boolean.TRUE)), ReportSection.LINE);
        String message = fails(renderer, TestReports.report("ws", "t", List.of(good, bad)));
        assertTrue(message.contains("section 2 'Reach', row 2, column 'Likes'"), message);
        assertTrue(message.contains("java.lang.Boolean"), message);
    }

    @ParameterizedTest
    @MethodSource("renderers")
    void aNonFiniteFigureIsRefused(ReportRenderer renderer) {
        ReportSection bad = new ReportSection("Rates", null, List.of("Day", "Rate"),
                List.of(Arrays.asList("d1", Double.NaN)), ReportSection.BAR);
        String message = fails(renderer, TestReports.report("ws", "t", List.of(bad)));
        assertTrue(message.contains("section 1 'Rates', row 1, column 'Rate': NaN"), message);
    }

    @ParameterizedTest
    @MethodSource("renderers")
    void aZonedDateTimeIsNotACell(ReportRenderer renderer) {
        ReportSection bad = new ReportSection("When", null, List.of("At"),
                List.of(Arrays.asList(ZonedDateTime.parse("2026-03-01T10:00:00+01:00[Europe/Paris]"))),
                ReportSection.NONE);
        String message = fails(renderer, TestReports.report("ws", "t", List.of(bad)));
        assertTrue(message.contains("column 'At'") && message.contains("(String, Number, Instant, LocalDate or null)"),
                message);
    }

    private static String fails(ReportRenderer renderer, Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> renderer.render(report, out));
        assertEquals(0, out.size(), renderer.format() + " wrote nothing");
        return e.getMessage();
    }
}
