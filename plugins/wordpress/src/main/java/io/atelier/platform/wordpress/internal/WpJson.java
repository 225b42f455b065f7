package io.atelier.platform.wordpress.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.PublishResult;
import io.atelier.sdk.connector.json.Json;

/**
 * Reading the objects WordPress's REST API answers with: ids, strings, the
 * {@code {"rendered": …, "raw": …}} pairs of titles and contents, and dates — WordPress gives
 * {@code date_gmt} without an offset ({@code 2026-03-01T10:00:00}), in UTC.
 */
final class WpJson {

    private WpJson() {
    }

    /** The member {@code name} as text, or null when it is absent or not a primitive. */
    static String string(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    /** The member {@code name} as a number, or 0 when it is absent or not one. */
    static long number(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return 0;
        }
        return e.getAsLong();
    }

    /** {@code o.name.part} of a {@code {"rendered": …, "raw": …}} member, or "" when absent. */
    static String part(JsonObject o, String name, String part) {
        JsonElement e = o == null ? null : o.get(name);
        if (e == null || !e.isJsonObject()) {
            return "";
        }
        String v = string(e.getAsJsonObject(), part);
        return v == null ? "" : v;
    }

    /** {@code date_gmt} as an instant, if present and readable. */
    static Optional<Instant> dateGmt(JsonObject o) {
        String text = string(o, "date_gmt");
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A JSON array answer's objects (an error page or an object answers none). */
    static JsonArray array(String text) {
        JsonElement e = Json.element(text);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }

    /** Where a created or found object lives: {@code id} as {@code remote}, {@code link}, {@code date_gmt} or {@code now}. */
    static PublishResult result(JsonObject o, RemoteId remote, Instant now) {
        return new PublishResult(remote.toString(), string(o, "link"), dateGmt(o).orElse(now));
    }
}
