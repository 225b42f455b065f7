package io.atelier.reports.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.osgi.service.component.annotations.Component;

import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportRenderer;
import io.atelier.api.reporting.ReportSection;

/**
 * Renders a report as one CSV file (RFC 4180, UTF-8, CRLF, with Apache Commons
 * CSV): for each section a line with its title, a line with its column headings,
 * its rows, then an empty line. Figures are plain digits, instants ISO-8601 in
 * UTC, dates ISO, "not reported" an empty cell.
 * <p>
 * A spreadsheet runs a cell that starts with {@code = + - @} (or a tab or carriage
 * return) as a formula, and post texts are written by strangers, so such a text
 * cell gets a leading apostrophe, which spreadsheets show as text. Figures are never
 * changed: {@code -3} stays a number.
 */
@Component(property = ReportRenderer.FORMAT + "=" + CsvRenderer.FORMAT)
public final class CsvRenderer implements ReportRenderer {

    static final String FORMAT = "csv";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String mediaType() {
        return "text/csv; charset=UTF-8; header=absent";
    }

    @Override
    public void render(Report report, OutputStream out) throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(out, "out");
        Cells.check(report);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        // Not closed: the caller owns the stream.
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
        for (ReportSection section : report.sections()) {
            printer.printRecord(text(section.title()));
            printer.printRecord(section.columns().stream().map(CsvRenderer::text).toList());
            for (List<Object> row : section.rows()) {
                List<String> values = new ArrayList<>(row.size());
                for (Object cell : row) {
                    values.add(cell(cell));
                }
                printer.printRecord(values);
            }
            printer.println();
        }
        printer.flush();
    }

    /** A checked cell as CSV text. */
    static String cell(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Number n) {
            return Cells.decimal(n).toPlainString();
        }
        if (cell instanceof Instant || cell instanceof LocalDate) {
            return cell.toString();
        }
        return text(cell.toString());
    }

    /** {@code value} safe to open in a spreadsheet: text that would start a formula gets a leading apostrophe. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        return formula ? "'" + value : value;
    }
}
