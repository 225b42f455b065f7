package io.atelier.reports.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import org.osgi.service.component.annotations.Component;

import com.google.gson.stream.JsonWriter;

import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportRenderer;
import io.atelier.api.reporting.ReportSection;

/**
 * Renders a report as JSON with Gson, for programs:
 * {@code {workspaceId, workspaceName, title, from, to, zone, generatedAt,
 * sections: [{title, note, chart, columns, rows}]}}. Figures are JSON numbers
 * written exactly as given (a {@code BigDecimal} keeps its digits and scale,
 * {@code 0.0650} stays {@code 0.0650}), instants and dates ISO-8601 strings,
 * "not reported" {@code null}. Streamed, so a large report is never held twice.
 */
@Component(property = ReportRenderer.FORMAT + "=" + JsonRenderer.FORMAT)
public final class JsonRenderer implements ReportRenderer {

    static final String FORMAT = "json";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String mediaType() {
        return "application/json";
    }

    @Override
    public void render(Report report, OutputStream out) throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(out, "out");
        Cells.check(report);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        // Not closed: the caller owns the stream.
        JsonWriter json = new JsonWriter(writer);
        json.setIndent("  ");
        json.setHtmlSafe(true);
        json.setSerializeNulls(true);
        json.beginObject();
        json.name("workspaceId").value(report.workspaceId());
        json.name("workspaceName").value(report.workspaceName());
        json.name("title").value(report.title());
        json.name("from").value(report.from().toString());
        json.name("to").value(report.to().toString());
        json.name("zone").value(report.zone().getId());
        json.name("generatedAt").value(report.generatedAt().toString());
        json.name("sections").beginArray();
        for (ReportSection section : report.sections()) {
            json.beginObject();
            json.name("title").value(section.title());
            json.name("note").value(section.note());
            json.name("chart").value(section.chart());
            json.name("columns").beginArray();
            for (String column : section.columns()) {
                json.value(column);
            }
            json.endArray();
            json.name("rows").beginArray();
            for (List<Object> row : section.rows()) {
                json.beginArray();
                for (Object cell : row) {
                    cell(json, cell);
                }
                json.endArray();
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.endObject();
        json.flush();
        writer.write('\n');
        writer.flush();
    }

    private static void cell(JsonWriter json, Object cell) throws IOException {
        if (cell == null) {
            json.nullValue();
        } else if (cell instanceof Number n) {
            json.value(Cells.decimal(n));
        } else {
            // text, or an Instant / LocalDate, whose toString is ISO-8601
            json.value(cell.toString());
        }
    }
}
