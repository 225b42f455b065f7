package io.atelier.sdk.connector.json;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

/**
 * The one JSON setup of a connector: a Gson that writes text as it is (no
 * {@code \u003c} escapes: networks count characters), keeps records, and reads
 * and writes {@link Instant} as ISO-8601 text. Parsing that must not fail (an
 * error answer that may be an HTML page) goes through {@link #object} or
 * {@link #element}, which answer empty instead of throwing.
 */
public final class Json {

    /** The media type of a JSON body. */
    public static final String MEDIA_TYPE = "application/json";

    private static final Gson GSON = new GsonBuilder()
            .disableHtmlEscaping()
            .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
            .create();

    private Json() {
    }

    /** The configured Gson. */
    public static Gson gson() {
        return GSON;
    }

    /** {@code value} as JSON text. */
    public static String write(Object value) {
        return GSON.toJson(value);
    }

    /**
     * {@code text} read as {@code type}.
     *
     * @throws JsonParseException when it is not JSON of that shape
     */
    public static <T> T read(String text, Class<T> type) {
        return GSON.fromJson(text, type);
    }

    /** {@code text} as a JSON object; an empty object when it is blank, not JSON, or not an object. */
    public static JsonObject object(String text) {
        JsonElement e = element(text);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    /** {@code text} as any JSON value, or {@code null} when it is blank or not JSON. */
    public static JsonElement element(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JsonParser.parseString(text);
        } catch (JsonParseException e) {
            return null;
        }
    }

    /** A request body holding {@code value} as UTF-8 JSON; send it with {@code Content-Type: application/json}. */
    public static HttpRequest.BodyPublisher body(Object value) {
        String text = value instanceof JsonElement e ? e.toString() : write(value);
        return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }

    /** Instants as ISO-8601 text ({@code 2026-03-01T10:00:00Z}), read with any offset. */
    private static final class InstantAdapter extends TypeAdapter<Instant> {

        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.STRING) {
                throw new JsonParseException("expected an ISO-8601 instant at " + in.getPath() + ", found " + in.peek());
            }
            String text = in.nextString();
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new JsonParseException("not an ISO-8601 instant at " + in.getPath() + ": " + text, e);
            }
        }
    }
}
