package io.atelier.shell.internal.rest;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Writes the OpenAPI 3.0 description of the REST API from the route table: every
 * route with its parameters, request body, success answer, the common error
 * answer and its access rule ({@code x-atelier-access}: {@code public},
 * {@code authenticated}, {@code admin} or {@code workspace:<permission>}), and the
 * two ways to authenticate (session cookie, bearer token).
 */
public final class OpenApi {

    /** The extension naming a route's access rule. */
    public static final String ACCESS_EXTENSION = "x-atelier-access";

    /** Where the API lives, relative to the workbench's address. */
    public static final String BASE_PATH = "/api/v1";

    private OpenApi() {
    }

    private static final Schema ERROR = Schema.object("Error",
            Schema.required("code", Schema.string("stable machine-readable code, e.g. validation_failed")),
            Schema.required("message", Schema.string("what is wrong, for a person")),
            Schema.required("field", Schema.string("the field concerned, or null")),
            Schema.optional("problems", Schema.array(Schema.object("FieldProblem",
                    Schema.required("field", Schema.string(null)), Schema.required("message", Schema.string(null))))));

    /** The OpenAPI document for {@code routes}. */
    public static JsonObject describe(Iterable<Route> routes, String version) {
        Map<String, JsonObject> components = new TreeMap<>();
        JsonObject paths = new JsonObject();
        JsonObject errorRef = ERROR.openApi(components);
        for (Route route : routes) {
            String path = BASE_PATH + route.template();
            JsonObject item = paths.has(path) ? paths.getAsJsonObject(path) : new JsonObject();
            paths.add(path, item);
            item.add(route.method().toLowerCase(Locale.ROOT), operation(route, components, errorRef));
        }

        JsonObject info = new JsonObject();
        info.addProperty("title", "Atelier REST API");
        info.addProperty("version", version);
        info.addProperty("description", "Errors are always {\"code\",\"message\",\"field\"}; a validation that"
                + " found several problems adds \"problems\":[{\"field\",\"message\"}], the first being message and field. "
                + "JSON bodies are at most 1 MiB and refuse fields they do not declare. "
                + "Each operation's x-atelier-access says who may call it: public, authenticated, admin, or "
                + "workspace:<permission> in the workspace of its {ws} parameter. State-changing calls "
                + "authenticated by the session cookie must send X-CSRF-Token (from GET /api/v1/session).");

        JsonObject schemas = new JsonObject();
        components.forEach(schemas::add);
        JsonObject componentsObject = new JsonObject();
        componentsObject.add("schemas", schemas);
        componentsObject.add("securitySchemes", securitySchemes());

        JsonObject document = new JsonObject();
        document.addProperty("openapi", "3.0.3");
        document.add("info", info);
        document.add("paths", paths);
        document.add("components", componentsObject);
        return document;
    }

    private static JsonObject operation(Route route, Map<String, JsonObject> components, JsonObject errorRef) {
        JsonObject operation = new JsonObject();
        operation.addProperty("summary", route.summary());
        operation.addProperty("operationId", operationId(route));
        operation.addProperty(ACCESS_EXTENSION, route.access().label());
        operation.add("security", security(route));

        if (!route.parameters().isEmpty()) {
            JsonArray parameters = new JsonArray();
            for (String name : route.parameters()) {
                JsonObject parameter = new JsonObject();
                parameter.addProperty("name", name);
                parameter.addProperty("in", "path");
                parameter.addProperty("required", true);
                JsonObject schema = new JsonObject();
                schema.addProperty("type", "string");
                parameter.add("schema", schema);
                parameters.add(parameter);
            }
            operation.add("parameters", parameters);
        }

        Route.RequestBody request = route.request();
        if (request != null) {
            JsonObject content = new JsonObject();
            for (String mediaType : request.mediaTypes()) {
                JsonObject schema;
                if (request.isJson()) {
                    schema = request.schema().openApi(components);
                } else {
                    schema = new JsonObject();
                    schema.addProperty("type", "string");
                    schema.addProperty("format", "binary");
                }
                JsonObject media = new JsonObject();
                media.add("schema", schema);
                content.add(mediaType, media);
            }
            JsonObject body = new JsonObject();
            body.addProperty("required", request.required());
            body.addProperty("description", "at most " + request.maxBytes() + " bytes");
            body.add("content", content);
            operation.add("requestBody", body);
        }

        JsonObject responses = new JsonObject();
        Route.Response response = route.response();
        JsonObject success = new JsonObject();
        success.addProperty("description", response.description());
        if (response.schema() != null) {
            success.add("content", json(response.schema().openApi(components)));
        } else if (response.isFile()) {
            JsonObject text = new JsonObject();
            text.addProperty("type", "string");
            JsonObject media = new JsonObject();
            media.add("schema", text);
            JsonObject content = new JsonObject();
            content.add(response.mediaType(), media);
            success.add("content", content);
        }
        responses.add(String.valueOf(response.status()), success);
        JsonObject error = new JsonObject();
        error.addProperty("description", "An error: 4xx for the caller's mistakes, 5xx for the server's own faults");
        error.add("content", json(errorRef));
        responses.add("default", error);
        operation.add("responses", responses);
        return operation;
    }

    /** The session cookie and bearer tokens (API tokens, or the local exec token). */
    private static JsonObject securitySchemes() {
        JsonObject cookie = new JsonObject();
        cookie.addProperty("type", "apiKey");
        cookie.addProperty("in", "cookie");
        cookie.addProperty("name", "atelier_session");
        cookie.addProperty("description", "Set by POST /api/v1/session; state-changing calls also send X-CSRF-Token");
        JsonObject bearer = new JsonObject();
        bearer.addProperty("type", "http");
        bearer.addProperty("scheme", "bearer");
        bearer.addProperty("description", "An API token (atl_...) from POST /api/v1/tokens");
        JsonObject schemes = new JsonObject();
        schemes.add("session", cookie);
        schemes.add("bearer", bearer);
        return schemes;
    }

    /** Public operations need nothing ({@code []}); the others either scheme. */
    private static JsonArray security(Route route) {
        JsonArray security = new JsonArray();
        if (route.access().level() != io.atelier.shell.internal.auth.Access.Level.PUBLIC) {
            for (String scheme : new String[] {"session", "bearer"}) {
                JsonObject requirement = new JsonObject();
                requirement.add(scheme, new JsonArray());
                security.add(requirement);
            }
        }
        return security;
    }

    private static JsonObject json(JsonObject schema) {
        JsonObject media = new JsonObject();
        media.add("schema", schema);
        JsonObject content = new JsonObject();
        content.add("application/json", media);
        return content;
    }

    /** A stable operation id, e.g. {@code getWorkspacesWsAccounts}. */
    static String operationId(Route route) {
        StringBuilder id = new StringBuilder(route.method().toLowerCase(Locale.ROOT));
        for (String segment : route.segments()) {
            String word = segment.replaceAll("[^A-Za-z0-9]", "");
            if (!word.isEmpty()) {
                id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return id.toString();
    }
}
