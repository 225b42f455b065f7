package io.atelier.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The running workbench's REST API, as a script would use it: java.net.http and JSON. */
final class Rest {

    /** An answer: status and the body parsed as JSON ({@code null} when it is not JSON). */
    record Answer(int status, String body, JsonElement json) {

        JsonObject object() {
            return json.getAsJsonObject();
        }

        JsonArray array() {
            return json.getAsJsonArray();
        }
    }

    private final String base;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** @param base e.g. {@code http://127.0.0.1:8080/} */
    Rest(String base) {
        this.base = base.endsWith("/") ? base : base + "/";
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    Answer post(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
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

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonElement json;
        try {
            json = JsonParser.parseString(response.body());
        } catch (RuntimeException e) {
            json = null;
        }
        return new Answer(response.statusCode(), response.body(), json);
    }
}
