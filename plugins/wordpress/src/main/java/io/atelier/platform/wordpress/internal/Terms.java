package io.atelier.platform.wordpress.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.Query;
import io.atelier.sdk.connector.text.HtmlText;

/**
 * Categories and tags by name: the site's term with that name (WordPress
 * compares names ignoring case), created when the site has none yet. Creating a
 * term is safe to repeat: WordPress answers {@code term_exists} with the id of the
 * term it has, which is then used.
 */
final class Terms {

    /** A taxonomy as the REST API names its route, and as messages name one of its terms. */
    enum Taxonomy {
        CATEGORIES("categories", "category"), TAGS("tags", "tag");

        final String route;
        final String one;

        Taxonomy(String route, String one) {
            this.route = route;
            this.one = one;
        }
    }

    /** Pages of search results read before a term is taken not to exist (creating it then finds it anyway). */
    private static final int MAX_PAGES = 5;

    private final WordPressHttp http;

    Terms(WordPressHttp http) {
        this.http = http;
    }

    /** The ids of the terms named {@code names}, in order, created where missing. */
    List<Long> ids(AccountContext account, Taxonomy taxonomy, List<String> names, String postId)
            throws PlatformException {
        List<Long> ids = new ArrayList<>();
        for (String name : names) {
            Optional<Long> found = find(account, taxonomy, name, postId);
            ids.add(found.isPresent() ? found.get() : create(account, taxonomy, name, postId));
        }
        return ids;
    }

    private Optional<Long> find(AccountContext account, Taxonomy taxonomy, String name, String postId)
            throws PlatformException {
        Call call = WordPressHttp.hiding(Call.read("looking up the " + taxonomy.one + " '" + name + "' of post "
                + postId), account);
        for (int page = 1; page <= MAX_PAGES; page++) {
            HttpAnswer answer = http.require(http.get(account, "/wp/v2/" + taxonomy.route, Query.of(
                    "search", name, "per_page", String.valueOf(WordPressConstants.PAGE), "page", String.valueOf(page),
                    "_fields", "id,name")), call);
            JsonArray terms = WpJson.array(answer.text());
            for (JsonElement e : terms) {
                JsonObject term = e.getAsJsonObject();
                // Term names are stored with & as &amp;: compare the names as a person reads them.
                if (HtmlText.decode(String.valueOf(WpJson.string(term, "name"))).equalsIgnoreCase(name)) {
                    return Optional.of(WpJson.number(term, "id"));
                }
            }
            int pages = answer.header("X-WP-TotalPages").map(String::strip).filter(s -> s.matches("\\d{1,6}"))
                    .map(Integer::parseInt).orElse(1);
            if (terms.size() < WordPressConstants.PAGE || page >= pages) {
                break;
            }
        }
        return Optional.empty();
    }

    private long create(AccountContext account, Taxonomy taxonomy, String name, String postId)
            throws PlatformException {
        JsonObject body = new JsonObject();
        body.addProperty("name", name);
        // A 403 here is the account's role (an Author may not create categories), not its credentials.
        Call call = WordPressHttp.hiding(Call.repeatableWrite("creating the " + taxonomy.one + " '" + name
                + "' for post " + postId).forbiddenRefusesContent(), account);
        HttpAnswer answer = http.send(http.postJson(account, "/wp/v2/" + taxonomy.route, body), call);
        if (answer.ok() && WpJson.number(answer.json(), "id") > 0) {
            return WpJson.number(answer.json(), "id");
        }
        if ("term_exists".equals(WordPressHttp.code(answer))) {
            JsonElement data = answer.json().get("data");
            long id = data != null && data.isJsonObject() ? WpJson.number(data.getAsJsonObject(), "term_id") : 0;
            if (id > 0) {
                return id; // the same name differently written (accents, a slug in common)
            }
        }
        if (answer.status() == 403) {
            throw WordPressHttp.refused(answer, call, "; the account may not create " + taxonomy.route
                    + ": create '" + name + "' in WordPress, or use a user who may");
        }
        throw http.failure(answer, call);
    }
}
