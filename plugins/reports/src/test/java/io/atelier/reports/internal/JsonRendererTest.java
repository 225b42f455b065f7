package io.atelier.reports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportRenderer;
import io.atelier.api.reporting.ReportSection;

/**
 * The JSON document, parsed back with Gson: the documented shape, figures as
 * JSON numbers equal to the report's (a BigDecimal to the last digit and scale),
 * instants and dates as ISO strings, null as null.
 */
class JsonRendererTest {

    private final ReportRenderer renderer = new JsonRenderer();

    @Test
    void declaresItsFormat() {
        assertEquals("json", renderer.format());
        assertEquals("application/json", renderer.mediaType());
    }

    @Test
    void hasTheDocumentedShape() throws Exception {
        Report report = TestReports.monthly();
        JsonObject json = render(report);
        assertEquals(List.of("workspaceId", "workspaceName", "title", "from", "to", "zone", "generatedAt", "sections"),
                List.copyOf(json.keySet()));
        assertEquals("ws_1", json.get("workspaceId").getAsString());
        assertEquals("Pâtisserie Hélène", json.get("workspaceName").getAsString());
        assertEquals("Monthly report \u2014 March", json.get("title").getAsString());
        assertEquals(Instant.parse("2026-02-28T23:00:00Z"), Instant.parse(json.get("from").getAsString()));
        assertEquals(Instant.parse("2026-03-31T22:00:00Z"), Instant.parse(json.get("to").getAsString()));
        assertEquals("Europe/Paris", json.get("zone").getAsString());
        assertEquals(report.generatedAt(), Instant.parse(json.get("generatedAt").getAsString()));
        JsonArray sections = json.getAsJsonArray("sections");
        assertEquals(report.sections().size(), sections.size());
        for (int s = 0; s < sections.size(); s++) {
            JsonObject section = sections.get(s).getAsJsonObject();
            ReportSection expected = report.sections().get(s);
            assertEquals(List.of("title", "note", "chart", "columns", "rows"), List.copyOf(section.keySet()));
            assertEquals(expected.title(), section.get("title").getAsString());
            assertEquals(expected.chart(), section.get("chart").getAsString());
            if (expected.note() == null) {
                assertTrue(section.get("note").isJsonNull());
            } else {
                assertEquals(expected.note(), section.get("note").getAsString());
            }
            JsonArray columns = section.getAsJsonArray("columns");
            assertEquals(expected.columns(), columns.asList().stream().map(JsonElement::getAsString).toList());
            JsonArray rows = section.getAsJsonArray("rows");
            assertEquals(expected.rows().size(), rows.size());
            for (int r = 0; r < rows.size(); r++) {
                JsonArray row = rows.get(r).getAsJsonArray();
                for (int c = 0; c < row.size(); c++) {
                    assertCell(expected.rows().get(r).get(c), row.get(c));
                }
            }
        }
    }

    @Test
    void aBigDecimalStaysExact() throws Exception {
        ReportSection section = new ReportSection("Rates", null, List.of("Network", "Rate", "Huge", "Tiny"),
                List.of(List.of("Bluesky", TestReports.RATE, new BigDecimal("12345678901234567890.123456789"),
                        new BigDecimal("1E-12"))),
                ReportSection.NONE);
        JsonArray row = render(TestReports.report("ws", "t", List.of(section))).getAsJsonArray("sections").get(0)
                .getAsJsonObject().getAsJsonArray("rows").get(0).getAsJsonArray();
        assertTrue(row.get(1).getAsJsonPrimitive().isNumber(), "a figure is a JSON number, not a string");
        assertEquals(new BigDecimal("0.0650"), row.get(1).getAsBigDecimal(), "digits and scale");
        assertEquals(new BigDecimal("12345678901234567890.123456789"), row.get(2).getAsBigDecimal());
        assertEquals(0, new BigDecimal("0.000000000001").compareTo(row.get(3).getAsBigDecimal()));
    }

    @Test
    void textIsKeptAsWrittenAndNeverRawMarkup() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(TestReports.monthly(), out);
        String raw = out.toString(StandardCharsets.UTF_8);
        assertFalse(raw.contains("<script"), "markup characters are escaped in the JSON text");
        JsonObject posts = JsonParser.parseString(raw).getAsJsonObject().getAsJsonArray("sections").get(3)
                .getAsJsonObject();
        assertEquals(TestReports.HOSTILE, posts.getAsJsonArray("rows").get(0).getAsJsonArray().get(0).getAsString());
    }

    @Test
    void anEmptyReportHasNoSections() throws Exception {
        JsonObject json = render(TestReports.empty());
        assertEquals("Nothing to say", json.get("title").getAsString());
        assertEquals(0, json.getAsJsonArray("sections").size());
    }

    private static void assertCell(Object expected, JsonElement actual) {
        if (expected == null) {
            assertTrue(actual.isJsonNull(), "null stays null");
        } else if (expected instanceof Number n) {
            assertTrue(actual.getAsJsonPrimitive().isNumber(), expected + " is a JSON number");
            assertEquals(0, new BigDecimal(n.toString()).compareTo(actual.getAsBigDecimal()), expected.toString());
        } else if (expected instanceof Instant i) {
            assertEquals(i, Instant.parse(actual.getAsString()));
        } else if (expected instanceof LocalDate d) {
            assertEquals(d, LocalDate.parse(actual.getAsString()));
        } else {
            assertEquals(expected, actual.getAsString());
        }
    }

    private JsonObject render(Report report) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(report, out);
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }
}
