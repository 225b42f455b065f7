package io.atelier.platform.linkedin.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.PublishResult;

/** Reading the Posts API's post objects: URNs, links, times, texts and images. */
final class Posts {

    /** What {@code POST /rest/posts} answers in {@code x-restli-id}: a share or a UGC post. */
    static final Pattern POST_URN = Pattern.compile("urn:li:(share|ugcPost):[0-9]{1,25}");

    private Posts() {
    }

    static String string(JsonObject o, String member) {
        JsonElement e = o == null ? null : o.get(member);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    /** The post's page: {@code /feed/update/<urn>/} opens any post by its URN. */
    static String url(String urn) {
        return "https://www.linkedin.com/feed/update/" + urn + "/";
    }

    static PublishResult result(String urn, Instant fallback, JsonObject post) {
        return new PublishResult(urn, url(urn), createdAt(post).orElse(fallback));
    }

    /** {@code publishedAt}, else {@code createdAt} (epoch milliseconds). */
    static Optional<Instant> createdAt(JsonObject post) {
        for (String member : new String[] {"publishedAt", "createdAt"}) {
            JsonElement e = post == null ? null : post.get(member);
            if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                return Optional.of(Instant.ofEpochMilli(e.getAsLong()));
            }
        }
        return Optional.empty();
    }

    /** How many images it carries: one as {@code content.media}, or those of {@code content.multiImage}. */
    static int imageCount(JsonObject post) {
        JsonObject content = post.getAsJsonObject("content");
        if (content == null) {
            return 0;
        }
        if (content.has("media")) {
            return 1;
        }
        JsonObject multi = content.getAsJsonObject("multiImage");
        JsonArray images = multi == null ? null : multi.getAsJsonArray("images");
        return images == null ? 0 : images.size();
    }

    /** The text of its commentary, unescaped and stripped, for comparison with what was sent. */
    static String text(JsonObject post) {
        String commentary = string(post, "commentary");
        return commentary == null ? "" : LittleText.plain(commentary).strip();
    }
}
