package io.atelier.platform.feeds.internal.publishing;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Entries and feed descriptions as store values: one JSON object each, with a
 * format number ({@code "v":1}) so a later version can read what this one wrote.
 * HTML escaping is off: a {@code <} stays one character, so an entry of 25,000
 * characters stays well under the store's 60,000 per value (at most two JSON
 * characters per code point once {@link EntryText} has dropped the controls).
 */
final class EntryJson {

    private static final int FORMAT = 1;
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private EntryJson() {
    }

    static String write(AtomEntry entry) {
        JsonObject o = new JsonObject();
        o.addProperty("v", FORMAT);
        o.addProperty("id", entry.id());
        o.addProperty("account", entry.accountId());
        o.addProperty("workspace", entry.workspaceId());
        o.addProperty("author", entry.author());
        o.addProperty("key", entry.key());
        o.addProperty("post", entry.postId());
        o.addProperty("text", entry.text());
        o.addProperty("published", entry.published().toString());
        if (entry.deleted() != null) {
            o.addProperty("deleted", entry.deleted().toString());
        }
        return GSON.toJson(o);
    }

    /**
     * The entry in {@code value}.
     *
     * @throws IllegalStateException naming {@code where} when the value is not an entry of a known format
     */
    static AtomEntry read(String value, String where) {
        JsonObject o = object(value, where);
        String deleted = string(o, "deleted", where, false);
        return new AtomEntry(string(o, "id", where, true), string(o, "account", where, true),
                string(o, "workspace", where, true), string(o, "author", where, true), string(o, "key", where, true),
                string(o, "post", where, true), string(o, "text", where, true),
                instant(string(o, "published", where, true), where),
                deleted == null ? null : instant(deleted, where));
    }

    /** A feed's description: its title and when it was last written. */
    record Description(String title, Instant updated) {
    }

    static String write(Description description) {
        JsonObject o = new JsonObject();
        o.addProperty("v", FORMAT);
        o.addProperty("title", description.title());
        o.addProperty("updated", description.updated().toString());
        return GSON.toJson(o);
    }

    static Description readDescription(String value, String where) {
        JsonObject o = object(value, where);
        return new Description(string(o, "title", where, true), instant(string(o, "updated", where, true), where));
    }

    private static JsonObject object(String value, String where) {
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(value);
        } catch (JsonParseException e) {
            throw new IllegalStateException(where + " is not JSON: " + e.getMessage(), e);
        }
        if (!parsed.isJsonObject() || !parsed.getAsJsonObject().has("v")
                || parsed.getAsJsonObject().get("v").getAsInt() != FORMAT) {
            throw new IllegalStateException(where + " is not a feed record of format " + FORMAT);
        }
        return parsed.getAsJsonObject();
    }

    private static String string(JsonObject o, String member, String where, boolean required) {
        JsonElement value = o.get(member);
        if (value == null || value.isJsonNull()) {
            if (required) {
                throw new IllegalStateException(where + " has no " + member);
            }
            return null;
        }
        return value.getAsString();
    }

    private static Instant instant(String value, String where) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(where + " holds a date that is not ISO 8601: " + value, e);
        }
    }
}
