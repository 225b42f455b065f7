package io.atelier.shell.internal.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.atelier.shell.internal.auth.Access;

/**
 * One line of the REST API's route table: method, path template (relative to
 * {@code /api/v1}, with {@code {name}} parameters), a summary, what the request
 * carries, what a success answers and the handler. Dispatch and the OpenAPI
 * description are both generated from these lines, so they cannot disagree.
 *
 * @param method   HTTP method, upper case
 * @param template path template, e.g. {@code /workspaces/{ws}/accounts}
 * @param summary  one line for the API description
 * @param access   who may call it
 * @param request  the body it takes, or {@code null} for none
 * @param response what a success answers
 * @param handler  the operation
 */
public record Route(String method, String template, String summary, Access access, RequestBody request,
        Response response, Handler handler) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(summary, "summary");
        if (access == null) {
            throw new IllegalArgumentException(method + " " + template + " declares no access rule");
        }
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(handler, "handler");
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("template must start with '/': " + template);
        }
        if (access.level() == Access.Level.WORKSPACE && !template.contains("{" + Access.WORKSPACE_PARAMETER + "}")) {
            throw new IllegalArgumentException(method + " " + template + " has a workspace rule but no {"
                    + Access.WORKSPACE_PARAMETER + "} parameter");
        }
    }

    /** The template's segments, e.g. {@code [workspaces, {ws}]}. */
    public List<String> segments() {
        List<String> segments = new ArrayList<>();
        for (String segment : template.substring(1).split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /** The names of the path parameters, in order. */
    public List<String> parameters() {
        return segments().stream().filter(Route::isParameter)
                .map(s -> s.substring(1, s.length() - 1)).toList();
    }

    static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    /** The operation behind a route. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @return the answer's body, written as JSON; ignored when the route answers 204
         * @throws ApiException for every answer that is not a success
         */
        Object handle(ApiRequest request) throws Exception;
    }

    /**
     * The body a route takes.
     *
     * @param mediaTypes accepted {@code Content-Type}s (without parameters)
     * @param schema     the JSON schema, or {@code null} for a binary body
     * @param maxBytes   the largest accepted body
     * @param required   whether an empty body is refused
     */
    public record RequestBody(List<String> mediaTypes, Schema schema, long maxBytes, boolean required) {

        /** Largest JSON body: 1 MiB. */
        public static final long MAX_JSON_BYTES = 1L << 20;

        public RequestBody {
            mediaTypes = List.copyOf(mediaTypes);
        }

        /** A required JSON body. */
        public static RequestBody json(Schema schema) {
            return new RequestBody(List.of("application/json"), schema, MAX_JSON_BYTES, true);
        }

        /** A JSON body that may be left out. */
        public static RequestBody optionalJson(Schema schema) {
            return new RequestBody(List.of("application/json"), schema, MAX_JSON_BYTES, false);
        }

        /** A binary body of one of {@code mediaTypes}. */
        public static RequestBody binary(long maxBytes, String... mediaTypes) {
            return new RequestBody(List.of(mediaTypes), null, maxBytes, true);
        }

        public boolean isJson() {
            return schema != null;
        }
    }

    /**
     * What a success answers.
     *
     * @param status      HTTP status
     * @param description for the API description
     * @param schema      the JSON body, or {@code null} for none (204) or a file
     * @param mediaType   {@code application/json}, or the media type of a file ({@link Download})
     */
    public record Response(int status, String description, Schema schema, String mediaType) {

        public static final String JSON = "application/json";

        public Response(int status, String description, Schema schema) {
            this(status, description, schema, JSON);
        }

        /** A file, such as a CSV export, answered as a {@link Download}. */
        public static Response file(String mediaType, String description) {
            return new Response(200, description, null, mediaType);
        }

        public boolean isFile() {
            return !JSON.equals(mediaType);
        }

        public static Response ok(Schema schema) {
            return new Response(200, "OK", schema);
        }

        public static Response created(Schema schema) {
            return new Response(201, "Created", schema);
        }

        public static Response noContent() {
            return new Response(204, "Done; no content", null);
        }

        /** A redirection (302 Found) to where the {@code Location} header says, such as another site's sign-in. */
        public static Response found(String description) {
            return new Response(302, description, null);
        }

        /** A redirection (303 See Other) to where the {@code Location} header says. */
        public static Response seeOther(String description) {
            return new Response(303, description, null);
        }
    }
}
