package io.atelier.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * {@code atelier exec <name> [args…]}: runs a command of the running workbench
 * through its REST API ({@code POST /api/v1/commands/<name>}) and prints what it
 * answered, so scripts and headless servers have the console's commands without
 * a terminal. It signs in as the local system with the token the workbench
 * writes to {@code data/exec.token} at each start: whoever may read the
 * distribution's data may run its commands, nobody else.
 */
final class Exec {

    /** Commands may do real work (a publish, a report): wait for them longer than for a page. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);
    private static final Gson GSON = new Gson();

    private Exec() {
    }

    /** Runs {@code name} with {@code args}; returns the exit code: 0 when it succeeded, 1 otherwise. */
    static int run(Settings settings, String name, List<String> args, PrintStream out, PrintStream err) {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            err.println("exec: '" + name + "' is not a command name (lower case letters, digits and dashes)");
            return 1;
        }
        String token = readToken(settings, err);
        if (token == null) {
            return 1;
        }
        String base = settings.baseUrl();
        String body = GSON.toJson(Map.of("args", args));
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/commands/" + name))
                .timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            err.println("No Atelier answers on " + base + " (is it running? Is the port right? See --port)");
            return 1;
        } catch (HttpTimeoutException e) {
            err.println("Atelier on " + base + " did not answer " + name + " within " + ANSWER_TIMEOUT.toSeconds() + " s");
            return 1;
        } catch (IOException e) {
            err.println("Cannot reach Atelier on " + base + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        if (response.statusCode() == 401) {
            // Another workbench on that port, or one started from another directory: its token differs.
            err.println("Atelier on " + base + " refused the exec token of " + settings.execToken()
                    + ": is the Atelier on that port the one running from " + settings.home() + "?");
            return 1;
        }
        return print(response.statusCode(), response.body(), out, err);
    }

    /** The token of {@code data/exec.token}, or {@code null} after saying on {@code err} why there is none. */
    static String readToken(Settings settings, PrintStream err) {
        Path file = settings.execToken();
        String problem;
        try {
            String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (token.matches("[!-~]+")) {
                return token;
            }
            problem = token.isEmpty() ? file + " is empty" : file + " does not hold a token";
        } catch (NoSuchFileException e) {
            problem = "no " + file;
        } catch (IOException e) {
            problem = "cannot read " + file + " (" + e.getClass().getSimpleName() + ")";
        }
        err.println("exec: " + problem + ": is Atelier running from this directory (" + settings.home()
                + "), started by this user? The running workbench writes that file at each start.");
        return null;
    }

    /** Prints an answer of the commands endpoint: {@code text} on success, the error's message otherwise. */
    static int print(int status, String body, PrintStream out, PrintStream err) {
        JsonObject answer;
        try {
            JsonElement json = JsonParser.parseString(body);
            answer = json.isJsonObject() ? json.getAsJsonObject() : new JsonObject();
        } catch (JsonParseException e) {
            String start = body.length() > 200 ? body.substring(0, 200) + "…" : body;
            err.println("Unexpected answer (HTTP " + status + "): " + start.strip());
            return 1;
        }
        if (status / 100 == 2) {
            String text = string(answer, "text");
            if (text != null) {
                out.println(text);
            }
            return 0;
        }
        String message = string(answer, "message");
        String field = string(answer, "field");
        err.println((message != null ? message : "HTTP " + status)
                + (field != null ? " (" + field + ")" : ""));
        return 1;
    }

    private static String string(JsonObject object, String member) {
        JsonElement value = object.get(member);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }
}
