package io.atelier.platform.meta.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Reading Graph API objects: members, times as Meta writes them ({@code 2026-03-01T10:00:00+0000}), paging. */
final class Graph {

    /** Meta's timestamps carry an offset without a colon, which {@link Instant#parse} refuses. */
    private static final DateTimeFormatter META_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]xx");

    private Graph() {
    }

    static String string(JsonObject o, String member) {
        JsonElement e = o == null ? null : o.get(member);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    static Optional<Long> number(JsonObject o, String member) {
        JsonElement e = o == null ? null : o.get(member);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return Optional.empty();
        }
        return Optional.of(Math.max(0, e.getAsLong()));
    }

    static JsonObject object(JsonObject o, String member) {
        JsonElement e = o == null ? null : o.get(member);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    /** The {@code data} array of an edge's answer, empty when there is none. */
    static JsonArray data(JsonObject answer) {
        JsonElement e = answer == null ? null : answer.get("data");
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }

    /** The cursor of the next page ({@code paging.cursors.after}), or null when {@code paging.next} says there is none. */
    static String after(JsonObject answer) {
        JsonObject paging = object(answer, "paging");
        if (paging == null || string(paging, "next") == null) {
            return null;
        }
        return string(object(paging, "cursors"), "after");
    }

    /** A time as Meta writes it, or as ISO-8601; empty when unreadable. */
    static Optional<Instant> time(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, META_TIME).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }

    /** Texts compared as Meta keeps them: line ends unified, outer white space dropped. */
    static String comparable(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").strip();
    }
}
