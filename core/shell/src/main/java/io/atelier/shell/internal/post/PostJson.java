package io.atelier.shell.internal.post;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.scheduling.PostInput;
import io.atelier.scheduling.Recurrence;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.store.PostRepository.Change;
import io.atelier.store.PostRepository.Slot;
import io.atelier.store.PostRepository.StoredPost;
import io.atelier.store.PostRepository.Target;

/**
 * Posts in the REST API's JSON, both ways: request bodies (already checked against
 * their schema, so types are right) into {@link PostInput} and {@link PostPatch}, and
 * stored posts into the post JSON the views and the console read. Values the schema
 * cannot check (a frequency, a date, a day of the week) are checked here, each
 * refusal naming its field.
 */
public final class PostJson {

    private static final DateTimeFormatter SLOT_TIME = DateTimeFormatter.ofPattern("H:mm");

    private PostJson() {
    }

    // --- requests

    /** A new post from a body of {@code Schemas.POST_INPUT}. */
    public static PostInput input(JsonObject body) {
        return new PostInput(string(body, "text"), media(body.get("media"), "media"), strings(body.get("accounts")),
                variants(body.get("variants")), string(body, "at"), string(body, "zone"), flag(body, "queue"),
                flag(body, "draft"), flag(body, "review"), recurrence(body.get("recurrence")));
    }

    /** An edit from a body of {@code Schemas.POST_PATCH}: what is absent (or null) stays as it is. */
    public static PostPatch patch(JsonObject body) {
        JsonElement version = present(body, "version") ? body.get("version") : null;
        return new PostPatch(string(body, "text"), media(body.get("media"), "media"),
                present(body, "accounts") ? strings(body.get("accounts")) : null, variantsOrNull(body.get("variants")),
                string(body, "at"), string(body, "zone"), bool(body, "queue"), bool(body, "draft"),
                bool(body, "review"),
                recurrence(body.get("recurrence")), version == null ? null : version.getAsLong());
    }

    /** Queue slots from {@code [{"day":"MONDAY","time":"09:00"}]}. */
    public static List<Slot> slots(JsonElement value) {
        List<Slot> slots = new ArrayList<>();
        if (value == null || !value.isJsonArray()) {
            return slots;
        }
        JsonArray array = value.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            JsonObject slot = array.get(i).getAsJsonObject();
            slots.add(slot(string(slot, "day"), string(slot, "time"), "slots[" + i + "]"));
        }
        return slots;
    }

    /**
     * One weekly slot: a day of the week ({@code MONDAY}, any case) and a time of day
     * ({@code 09:00} or {@code 9:00}).
     *
     * @param field where it was given, for the error, e.g. {@code slots[2]}
     */
    public static Slot slot(String day, String time, String field) {
        DayOfWeek dayOfWeek;
        try {
            dayOfWeek = DayOfWeek.valueOf(day == null ? "" : day.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field + ".day", "'" + day + "' is not a day of the week; one of MONDAY,"
                    + " TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY");
        }
        try {
            return new Slot(dayOfWeek, LocalTime.parse(time == null ? "" : time.trim(), SLOT_TIME));
        } catch (DateTimeException e) {
            throw ApiException.invalid(field + ".time", "'" + time + "' is not a time of day such as 09:00");
        }
    }

    private static Map<String, PostInput.Variant> variants(JsonElement value) {
        Map<String, PostInput.Variant> variants = variantsOrNull(value);
        return variants == null ? Map.of() : variants;
    }

    private static Map<String, PostInput.Variant> variantsOrNull(JsonElement value) {
        if (value == null || !value.isJsonObject()) {
            return null;
        }
        Map<String, PostInput.Variant> variants = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
            JsonObject variant = entry.getValue().getAsJsonObject();
            String field = "variants." + entry.getKey();
            variants.put(entry.getKey(), new PostInput.Variant(string(variant, "text"),
                    media(variant.get("media"), field + ".media"),
                    present(variant, "thread") ? strings(variant.get("thread")) : null));
        }
        return variants;
    }

    /**
     * The media of a body, or {@code null} when left out. Only the id (a medium of the
     * workspace's library) and the alt text count: the service takes type and size from
     * the library, so {@code mediaType} and {@code size} may be left out.
     */
    private static List<Media> media(JsonElement value, String field) {
        if (value == null || !value.isJsonArray()) {
            return null;
        }
        List<Media> media = new ArrayList<>();
        JsonArray array = value.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            JsonObject item = array.get(i).getAsJsonObject();
            long size = present(item, "size") ? item.get("size").getAsLong() : 0;
            if (size < 0) {
                throw ApiException.invalid(field + "[" + i + "].size", field + "[" + i + "].size cannot be negative");
            }
            String mediaType = string(item, "mediaType");
            media.add(new Media(string(item, "id"), mediaType == null ? "" : mediaType, size, string(item, "alt")));
        }
        return media;
    }

    private static Recurrence recurrence(JsonElement value) {
        if (value == null || !value.isJsonObject()) {
            return null;
        }
        JsonObject object = value.getAsJsonObject();
        String frequency = string(object, "frequency");
        Recurrence.Frequency parsed;
        try {
            parsed = Recurrence.Frequency.valueOf(frequency == null ? "" : frequency.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("recurrence.frequency", "recurrence.frequency '" + frequency
                    + "' is not DAILY, WEEKLY or MONTHLY");
        }
        String until = string(object, "until");
        LocalDate untilDate = null;
        if (until != null && !until.isBlank()) {
            try {
                untilDate = LocalDate.parse(until.trim());
            } catch (DateTimeException e) {
                throw ApiException.invalid("recurrence.until", "recurrence.until '" + until
                        + "' is not a date such as 2027-01-31");
            }
        }
        int interval = present(object, "interval") ? intValue(object, "interval") : 1;
        int count = present(object, "count") ? intValue(object, "count") : 0;
        return new Recurrence(parsed, interval, untilDate, count);
    }

    private static int intValue(JsonObject object, String member) {
        long value = object.get(member).getAsLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw ApiException.invalid("recurrence." + member, "recurrence." + member + " is out of range");
        }
        return (int) value;
    }

    private static boolean present(JsonObject object, String member) {
        JsonElement value = object.get(member);
        return value != null && !value.isJsonNull();
    }

    private static String string(JsonObject object, String member) {
        return present(object, member) ? object.get(member).getAsString() : null;
    }

    private static Boolean bool(JsonObject object, String member) {
        return present(object, member) ? object.get(member).getAsBoolean() : null;
    }

    private static boolean flag(JsonObject object, String member) {
        return Boolean.TRUE.equals(bool(object, member));
    }

    private static List<String> strings(JsonElement value) {
        List<String> list = new ArrayList<>();
        if (value != null && value.isJsonArray()) {
            value.getAsJsonArray().forEach(e -> list.add(e.getAsString()));
        }
        return list;
    }

    // --- answers

    /** A post as lists show it: without its history. */
    public static JsonObject post(StoredPost post) {
        JsonObject json = new JsonObject();
        json.addProperty("id", post.id());
        json.addProperty("workspace", post.workspaceId());
        json.addProperty("state", post.state().name());
        json.add("at", text(post.at()));
        json.addProperty("zone", post.zone().getId());
        json.add("localAt", text(post.localAt()));
        json.add("series", text(post.seriesId()));
        json.addProperty("version", post.version());
        json.add("createdAt", text(post.createdAt()));
        json.add("updatedAt", text(post.updatedAt()));
        json.add("createdBy", text(post.createdBy()));
        JsonArray accounts = new JsonArray();
        JsonObject variants = new JsonObject();
        JsonObject results = new JsonObject();
        for (Target target : post.targets()) {
            accounts.add(target.accountId());
            variants.add(target.accountId(), variant(target.variant()));
            results.add(target.accountId(), result(target));
        }
        json.add("accounts", accounts);
        json.add("variants", variants);
        json.add("results", results);
        return json;
    }

    /** A post with its history, oldest change first, as {@code GET …/posts/{id}} shows it. */
    public static JsonObject post(StoredPost post, List<Change> history) {
        JsonObject json = post(post);
        JsonArray changes = new JsonArray();
        for (Change change : history) {
            JsonObject item = new JsonObject();
            item.add("at", text(change.at()));
            item.add("account", text(change.accountId()));
            item.add("from", text(change.from() == null ? null : change.from().name()));
            item.addProperty("to", change.to().name());
            item.add("actor", text(change.actor()));
            item.add("reason", text(change.reason()));
            changes.add(item);
        }
        json.add("history", changes);
        return json;
    }

    /** Posts as a list answers them. */
    public static JsonArray posts(List<StoredPost> posts) {
        JsonArray array = new JsonArray();
        posts.forEach(p -> array.add(post(p)));
        return array;
    }

    private static JsonObject variant(PostVariant variant) {
        JsonObject json = new JsonObject();
        json.addProperty("text", variant.text());
        JsonArray media = new JsonArray();
        for (Media item : variant.media()) {
            JsonObject m = new JsonObject();
            m.addProperty("id", item.id());
            m.addProperty("mediaType", item.mediaType());
            m.addProperty("size", item.size());
            m.addProperty("alt", item.altText());
            media.add(m);
        }
        json.add("media", media);
        JsonArray thread = new JsonArray();
        variant.thread().forEach(thread::add);
        json.add("thread", thread);
        return json;
    }

    private static JsonObject result(Target target) {
        JsonObject json = new JsonObject();
        json.addProperty("state", target.state().name());
        json.add("url", text(target.url()));
        json.add("remoteId", text(target.remoteId()));
        json.add("error", text(target.error()));
        json.addProperty("attempts", target.attempts());
        json.add("publishedAt", text(target.publishedAt()));
        return json;
    }

    /** {@code value.toString()} as a JSON string, or JSON null. */
    private static JsonElement text(Object value) {
        return value == null ? JsonNull.INSTANCE : new JsonPrimitive(value.toString());
    }
}
