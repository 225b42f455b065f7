package io.atelier.itest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.function.BooleanSupplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The running workbench as a client sees it: real HTTP requests to the port the
 * HTTP whiteboard actually bound (the tests ask for port 0), answers parsed with
 * Gson. Every test class talks to the shell through this one client.
 */
final class Workbench {

    /** How long the shell may take to come up or to reflect a service change. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    private Workbench(URI base) {
        this.base = base;
    }

    /**
     * The workbench behind {@code runtime}, once its REST API answers the health
     * endpoint: the shell's servlets are registered asynchronously after the store
     * is ready, so the first test of a run may come before them.
     */
    static Workbench at(ServiceReference<HttpServiceRuntime> runtime) {
        Workbench workbench = new Workbench(endpoint(runtime));
        awaitTrue("the REST API answers " + workbench.base.resolve("/api/v1/health"), () -> {
            try {
                return workbench.get("/api/v1/health").status() != 404;
            } catch (RuntimeException e) {
                return false;
            }
        });
        return workbench;
    }

    /** The workbench of the framework {@code context} belongs to. */
    static Workbench of(BundleContext context) {
        ServiceReference<HttpServiceRuntime> runtime = context.getServiceReference(HttpServiceRuntime.class);
        if (runtime == null) {
            throw new AssertionError("no HttpServiceRuntime service: the HTTP whiteboard is not running");
        }
        return at(runtime);
    }

    private static URI endpoint(ServiceReference<HttpServiceRuntime> runtime) {
        Object value = runtime.getProperty(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT);
        String first;
        if (value instanceof String s) {
            first = s;
        } else if (value instanceof String[] array && array.length > 0) {
            first = array[0];
        } else if (value instanceof Collection<?> list && !list.isEmpty()) {
            first = String.valueOf(list.iterator().next());
        } else {
            throw new AssertionError("HttpServiceRuntime has no " + HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT + ": " + value);
        }
        return URI.create(first.endsWith("/") ? first : first + "/");
    }

    /** The address the tests talk to, e.g. {@code http://127.0.0.1:41234/}. */
    URI base() {
        return base;
    }

    Answer get(String path) {
        return send("GET", path, null, null);
    }

    Answer delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** POSTs {@code json} as {@code application/json}. */
    Answer post(String path, String json) {
        return send("POST", path, "application/json", BodyPublishers.ofString(json));
    }

    Answer post(String path, JsonElement json) {
        return post(path, json.toString());
    }

    /** Sends any request; {@code body} may be null for none. */
    Answer send(String method, String path, String contentType, BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? BodyPublishers.noBody() : body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            var response = client.send(request.build(), BodyHandlers.ofString());
            return new Answer(method + " " + path, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(method + " " + path + " interrupted", e);
        }
    }

    /**
     * Waits until {@code condition} holds. Service changes reach the shell through
     * the service registry; the wait makes the tests independent of whether the
     * shell binds them synchronously, and fails with {@code what} when it never happens.
     */
    static void awaitTrue(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still not true after " + PATIENCE.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }

    /** The string value of {@code key}, or null when absent or JSON null. */
    static String text(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    /**
     * One HTTP answer.
     *
     * @param request     method and path, for messages
     * @param status      the HTTP status
     * @param contentType the Content-Type header, or empty
     * @param body        the body as text
     */
    record Answer(String request, int status, String contentType, String body) {

        /** The body parsed as JSON; fails naming the request when it is not JSON. */
        JsonElement json() {
            try {
                return JsonParser.parseString(body);
            } catch (RuntimeException e) {
                throw new AssertionError(request + " answered " + status + " with a body that is not JSON: " + body, e);
            }
        }

        JsonObject object() {
            JsonElement json = json();
            if (!json.isJsonObject()) {
                throw new AssertionError(request + " answered " + status + " with no JSON object: " + body);
            }
            return json.getAsJsonObject();
        }

        JsonArray array() {
            JsonElement json = json();
            if (!json.isJsonArray()) {
                throw new AssertionError(request + " answered " + status + " with no JSON array: " + body);
            }
            return json.getAsJsonArray();
        }

        /**
         * Checks that this is an error answer of the REST API: the status, JSON
         * {@code {"code","message","field"}} with one of {@code codes}, the field
         * named ({@code null}: not checked) and no stack trace.
         */
        JsonObject expectError(int expectedStatus, String field, String... codes) {
            expect(expectedStatus);
            if (!contentType.startsWith("application/json")) {
                throw new AssertionError(request + ": error answer is " + contentType + ", not JSON: " + body);
            }
            JsonObject error = object();
            for (String key : error.keySet()) {
                if (!key.equals("code") && !key.equals("message") && !key.equals("field")) {
                    throw new AssertionError(request + ": unexpected key '" + key + "' in error " + body);
                }
            }
            String code = text(error, "code");
            if (!java.util.List.of(codes).contains(code)) {
                throw new AssertionError(request + ": expected code " + java.util.List.of(codes) + ", got " + body);
            }
            String message = text(error, "message");
            if (message == null || message.isBlank()) {
                throw new AssertionError(request + ": error without a message: " + body);
            }
            if (field != null && !field.equals(text(error, "field"))) {
                throw new AssertionError(request + ": expected field '" + field + "', got " + body);
            }
            if (body.contains("\tat ") || body.contains("\\tat ") || body.matches("(?s).*\\b[a-z]\\w*(\\.\\w+)+(Exception|Error)\\b.*")) {
                throw new AssertionError(request + ": error answer shows a stack trace or exception: " + body);
            }
            return error;
        }

        /** Fails with the whole answer unless the status is {@code expected}. */
        Answer expect(int expected) {
            if (status != expected) {
                throw new AssertionError(request + ": expected " + expected + ", got " + status + " " + body);
            }
            return this;
        }
    }
}
