package io.atelier.ghost.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.PublishResult;

/**
 * Reading the objects Ghost's Admin API answers with: every answer wraps its
 * resources in an array named after them ({@code {"posts": [ … ], "meta": {"pagination": …}}}),
 * ids are 24 hexadecimal digits, dates are ISO-8601 in UTC ({@code 2026-03-01T10:00:00.000Z}).
 */
final class GhostJson {

    private GhostJson() {
    }

    /** The member {@code name} as text, or null when it is absent, null or not a primitive. */
    static String string(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    /** The member {@code name} as an object, or null. */
    static JsonObject object(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    /** The resources of an answer, e.g. its {@code posts}; empty when there are none or the answer is not Ghost's. */
    static JsonArray list(JsonObject answer, String resource) {
        JsonElement e = answer == null ? null : answer.get(resource);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }

    /** The first resource of an answer (what a create, an edit or a read gives), or empty. */
    static Optional<JsonObject> first(JsonObject answer, String resource) {
        JsonArray a = list(answer, resource);
        return !a.isEmpty() && a.get(0).isJsonObject() ? Optional.of(a.get(0).getAsJsonObject()) : Optional.empty();
    }

    /** {@code meta.pagination.total} of a list answer, or -1 when it has none. */
    static long total(JsonObject answer) {
        JsonObject pagination = object(object(answer, "meta"), "pagination");
        JsonElement total = pagination == null ? null : pagination.get("total");
        return total != null && total.isJsonPrimitive() && total.getAsJsonPrimitive().isNumber()
                ? total.getAsLong() : -1;
    }

    /** The member {@code name} as an instant, if present and readable. */
    static Optional<Instant> instant(JsonObject o, String name) {
        String text = string(o, name);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Where a post lives: its id, its {@code url}, its {@code published_at} (or {@code now}). */
    static PublishResult result(JsonObject post, Instant now) {
        return new PublishResult(string(post, "id"), string(post, "url"),
                instant(post, "published_at").orElse(now));
    }
}
