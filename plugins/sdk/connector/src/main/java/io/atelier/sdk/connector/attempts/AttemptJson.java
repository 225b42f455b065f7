package io.atelier.sdk.connector.attempts;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.sdk.connector.json.Json;

/**
 * An {@link Attempt} as the JSON value of a store entry:
 * {@code {"firstSentAt":"…","texts":["…"],"inReplyTo":"…","mediaCount":0,"remoteId":"…"}},
 * absent members for null. Written by hand rather than by reflection so that the
 * stored shape stays the same when the record changes.
 */
final class AttemptJson {

    private AttemptJson() {
    }

    /** {@code attempt} as JSON, with its older texts dropped, oldest first, until it is at most {@code max} long. */
    static String write(Attempt attempt, int max) {
        List<String> texts = new ArrayList<>(attempt.texts());
        while (true) {
            JsonObject o = new JsonObject();
            o.addProperty("firstSentAt", attempt.firstSentAt().toString());
            JsonArray a = new JsonArray();
            texts.forEach(a::add);
            o.add("texts", a);
            if (attempt.inReplyTo() != null) {
                o.addProperty("inReplyTo", attempt.inReplyTo());
            }
            o.addProperty("mediaCount", attempt.mediaCount());
            if (attempt.remoteId() != null) {
                o.addProperty("remoteId", attempt.remoteId());
            }
            String json = Json.gson().toJson(o);
            if (json.length() <= max || texts.size() == 1) {
                return json; // the caller refuses a single text too long to be kept
            }
            texts.remove(0);
        }
    }

    /**
     * The attempt in {@code json}.
     *
     * @throws IllegalArgumentException naming the member that is missing or malformed
     */
    static Attempt read(String json) {
        JsonElement e = Json.element(json);
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonObject o = e.getAsJsonObject();
        Instant firstSentAt;
        try {
            firstSentAt = Instant.parse(string(o, "firstSentAt", true));
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("firstSentAt is not an ISO-8601 instant");
        }
        JsonElement t = o.get("texts");
        if (t == null || !t.isJsonArray() || t.getAsJsonArray().isEmpty()) {
            throw new IllegalArgumentException("texts is missing or empty");
        }
        List<String> texts = new ArrayList<>();
        for (JsonElement text : t.getAsJsonArray()) {
            if (!text.isJsonPrimitive() || !text.getAsJsonPrimitive().isString()) {
                throw new IllegalArgumentException("texts holds something other than text");
            }
            texts.add(text.getAsString());
        }
        JsonElement m = o.get("mediaCount");
        if (m == null || !m.isJsonPrimitive() || !m.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("mediaCount is missing or not a number");
        }
        return new Attempt(firstSentAt, texts, string(o, "inReplyTo", false), m.getAsInt(),
                string(o, "remoteId", false));
    }

    private static String string(JsonObject o, String member, boolean required) {
        JsonElement e = o.get(member);
        if (e == null || e.isJsonNull()) {
            if (required) {
                throw new IllegalArgumentException(member + " is missing");
            }
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(member + " is not text");
        }
        return e.getAsString();
    }
}
