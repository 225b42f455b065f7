package io.atelier.shell.internal.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the route of a request in the route table: a path that matches no
 * template is 404, a path that matches only under other methods is 405. Literal
 * segments win over parameters, so {@code /plugins/upload} would beat
 * {@code /plugins/{id}}.
 */
public final class Router {

    private final List<Route> routes;

    public Router(List<Route> routes) {
        for (Route route : routes) {
            if (route.access() == null) { // a Route cannot be built so; kept for tables assembled otherwise
                throw new IllegalArgumentException(route.method() + " " + route.template() + " declares no access rule");
            }
        }
        this.routes = List.copyOf(routes);
    }

    /** The route table, in declaration order. */
    public List<Route> routes() {
        return routes;
    }

    /** A route with the path parameters taken from the request's path. */
    public record Match(Route route, Map<String, String> parameters) {
    }

    /**
     * The route for {@code method} and {@code path} (relative to {@code /api/v1}).
     *
     * @throws ApiException {@code not_found} or {@code method_not_allowed}
     */
    public Match match(String method, String path) {
        List<String> segments = split(path);
        Match best = null;
        int bestLiterals = -1;
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> parameters = bind(route.segments(), segments);
            if (parameters == null) {
                continue;
            }
            pathKnown = true;
            if (!route.method().equals(method)) {
                continue;
            }
            int literals = (int) route.segments().stream().filter(s -> !Route.isParameter(s)).count();
            if (literals > bestLiterals) {
                best = new Match(route, parameters);
                bestLiterals = literals;
            }
        }
        if (best != null) {
            return best;
        }
        if (pathKnown) {
            throw new ApiException(ErrorCode.METHOD_NOT_ALLOWED,
                    method + " is not allowed here; allowed: " + String.join(", ", allowedMethods(path)), null);
        }
        throw ApiException.notFound(null, "no such resource: /api/v1" + (path.isEmpty() ? "/" : path));
    }

    /** The methods some route accepts for {@code path}, for the {@code Allow} header. */
    public Set<String> allowedMethods(String path) {
        List<String> segments = split(path);
        Set<String> methods = new TreeSet<>();
        for (Route route : routes) {
            if (bind(route.segments(), segments) != null) {
                methods.add(route.method());
            }
        }
        return methods;
    }

    private static List<String> split(String path) {
        String trimmed = path == null ? "" : path;
        if (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }

    /** The parameters when {@code template} matches {@code segments}; {@code null} otherwise. */
    private static Map<String, String> bind(List<String> template, List<String> segments) {
        if (template.size() != segments.size()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String expected = template.get(i);
            String actual = segments.get(i);
            if (Route.isParameter(expected)) {
                if (actual.isEmpty()) {
                    return null;
                }
                parameters.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return null;
            }
        }
        return parameters;
    }
}
