package io.atelier.ghost.internal;

import java.util.Optional;
import java.util.Set;

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
 * The site's posts: finding one by its slug, creating one, publishing a draft
 * (and with it e-mailing the post as a newsletter), and deleting one.
 */
final class Posts {

    /** The statuses of a post readers have been given: on the site, e-mailed, or due. */
    static final Set<String> OUT = Set.of("published", "sent", "scheduled");

    private static final String FIELDS = "id,slug,status,url,published_at,updated_at";

    private final GhostHttp http;

    Posts(GhostHttp http) {
        this.http = http;
    }

    /**
     * The post with {@code slug} in any state (published, e-mailed, scheduled or draft),
     * or empty when the site certainly has none.
     */
    Optional<JsonObject> bySlug(AccountContext account, String slug, String what) throws PlatformException {
        Call call = GhostHttp.hiding(Call.read(what), account);
        HttpAnswer answer = http.send(http.get(account, "/posts/slug/" + slug + "/",
                Query.of("fields", FIELDS)), call);
        if (answer.status() == 404 && GhostHttp.GhostError.of(answer).map(e -> "NotFoundError".equals(e.type()))
                .orElse(false)) {
            return Optional.empty();
        }
        if (!answer.ok()) {
            throw http.failure(answer, call);
        }
        Optional<JsonObject> post = GhostJson.first(answer.json(), "posts");
        if (post.isEmpty() || !slug.equals(GhostJson.string(post.get(), "slug"))) {
            throw new RetryableException("Ghost answered " + what + " with something that is not the post asked for"
                    + " (from " + answer.uri().getHost() + "); nothing can be concluded from it");
        }
        return post;
    }

    /** Creates the post {@code post} describes, its body as HTML: the one irreversible call of a publish. */
    JsonObject create(AccountContext account, JsonObject post, String what) throws PlatformException {
        JsonObject body = new JsonObject();
        JsonArray posts = new JsonArray();
        posts.add(post);
        body.add("posts", posts);
        HttpAnswer answer = http.require(http.json(account, "POST", "/posts/", Query.of("source", "html"),
                body), GhostHttp.hiding(Call.publish(what), account));
        return created(answer, what);
    }

    /**
     * Publishes the draft {@code draft} (as read by {@link #bySlug}), e-mailing it to the
     * subscribers of {@code newsletter} (a slug) when not null. Ghost sends a newsletter only
     * when a post is published by an edit, which is why a post to be e-mailed is made a draft
     * first.
     */
    JsonObject publishDraft(AccountContext account, JsonObject draft, String newsletter, String what)
            throws PlatformException {
        JsonObject change = new JsonObject();
        change.addProperty("status", "published");
        // Ghost refuses an edit that does not name the version it changes.
        change.addProperty("updated_at", GhostJson.string(draft, "updated_at"));
        JsonObject body = new JsonObject();
        JsonArray posts = new JsonArray();
        posts.add(change);
        body.add("posts", posts);
        String query = newsletter == null ? "" : Query.of("newsletter", newsletter, "email_segment", "all");
        HttpAnswer answer = http.require(http.json(account, "PUT", "/posts/" + GhostJson.string(draft, "id") + "/",
                query, body), GhostHttp.hiding(Call.publish(what), account));
        return created(answer, what);
    }

    private static JsonObject created(HttpAnswer answer, String what) throws OutcomeUnknownException {
        Optional<JsonObject> post = GhostJson.first(answer.json(), "posts");
        if (post.isEmpty() || GhostJson.string(post.get(), "id") == null) {
            throw new OutcomeUnknownException("Ghost answered " + what + " without a post; look the post up before"
                    + " sending it again");
        }
        return post.get();
    }

    /** Whether post {@code id} is on the site (in any state). */
    boolean exists(AccountContext account, RemoteId id, String what) throws PlatformException {
        Call call = GhostHttp.hiding(Call.read(what), account);
        HttpAnswer answer = http.send(http.get(account, "/posts/" + id.id() + "/", Query.of("fields", "id")),
                call);
        if (answer.status() == 404 && GhostHttp.GhostError.of(answer).isPresent()) {
            return false;
        }
        if (!answer.ok()) {
            throw http.failure(answer, call);
        }
        return true;
    }

    /** Deletes post {@code id} for good (Ghost has no trash); a post gone already counts as deleted. */
    void delete(AccountContext account, RemoteId id) throws PlatformException {
        Call call = GhostHttp.hiding(Call.repeatableWrite("deleting post " + id), account);
        HttpAnswer answer = http.send(http.request(account, "/posts/" + id.id() + "/", "").DELETE().build(), call);
        if (answer.ok() || answer.status() == 404 && GhostHttp.GhostError.of(answer).isPresent()) {
            return;
        }
        throw http.failure(answer, call);
    }
}
