package io.atelier.shell.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RouterTest {

    private static Route route(String method, String template) {
        return new Route(method, template, method + " " + template, io.atelier.shell.internal.auth.Access.PUBLIC, null,
                Route.Response.ok(Schema.any(null)),
                r -> template);
    }

    private final Router router = new Router(List.of(
            route("GET", "/workspaces"),
            route("POST", "/workspaces"),
            route("GET", "/workspaces/{ws}"),
            route("DELETE", "/workspaces/{ws}"),
            route("GET", "/workspaces/{ws}/accounts/{acc}"),
            route("GET", "/plugins/{id}"),
            route("GET", "/plugins/upload")));

    @Test
    void matchesLiteralPaths() {
        assertEquals("/workspaces", router.match("GET", "/workspaces").route().template());
        assertEquals("POST", router.match("POST", "/workspaces").route().method());
    }

    @Test
    void bindsPathParameters() {
        Router.Match match = router.match("GET", "/workspaces/ws_1/accounts/acc_2");
        assertEquals("/workspaces/{ws}/accounts/{acc}", match.route().template());
        assertEquals(Map.of("ws", "ws_1", "acc", "acc_2"), match.parameters());
    }

    @Test
    void toleratesATrailingSlash() {
        assertEquals("/workspaces", router.match("GET", "/workspaces/").route().template());
    }

    @Test
    void literalSegmentsWinOverParameters() {
        assertEquals("/plugins/upload", router.match("GET", "/plugins/upload").route().template());
        assertEquals("/plugins/{id}", router.match("GET", "/plugins/io.atelier.shell").route().template());
    }

    @Test
    void unknownPathIsNotFound() {
        ApiException e = assertThrows(ApiException.class, () -> router.match("GET", "/nothing"));
        assertEquals(404, e.status());
        assertEquals("not_found", e.code());
        assertThrows(ApiException.class, () -> router.match("GET", "/workspaces/ws_1/accounts"));
        assertThrows(ApiException.class, () -> router.match("GET", "/workspaces//accounts/acc_1"));
    }

    @Test
    void knownPathWithAnotherMethodIsMethodNotAllowed() {
        ApiException e = assertThrows(ApiException.class, () -> router.match("PUT", "/workspaces/ws_1"));
        assertEquals(405, e.status());
        assertEquals("method_not_allowed", e.code());
        assertEquals(Set.of("GET", "DELETE"), router.allowedMethods("/workspaces/ws_1"));
    }

    @Test
    void routeListsItsParameters() {
        assertEquals(List.of("ws", "acc"), route("GET", "/workspaces/{ws}/accounts/{acc}").parameters());
    }
}
