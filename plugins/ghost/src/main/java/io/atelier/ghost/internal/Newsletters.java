package io.atelier.ghost.internal;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.Query;

/**
 * The site's newsletters, to check that the one a post is to be e-mailed with
 * exists and is active before anything is published: Ghost would otherwise
 * publish the post and only then fail to e-mail it.
 */
final class Newsletters {

    private final GhostHttp http;

    Newsletters(GhostHttp http) {
        this.http = http;
    }

    /**
     * Nothing when the site has an active newsletter {@code slug}.
     *
     * @throws RejectedException naming the site's active newsletters when it has no such one
     */
    void requireActive(AccountContext account, String slug, String what) throws PlatformException {
        JsonObject answer = http.require(http.get(account, "/newsletters/", Query.of("limit", "all")),
                GhostHttp.hiding(Call.read(what), account)).json();
        List<String> active = new ArrayList<>();
        for (JsonElement e : GhostJson.list(answer, "newsletters")) {
            JsonObject n = e.getAsJsonObject();
            if ("active".equals(GhostJson.string(n, "status"))) {
                String s = GhostJson.string(n, "slug");
                if (slug.equals(s)) {
                    return;
                }
                active.add(s);
            }
        }
        throw new RejectedException("the Ghost site has no active newsletter '" + slug + "' (" + what + "); its"
                + " active newsletters are " + (active.isEmpty() ? "none" : String.join(", ", active))
                + " (Settings → Newsletters shows their slugs in their addresses)");
    }
}
