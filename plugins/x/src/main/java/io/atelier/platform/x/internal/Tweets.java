package io.atelier.platform.x.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.PublishResult;

/** Reading X's post objects ({@code data} of API v2): ids, texts as X stores them, reply targets, media. */
final class Tweets {

    private static final Pattern LINK = Pattern.compile("https?://\\S+", Pattern.CASE_INSENSITIVE);

    private Tweets() {
    }

    static String string(JsonObject o, String member) {
        JsonElement e = o == null ? null : o.get(member);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    /** The post's link; {@code /i/web/status/} opens a post without knowing the author's name. */
    static String url(String id) {
        return "https://x.com/i/web/status/" + id;
    }

    static PublishResult result(String id, Instant fallback, JsonObject tweet) {
        return new PublishResult(id, url(id), createdAt(tweet).orElse(fallback));
    }

    static java.util.Optional<Instant> createdAt(JsonObject tweet) {
        String at = string(tweet, "created_at");
        if (at == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Instant.parse(at));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    /** The post it answers ({@code referenced_tweets} of type {@code replied_to}), or null. */
    static String repliedTo(JsonObject tweet) {
        JsonArray refs = tweet.getAsJsonArray("referenced_tweets");
        if (refs == null) {
            return null;
        }
        for (JsonElement r : refs) {
            if (r.isJsonObject() && "replied_to".equals(string(r.getAsJsonObject(), "type"))) {
                return string(r.getAsJsonObject(), "id");
            }
        }
        return null;
    }

    /** How many media it carries ({@code attachments.media_keys}). */
    static int mediaCount(JsonObject tweet) {
        JsonObject att = tweet.getAsJsonObject("attachments");
        JsonArray keys = att == null ? null : att.getAsJsonArray("media_keys");
        return keys == null ? 0 : keys.size();
    }

    /**
     * A text as it can be compared with what X stores: X replaces every link with a
     * t.co link and writes {@code &}, {@code <}, {@code >} as entities, so links
     * become one placeholder and the three entities are decoded, on both sides.
     */
    static String comparable(String text) {
        String decoded = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        String nfc = java.text.Normalizer.normalize(decoded, java.text.Normalizer.Form.NFC);
        return LINK.matcher(nfc).replaceAll("\u0001").strip();
    }
}
