package io.atelier.platform.wordpress.internal;

import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RetryableException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.Query;

/**
 * The site's posts: finding one by its slug, creating one, and moving a post or
 * a comment to the trash.
 * <p>
 * A lookup asks for posts in every state with {@code context=edit}, which WordPress
 * gives a signed-in user only. WordPress (6.1) serves a read with a wrong
 * application password as an anonymous read, which would not see drafts,
 * scheduled or private posts and could answer "no such post" for one that exists;
 * asked for those, it refuses the anonymous read (400 or 401), and the refusal is
 * then checked against {@code GET /wp/v2/users/me}: a wrong password is
 * {@code AuthExpiredException}, never an empty answer.
 */
final class Posts {

    private static final String FIELDS = "id,link,date_gmt,status,slug";

    private final WordPressHttp http;
    private final Me me;

    Posts(WordPressHttp http, Me me) {
        this.http = http;
        this.me = me;
    }

    /**
     * The post with {@code slug} in any state but the trash (published, scheduled, draft,
     * pending, private), or empty when the site certainly has none.
     *
     * @throws RetryableException when the answer is not a list of posts (a proxy's page): nothing can be concluded
     */
    Optional<JsonObject> bySlug(AccountContext account, String slug, String what) throws PlatformException {
        Call call = WordPressHttp.hiding(Call.read(what), account);
        HttpAnswer answer = http.send(http.get(account, "/wp/v2/posts", Query.of("slug", slug,
                "status", "any", "context", "edit", "_fields", FIELDS)), call);
        if (answer.status() == 400 || answer.status() == 401 || answer.status() == 403) {
            me.read(account, what); // a wrong password fails here as the account's, not as the request's
        }
        if (!answer.ok()) {
            throw http.failure(answer, call);
        }
        if (!answer.text().strip().startsWith("[")) {
            throw new RetryableException("WordPress answered " + what + " with something that is not a list of"
                    + " posts (from " + answer.uri().getHost() + "); nothing can be concluded from it");
        }
        JsonArray posts = WpJson.array(answer.text());
        for (int i = 0; i < posts.size(); i++) {
            JsonObject post = posts.get(i).getAsJsonObject();
            if (slug.equals(WpJson.string(post, "slug"))) {
                return Optional.of(post);
            }
        }
        return Optional.empty();
    }

    /** Creates the post {@code body} describes: the one irreversible call of a publish. */
    JsonObject create(AccountContext account, JsonObject body, String what) throws PlatformException {
        JsonObject post = http.require(http.postJson(account, "/wp/v2/posts", body),
                WordPressHttp.hiding(Call.publish(what), account)).json();
        if (WpJson.number(post, "id") < 1) {
            throw new OutcomeUnknownException("WordPress answered " + what + " without a post id; look the post up"
                    + " before sending it again");
        }
        return post;
    }

    /**
     * Moves the post or comment {@code id} to the trash. What is in the trash already, or
     * gone, counts as deleted; a site without a trash ({@code EMPTY_TRASH_DAYS} 0) deletes it
     * for good, as WordPress's own "Delete permanently" does.
     */
    void trash(AccountContext account, RemoteId id) throws PlatformException {
        String route = (id.comment() ? "/wp/v2/comments/" : "/wp/v2/posts/") + id.id();
        Call call = WordPressHttp.hiding(Call.repeatableWrite("deleting " + (id.comment() ? "comment " : "post ")
                + id), account);
        HttpAnswer answer = http.send(http.request(account, route, "").DELETE().build(), call);
        String code = WordPressHttp.code(answer);
        if (answer.ok() || answer.status() == 410 || answer.status() == 404 && code != null
                && code.matches("rest_(post|comment)_invalid_id")) {
            return; // 410 rest_already_trashed; 404: gone already (or never there)
        }
        if (answer.status() == 501 && "rest_trash_not_supported".equals(code)) {
            HttpAnswer forced = http.send(http.request(account, route, Query.of("force", "true"))
                    .DELETE().build(), call);
            if (forced.ok() || forced.status() == 404) {
                return;
            }
            throw http.failure(forced, call);
        }
        throw http.failure(answer, call);
    }
}
