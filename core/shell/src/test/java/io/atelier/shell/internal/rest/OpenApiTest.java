package io.atelier.shell.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

class OpenApiTest {

    /** The route table's structure needs no running operation: handlers are never called here. */
    private final List<Route> routes = ApiRoutes.table(
            new ApiRoutes.Operations(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null), "9.9.9");

    private JsonObject document() {
        Route openApi = routes.stream().filter(r -> r.template().equals("/openapi.json")).findFirst().orElseThrow();
        try {
            return (JsonObject) openApi.handler().handle(new ApiRequest(java.util.Map.of(), java.util.Map.of(), null, null));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void describesEveryRouteOfTheTable() {
        JsonObject paths = document().getAsJsonObject("paths");
        for (Route route : routes) {
            JsonObject item = paths.getAsJsonObject("/api/v1" + route.template());
            assertTrue(item != null && item.has(route.method().toLowerCase(Locale.ROOT)),
                    route.method() + " " + route.template() + " is missing");
        }
        int operations = paths.entrySet().stream().mapToInt(e -> e.getValue().getAsJsonObject().size()).sum();
        assertEquals(routes.size(), operations);
    }

    @Test
    void coversTheContractsEndpoints() {
        Set<String> lines = new HashSet<>();
        routes.forEach(r -> lines.add(r.method() + " " + r.template()));
        for (String expected : List.of("GET /health", "GET /plugins", "POST /plugins", "GET /plugins/{id}",
                "POST /plugins/{id}/start", "POST /plugins/{id}/stop", "DELETE /plugins/{id}", "GET /platforms",
                "GET /platforms/{id}", "GET /workspaces", "POST /workspaces", "GET /workspaces/{ws}",
                "PATCH /workspaces/{ws}", "DELETE /workspaces/{ws}", "GET /workspaces/{ws}/accounts",
                "POST /workspaces/{ws}/accounts", "GET /workspaces/{ws}/accounts/{acc}",
                "DELETE /workspaces/{ws}/accounts/{acc}", "GET /views", "GET /commands", "POST /commands/{name}",
                "GET /openapi.json")) {
            assertTrue(lines.contains(expected), expected + " is not routed");
        }
    }

    @Test
    void isOpenApi3WithParametersBodiesAndErrors() {
        JsonObject document = document();
        assertTrue(document.get("openapi").getAsString().startsWith("3.0"));
        assertEquals("9.9.9", document.getAsJsonObject("info").get("version").getAsString());

        JsonObject post = document.getAsJsonObject("paths").getAsJsonObject("/api/v1/workspaces/{ws}/accounts")
                .getAsJsonObject("post");
        assertEquals("ws", post.getAsJsonArray("parameters").get(0).getAsJsonObject().get("name").getAsString());
        assertEquals("#/components/schemas/AccountInput", post.getAsJsonObject("requestBody")
                .getAsJsonObject("content").getAsJsonObject("application/json").getAsJsonObject("schema")
                .get("$ref").getAsString());
        assertTrue(post.getAsJsonObject("responses").has("201"));
        assertTrue(post.getAsJsonObject("responses").has("default"));

        JsonObject schemas = document.getAsJsonObject("components").getAsJsonObject("schemas");
        assertFalse(schemas.getAsJsonObject("AccountInput").get("additionalProperties").getAsBoolean());
        assertTrue(schemas.getAsJsonObject("Error").getAsJsonObject("properties").has("field"));
        assertTrue(schemas.has("Workspace") && schemas.has("Plugin") && schemas.has("Platform"));
    }

    @Test
    void thePostsImportTakesCsvAndTheCalendarFeedIsICalendar() {
        JsonObject paths = document().getAsJsonObject("paths");
        JsonObject request = paths.getAsJsonObject("/api/v1/workspaces/{ws}/posts/import").getAsJsonObject("post")
                .getAsJsonObject("requestBody");
        assertEquals(Set.of("text/csv"), request.getAsJsonObject("content").keySet());
        assertTrue(request.get("description").getAsString().contains(String.valueOf(10L << 20)));
        JsonObject feed = paths.getAsJsonObject("/api/v1/workspaces/{ws}/calendar.ics").getAsJsonObject("get");
        assertEquals("public", feed.get(OpenApi.ACCESS_EXTENSION).getAsString());
        assertEquals(Set.of("text/calendar; charset=utf-8"), feed.getAsJsonObject("responses").getAsJsonObject("200")
                .getAsJsonObject("content").keySet());
        JsonObject error = document().getAsJsonObject("components").getAsJsonObject("schemas")
                .getAsJsonObject("Error");
        assertTrue(error.getAsJsonObject("properties").has("problems"));
        assertFalse(error.getAsJsonArray("required").toString().contains("problems"), "problems is optional");
    }

    @Test
    void theCsvExportsAreDescribedAsCsv() {
        JsonObject paths = document().getAsJsonObject("paths");
        for (String path : List.of("/api/v1/audit.csv", "/api/v1/workspaces/{ws}/audit.csv")) {
            JsonObject ok = paths.getAsJsonObject(path).getAsJsonObject("get").getAsJsonObject("responses")
                    .getAsJsonObject("200");
            assertEquals(Set.of("text/csv; charset=utf-8"), ok.getAsJsonObject("content").keySet(), path);
        }
        JsonObject page = paths.getAsJsonObject("/api/v1/audit").getAsJsonObject("get").getAsJsonObject("responses")
                .getAsJsonObject("200");
        assertTrue(page.getAsJsonObject("content").has("application/json"));
    }

    @Test
    void anUploadTakesTheFiveMediaTypesUpTo50MiB() {
        JsonObject paths = document().getAsJsonObject("paths");
        JsonObject request = paths.getAsJsonObject("/api/v1/workspaces/{ws}/media").getAsJsonObject("post")
                .getAsJsonObject("requestBody");
        assertEquals(Set.of("image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4"),
                request.getAsJsonObject("content").keySet());
        assertTrue(request.get("description").getAsString().contains(String.valueOf(50L << 20)));
        assertEquals("binary", request.getAsJsonObject("content").getAsJsonObject("image/png")
                .getAsJsonObject("schema").get("format").getAsString());
        JsonObject content = paths.getAsJsonObject("/api/v1/workspaces/{ws}/media/{id}/content").getAsJsonObject("get");
        assertEquals(Set.of("*/*"), content.getAsJsonObject("responses").getAsJsonObject("200")
                .getAsJsonObject("content").keySet());
        assertTrue(document().getAsJsonObject("components").getAsJsonObject("schemas").has("MediaItem"));
    }

    @Test
    void reportsAreJsonOrAFileTheSharedOneIsPublicHtmlAndObjectivesTakeANumber() {
        JsonObject document = document();
        JsonObject paths = document.getAsJsonObject("paths");
        JsonObject report = paths.getAsJsonObject("/api/v1/workspaces/{ws}/reports").getAsJsonObject("get");
        assertEquals("#/components/schemas/Report", report.getAsJsonObject("responses").getAsJsonObject("200")
                .getAsJsonObject("content").getAsJsonObject("application/json").getAsJsonObject("schema")
                .get("$ref").getAsString());
        assertTrue(report.get("summary").getAsString().contains("format"), "the summary says how to get a file");
        JsonObject shared = paths.getAsJsonObject("/api/v1/shared/reports/{token}").getAsJsonObject("get");
        assertEquals("public", shared.get(OpenApi.ACCESS_EXTENSION).getAsString());
        assertEquals(0, shared.getAsJsonArray("security").size(), "a share link needs no session");
        assertEquals(Set.of("text/html"), shared.getAsJsonObject("responses").getAsJsonObject("200")
                .getAsJsonObject("content").keySet());
        JsonObject collect = paths.getAsJsonObject("/api/v1/workspaces/{ws}/metrics/collect").getAsJsonObject("post");
        assertTrue(collect.getAsJsonObject("responses").has("202"), "a collection is accepted, not done");

        JsonObject schemas = document.getAsJsonObject("components").getAsJsonObject("schemas");
        JsonObject objective = schemas.getAsJsonObject("ObjectiveInput");
        assertEquals("number", objective.getAsJsonObject("properties").getAsJsonObject("target").get("type")
                .getAsString());
        assertEquals(Set.of("name", "kpi", "comparison", "target", "granularity"),
                new HashSet<>(objective.getAsJsonArray("required").asList().stream().map(e -> e.getAsString())
                        .toList()));
        assertEquals(List.of("validDays"), schemas.getAsJsonObject("ReportShareInput").getAsJsonArray("required")
                .asList().stream().map(e -> e.getAsString()).toList());
        assertTrue(schemas.getAsJsonObject("NewReportShare").getAsJsonObject("properties").has("token"));
        assertFalse(schemas.getAsJsonObject("ReportShare").getAsJsonObject("properties").has("token"),
                "a listed share link never shows its token");
    }

    @Test
    void operationIdsAreUnique() {
        Set<String> ids = new HashSet<>();
        routes.forEach(r -> assertTrue(ids.add(OpenApi.operationId(r)), OpenApi.operationId(r)));
    }
}
