package io.atelier.ghost.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.Query;

/**
 * The tags of a post, by name: the site's tag with that name, compared ignoring
 * case, or a new one. Ghost itself matches a post's tags by their exact name and
 * would make a second tag {@code fish} next to {@code Fish}; a person typing in
 * Ghost's editor picks the existing one, and so does this.
 */
final class Tags {

    private final GhostHttp http;

    Tags(GhostHttp http) {
        this.http = http;
    }

    /**
     * The {@code tags} member of a post for {@code names}: {@code {"id": …}} for a tag the site has,
     * {@code {"name": …}} for one Ghost is to create.
     */
    JsonArray of(AccountContext account, List<String> names, String postId) throws PlatformException {
        JsonArray tags = new JsonArray();
        if (names.isEmpty()) {
            return tags;
        }
        Map<String, String> existing = new HashMap<>();
        JsonObject answer = http.require(http.get(account, "/tags/", Query.of("limit", "all", "fields",
                "id,name")), GhostHttp.hiding(Call.read("reading the tags for post " + postId), account)).json();
        for (JsonElement e : GhostJson.list(answer, "tags")) {
            JsonObject tag = e.getAsJsonObject();
            String name = GhostJson.string(tag, "name");
            String id = GhostJson.string(tag, "id");
            if (name != null && id != null) {
                existing.putIfAbsent(name.toLowerCase(Locale.ROOT), id);
            }
        }
        for (String name : names) {
            JsonObject tag = new JsonObject();
            String id = existing.get(name.toLowerCase(Locale.ROOT));
            if (id != null) {
                tag.addProperty("id", id);
            } else {
                tag.addProperty("name", name);
            }
            tags.add(tag);
        }
        return tags;
    }
}
