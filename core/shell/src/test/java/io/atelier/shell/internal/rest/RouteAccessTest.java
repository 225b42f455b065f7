package io.atelier.shell.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import io.atelier.shell.internal.auth.Access;
import io.atelier.shell.internal.auth.Permission;

class RouteAccessTest {

    private final List<Route> routes = ApiRoutes.table(
            new ApiRoutes.Operations(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null), "9.9.9");

    @Test
    void aRouteWithoutAccessRuleCannotBeBuilt() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new Route("GET",
                "/secrets", "no rule", null, null, Route.Response.ok(Schema.any(null)), r -> null));
        assertTrue(refused.getMessage().contains("GET /secrets"), refused.getMessage());
    }

    @Test
    void aWorkspaceRuleNeedsTheWorkspaceParameter() {
        assertThrows(IllegalArgumentException.class, () -> new Route("GET", "/accounts/{id}", "no ws",
                Access.workspace(Permission.ACCOUNTS_READ), null, Route.Response.ok(Schema.any(null)), r -> null));
    }

    @Test
    void everyRouteHasTheAccessOfTheContract() {
        Map<String, String> expected = new TreeMap<>();
        for (String line : List.of(
                "GET /health public", "GET /openapi.json public", "GET /session public", "POST /session public",
                "DELETE /session authenticated", "GET /setup public", "POST /setup public",
                "GET /session/oidc public", "GET /session/oidc/callback public",
                "GET /people admin", "POST /people admin", "GET /people/{id} admin", "PATCH /people/{id} admin",
                "DELETE /people/{id} admin",
                "GET /tokens authenticated", "POST /tokens authenticated", "DELETE /tokens/{id} authenticated",
                "GET /plugins admin", "POST /plugins admin", "GET /plugins/{id} admin",
                "POST /plugins/{id}/start admin", "POST /plugins/{id}/stop admin", "DELETE /plugins/{id} admin",
                "GET /platforms authenticated", "GET /platforms/{id} authenticated",
                "GET /views authenticated", "GET /commands authenticated", "POST /commands/{name} admin",
                "GET /workspaces authenticated", "POST /workspaces admin",
                "GET /workspaces/{ws} workspace:workspace.read", "PATCH /workspaces/{ws} workspace:workspace.manage",
                "DELETE /workspaces/{ws} workspace:workspace.delete",
                "GET /workspaces/{ws}/accounts workspace:accounts.read",
                "POST /workspaces/{ws}/accounts workspace:accounts.manage",
                "GET /workspaces/{ws}/accounts/{acc} workspace:accounts.read",
                "DELETE /workspaces/{ws}/accounts/{acc} workspace:accounts.manage",
                "GET /workspaces/{ws}/members workspace:members.read",
                "PUT /workspaces/{ws}/members/{person} workspace:members.manage",
                "DELETE /workspaces/{ws}/members/{person} workspace:members.manage",
                "GET /workspaces/{ws}/audit workspace:audit.read", "GET /workspaces/{ws}/audit.csv workspace:audit.read",
                "GET /audit admin", "GET /audit.csv admin",
                "GET /workspaces/{ws}/posts workspace:posts.read", "POST /workspaces/{ws}/posts workspace:posts.draft",
                "POST /workspaces/{ws}/posts/check workspace:posts.draft",
                "POST /workspaces/{ws}/posts/import workspace:posts.schedule",
                "GET /workspaces/{ws}/posts/{id} workspace:posts.read",
                "PATCH /workspaces/{ws}/posts/{id} workspace:posts.draft",
                "POST /workspaces/{ws}/posts/{id}/cancel workspace:posts.schedule",
                "POST /workspaces/{ws}/posts/{id}/publish-now workspace:posts.schedule",
                "GET /workspaces/{ws}/accounts/{acc}/queue workspace:posts.read",
                "PUT /workspaces/{ws}/accounts/{acc}/queue workspace:queue.manage",
                "PUT /workspaces/{ws}/accounts/{acc}/credentials workspace:accounts.manage",
                "POST /workspaces/{ws}/accounts/sign-ins workspace:accounts.manage",
                "POST /workspaces/{ws}/accounts/{acc}/sign-ins workspace:accounts.manage",
                "GET /sign-in/callback public",
                "GET /media-links/{token} public",
                "GET /workspaces/{ws}/queue/next workspace:posts.read",
                "POST /workspaces/{ws}/calendar-feed workspace:feed.manage",
                "GET /workspaces/{ws}/calendar.ics public",
                "GET /workspaces/{ws}/media workspace:posts.read", "POST /workspaces/{ws}/media workspace:posts.draft",
                "GET /workspaces/{ws}/media/{id} workspace:posts.read",
                "GET /workspaces/{ws}/media/{id}/content workspace:posts.read",
                "DELETE /workspaces/{ws}/media/{id} workspace:posts.draft",
                "GET /posts authenticated", "GET /notices authenticated",
                "GET /workspaces/{ws}/approval-workflow workspace:posts.read",
                "PUT /workspaces/{ws}/approval-workflow workspace:approvals.manage",
                "GET /workspaces/{ws}/posts/{id}/review workspace:posts.read",
                "POST /workspaces/{ws}/posts/{id}/approve workspace:posts.approve",
                "POST /workspaces/{ws}/posts/{id}/reject workspace:posts.approve",
                "GET /workspaces/{ws}/posts/{id}/comments workspace:posts.read",
                "POST /workspaces/{ws}/posts/{id}/comments workspace:posts.comment",
                "GET /approvals authenticated",
                "GET /workspaces/{ws}/signoff-links workspace:approvals.manage",
                "POST /workspaces/{ws}/signoff-links workspace:approvals.manage",
                "DELETE /workspaces/{ws}/signoff-links/{id} workspace:approvals.manage",
                "POST /signoff public", "POST /signoff/posts/{id}/approve public",
                "POST /signoff/posts/{id}/reject public", "POST /signoff/posts/{id}/comments public",
                "POST /signoff/media/{id} public",
                "GET /workspaces/{ws}/branding workspace:workspace.read",
                "PUT /workspaces/{ws}/branding workspace:workspace.manage",
                "GET /workspaces/{ws}/queries workspace:listening.read",
                "POST /workspaces/{ws}/queries workspace:listening.manage",
                "PUT /workspaces/{ws}/queries/{id} workspace:listening.manage",
                "DELETE /workspaces/{ws}/queries/{id} workspace:listening.manage",
                "POST /workspaces/{ws}/queries/check workspace:listening.read",
                "POST /workspaces/{ws}/queries/preview workspace:listening.read",
                "GET /source-kinds authenticated",
                "GET /workspaces/{ws}/sources workspace:listening.read",
                "POST /workspaces/{ws}/sources workspace:listening.manage",
                "POST /workspaces/{ws}/sources/{id}/pause workspace:listening.manage",
                "POST /workspaces/{ws}/sources/{id}/resume workspace:listening.manage",
                "DELETE /workspaces/{ws}/sources/{id} workspace:listening.manage",
                "GET /workspaces/{ws}/mentions workspace:listening.read",
                "GET /workspaces/{ws}/inbox workspace:inbox.read",
                "GET /workspaces/{ws}/inbox/{id} workspace:inbox.read",
                "POST /workspaces/{ws}/inbox/{id}/assign workspace:inbox.handle",
                "POST /workspaces/{ws}/inbox/{id}/status workspace:inbox.handle",
                "POST /workspaces/{ws}/inbox/{id}/notes workspace:inbox.handle",
                "POST /workspaces/{ws}/inbox/{id}/replies workspace:inbox.reply",
                "POST /workspaces/{ws}/inbox/{id}/replies/{reply}/approve workspace:inbox.read",
                "POST /workspaces/{ws}/inbox/{id}/replies/{reply}/reject workspace:inbox.read",
                "GET /workspaces/{ws}/inbox-settings workspace:inbox.read",
                "PUT /workspaces/{ws}/inbox-settings workspace:approvals.manage",
                "GET /workspaces/{ws}/saved-replies workspace:inbox.read",
                "PUT /workspaces/{ws}/saved-replies workspace:inbox.reply",
                "DELETE /workspaces/{ws}/saved-replies/{id} workspace:inbox.reply",
                "GET /workspaces/{ws}/alerts workspace:alerts.read",
                "GET /workspaces/{ws}/alerts/{id} workspace:alerts.read",
                "POST /workspaces/{ws}/alerts/{id}/acknowledge workspace:alerts.handle",
                "GET /workspaces/{ws}/alert-rules workspace:alerts.read",
                "POST /workspaces/{ws}/alert-rules workspace:alerts.manage",
                "PUT /workspaces/{ws}/alert-rules/{id} workspace:alerts.manage",
                "DELETE /workspaces/{ws}/alert-rules/{id} workspace:alerts.manage",
                "GET /sink-kinds authenticated",
                "GET /workspaces/{ws}/alert-channels workspace:alerts.read",
                "POST /workspaces/{ws}/alert-channels workspace:alerts.manage",
                "PUT /workspaces/{ws}/alert-channels/{id} workspace:alerts.manage",
                "POST /workspaces/{ws}/alert-channels/{id}/test workspace:alerts.manage",
                "DELETE /workspaces/{ws}/alert-channels/{id} workspace:alerts.manage",
                "GET /workspaces/{ws}/charter workspace:listening.read",
                "PUT /workspaces/{ws}/charter workspace:moderation.manage",
                "GET /workspaces/{ws}/moderation-rules workspace:listening.read",
                "POST /workspaces/{ws}/moderation-rules workspace:moderation.manage",
                "PUT /workspaces/{ws}/moderation-rules/{id} workspace:moderation.manage",
                "DELETE /workspaces/{ws}/moderation-rules/{id} workspace:moderation.manage",
                "GET /workspaces/{ws}/metrics workspace:reports.read",
                "POST /workspaces/{ws}/metrics/collect workspace:reports.manage",
                "GET /workspaces/{ws}/report-formats workspace:reports.read",
                "GET /workspaces/{ws}/reports workspace:reports.read",
                "GET /workspaces/{ws}/objectives workspace:reports.read",
                "POST /workspaces/{ws}/objectives workspace:reports.manage",
                "DELETE /workspaces/{ws}/objectives/{id} workspace:reports.manage",
                "GET /workspaces/{ws}/report-schedules workspace:reports.manage",
                "POST /workspaces/{ws}/report-schedules workspace:reports.manage",
                "DELETE /workspaces/{ws}/report-schedules/{id} workspace:reports.manage",
                "POST /workspaces/{ws}/report-schedules/{id}/send workspace:reports.manage",
                "GET /workspaces/{ws}/report-shares workspace:reports.manage",
                "POST /workspaces/{ws}/report-shares workspace:reports.manage",
                "DELETE /workspaces/{ws}/report-shares/{id} workspace:reports.manage",
                "GET /shared/reports/{token} public",
                "GET /workspaces/{ws}/accounts/{acc}/best-times workspace:reports.read")) {
            int last = line.lastIndexOf(' ');
            expected.put(line.substring(0, last), line.substring(last + 1));
        }
        Map<String, String> actual = new TreeMap<>();
        routes.forEach(r -> actual.put(r.method() + " " + r.template(), r.access().label()));
        assertEquals(expected, actual);
    }

    @Test
    void theApiDescriptionCarriesEveryAccessRuleAndBothSchemes() throws Exception {
        Route openApi = routes.stream().filter(r -> r.template().equals("/openapi.json")).findFirst().orElseThrow();
        JsonObject document = (JsonObject) openApi.handler().handle(new ApiRequest(Map.of(), Map.of(), null, null));
        JsonObject paths = document.getAsJsonObject("paths");
        int operations = 0;
        for (String path : paths.keySet()) {
            for (Map.Entry<String, com.google.gson.JsonElement> entry : paths.getAsJsonObject(path).entrySet()) {
                JsonObject operation = entry.getValue().getAsJsonObject();
                assertTrue(operation.has(OpenApi.ACCESS_EXTENSION), entry.getKey() + " " + path);
                operations++;
            }
        }
        assertEquals(routes.size(), operations);
        for (Route route : routes) {
            JsonObject operation = paths.getAsJsonObject("/api/v1" + route.template())
                    .getAsJsonObject(route.method().toLowerCase(Locale.ROOT));
            assertEquals(route.access().label(), operation.get(OpenApi.ACCESS_EXTENSION).getAsString());
            assertEquals(route.access().level() == Access.Level.PUBLIC, operation.getAsJsonArray("security").isEmpty());
        }
        JsonObject schemes = document.getAsJsonObject("components").getAsJsonObject("securitySchemes");
        assertEquals("cookie", schemes.getAsJsonObject("session").get("in").getAsString());
        assertEquals("atelier_session", schemes.getAsJsonObject("session").get("name").getAsString());
        assertEquals("bearer", schemes.getAsJsonObject("bearer").get("scheme").getAsString());
    }

    @Test
    void onlyTheSetUpRoutesAnswerBeforeSetUp() {
        assertEquals(java.util.Set.of("/health", "/openapi.json", "/setup"), ApiRoutes.BEFORE_SETUP);
        for (String template : ApiRoutes.BEFORE_SETUP) {
            assertTrue(routes.stream().anyMatch(r -> r.template().equals(template)), template + " is not routed");
        }
    }
}
