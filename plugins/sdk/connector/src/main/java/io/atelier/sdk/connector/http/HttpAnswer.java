package io.atelier.sdk.connector.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import com.google.gson.JsonObject;

import io.atelier.sdk.connector.json.Json;

/**
 * A network's answer, whatever its status: the caller handles the statuses that
 * mean something on its network (a 404 that means "no such post") and hands the
 * rest to {@link ConnectorHttp#success} for the typed error.
 *
 * @param status  the HTTP status
 * @param headers the answer's headers
 * @param body    the body's bytes, empty when there is none
 * @param uri     the URI that answered (after any redirect)
 */
public record HttpAnswer(int status, HttpHeaders headers, byte[] body, URI uri) {

    public HttpAnswer {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(uri, "uri");
        body = body == null ? new byte[0] : body;
    }

    /** Whether the status is 2xx. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as a JSON object; an empty object when it is empty or not a JSON object (a proxy's HTML page). */
    public JsonObject json() {
        return Json.object(text());
    }

    /** The body read as {@code type} with the library's Gson. */
    public <T> T json(Class<T> type) {
        return Json.read(text(), type);
    }

    /** The first value of header {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    @Override
    public String toString() {
        return "HttpAnswer[" + status + " from " + uri.getHost() + ", " + body.length + " bytes]";
    }
}
