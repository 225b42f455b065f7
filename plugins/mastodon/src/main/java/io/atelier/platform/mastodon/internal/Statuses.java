package io.atelier.platform.mastodon.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;

/**
 * Reading Mastodon's {@code Status} entities (and the members of other entities
 * the connector needs): the result of a publish, text and time members that may
 * be absent or null, and the ordering of Mastodon's ids.
 */
final class Statuses {

    private Statuses() {
    }

    /** Where a status lives, from its entity. */
    static PublishResult result(JsonObject status, Instant fallbackTime) throws RejectedException {
        String id = string(status, "id");
        if (id == null || id.isBlank()) {
            throw new RejectedException("Mastodon answered without a status id");
        }
        String url = string(status, "url");
        return new PublishResult(id, url != null ? url : string(status, "uri"),
                instant(status, "created_at").orElse(fallbackTime));
    }

    /** The string value of {@code member}, or null when it is absent, null or not a string. */
    static String string(JsonObject o, String member) {
        JsonElement e = o == null ? null : o.get(member);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    /** The object value of {@code member}, or an empty object. */
    static JsonObject object(JsonObject o, String member) {
        JsonElement e = o == null ? null : o.get(member);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    /** The array value of {@code member}, or an empty array. */
    static JsonArray array(JsonObject o, String member) {
        JsonElement e = o == null ? null : o.get(member);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }

    /** The count in {@code member}, when it is a non-negative whole number. */
    static Optional<Long> count(JsonObject o, String member) {
        JsonElement e = o.get(member);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return Optional.empty();
        }
        try {
            long v = e.getAsLong();
            return v >= 0 ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException notWhole) {
            return Optional.empty();
        }
    }

    /** The instant in {@code member} (an RFC 3339 datetime, as Mastodon writes them). */
    static Optional<Instant> instant(JsonObject o, String member) {
        String v = string(o, member);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether id {@code a} is newer than {@code b}. Mastodon's ids are strings "cast from
     * an integer but not guaranteed to be a number"; numeric ones compare as numbers
     * (longer is larger), others as text.
     */
    static boolean newer(String a, String b) {
        if (b == null) {
            return true;
        }
        boolean numeric = a.matches("\\d+") && b.matches("\\d+");
        if (numeric && a.length() != b.length()) {
            return a.length() > b.length();
        }
        return a.compareTo(b) > 0;
    }

    /** {@code text} with every run of white space made one space, trimmed: how two texts are compared. */
    static String normalized(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }
}
