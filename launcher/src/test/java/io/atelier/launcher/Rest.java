package io.atelier.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The running workbench's REST API, as a script would use it: java.net.http and
 * JSON, with the same credentials on every request (usually the provisioned API
 * token as {@code Authorization: Bearer}, see {@link AtelierProcess#rest()}).
 */
final class Rest {

    /** An answer: status, headers and the body parsed as JSON ({@code null} when it is not JSON). */
    record Answer(int status, String body, JsonElement json, HttpHeaders headers) {

        JsonObject object() {
            return json.getAsJsonObject();
        }

        JsonArray array() {
            return json.getAsJsonArray();
        }

        /** The error code of an error answer ({@code {"code","message","field"}}), or {@code null}. */
        String code() {
            return json != null && json.isJsonObject() && json.getAsJsonObject().has("code")
                    ? json.getAsJsonObject().get("code").getAsString() : null;
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final String base;
    /** Sent with every request: the credentials. */
    private final Map<String, String> headers;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /**
     * @param base  e.g. {@code http://127.0.0.1:8080/}
     * @param token an API token sent as {@code Authorization: Bearer}; {@code null} for anonymous requests
     */
    Rest(String base, String token) {
        this(base, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    private Rest(String base, Map<String, String> headers) {
        this.base = base.endsWith("/") ? base : base + "/";
        this.headers = Map.copyOf(headers);
    }

    /** The same API without any credentials. */
    Rest anonymous() {
        return new Rest(base, Map.of());
    }

    /** The same API with other credentials, e.g. a session cookie and its CSRF token. */
    Rest with(Map<String, String> credentials) {
        return new Rest(base, credentials);
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    Answer post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, json);
    }

    Answer put(String path, String json) throws IOException, InterruptedException {
        return send("PUT", path, json);
    }

    /** {@code POST path} with a body of another media type than JSON, e.g. CSV. */
    Answer post(String path, String contentType, String body) throws IOException, InterruptedException {
        return exchange(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** {@code method path}, with {@code json} as the body unless it is {@code null}. */
    Answer send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        return exchange(request);
    }

    /** Sends {@code request} with this API's credentials and reads the answer, JSON when it parses. */
    private Answer exchange(HttpRequest.Builder request) throws IOException, InterruptedException {
        request.header("Accept", "application/json");
        headers.forEach(request::header);
        HttpResponse<String> response = client.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(response.body());
        } catch (RuntimeException e) {
            parsed = null;
        }
        return new Answer(response.statusCode(), response.body(), parsed, response.headers());
    }

    /** The values of {@code field} in the JSON array at {@code path}. */
    List<String> ids(String path, String field) throws IOException, InterruptedException {
        Answer answer = get(path);
        if (answer.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + answer.status() + ": " + answer.body());
        }
        List<String> ids = new ArrayList<>();
        for (JsonElement item : answer.array()) {
            ids.add(item.getAsJsonObject().get(field).getAsString());
        }
        return ids;
    }
}
