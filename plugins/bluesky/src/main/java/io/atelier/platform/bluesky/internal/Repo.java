package io.atelier.platform.bluesky.internal;

import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.platform.bluesky.internal.Sessions.Outcome;

/**
 * The repository calls of one account on its PDS: read records, create posts if
 * absent, write records if unchanged, delete records, upload blobs, resolve
 * handles. Calls that need a session report a refused token as an {@link Outcome}
 * so {@link Sessions} can renew it.
 */
final class Repo {

    /**
     * A record as the PDS holds it.
     *
     * @param uri   where it lives
     * @param cid   the hash of its content, needed to refer to it from a reply
     * @param value the record itself
     */
    record Stored(AtUri uri, String cid, JsonObject value) {

        /** A strong reference ({@code com.atproto.repo.strongRef}) to this record. */
        JsonObject ref() {
            JsonObject ref = new JsonObject();
            ref.addProperty("uri", uri.toString());
            ref.addProperty("cid", cid);
            return ref;
        }
    }

    private final Xrpc xrpc;

    Repo(Xrpc xrpc) {
        this.xrpc = xrpc;
    }

    /** The post with {@code rkey} in {@code did}'s repository, or empty when there is none. Needs no session. */
    Optional<Stored> get(String endpoint, AtUri uri) throws PlatformException {
        Xrpc.Response r = xrpc.query(endpoint, "com.atproto.repo.getRecord",
                Map.of("repo", uri.did(), "collection", uri.collection(), "rkey", uri.rkey()), null);
        if (r.status() == 400 && r.error().equals("RecordNotFound") || r.status() == 404) {
            return Optional.empty();
        }
        JsonObject body = Xrpc.successOrThrow(r, "reading " + uri, Xrpc.Effect.REPEATABLE);
        return Optional.of(new Stored(AtUri.parse(body.get("uri").getAsString()), body.get("cid").getAsString(),
                body.getAsJsonObject("value")));
    }

    /**
     * Creates the post at {@code rkey} unless a record is there already: with
     * {@code swapRecord: null} the PDS writes only where nothing exists, in the same
     * transaction, so however often this runs there is one record. When a record
     * is there (an earlier attempt made it) that record is returned.
     */
    Outcome<Stored> createIfAbsent(Session s, String rkey, JsonObject record) throws PlatformException {
        AtUri uri = new AtUri(s.did(), BlueskyConstants.POST_COLLECTION, rkey);
        JsonObject body = new JsonObject();
        body.addProperty("repo", s.did());
        body.addProperty("collection", BlueskyConstants.POST_COLLECTION);
        body.addProperty("rkey", rkey);
        body.add("swapRecord", JsonNull.INSTANCE);
        body.add("record", record);
        Xrpc.Response r = xrpc.procedure(s.endpoint(), "com.atproto.repo.putRecord", body, s.accessJwt(),
                Xrpc.Effect.PUBLISHES);
        if (Xrpc.tokenRejected(r)) {
            return Outcome.rejected();
        }
        if (r.status() == 400 && r.error().equals("InvalidSwap")) {
            return Outcome.of(get(s.endpoint(), uri).orElseThrow(() -> new RejectedException(
                    "Bluesky reported a record at " + uri + " but does not show it: " + r.message())));
        }
        JsonObject answer = Xrpc.successOrThrow(r, "publishing " + uri, Xrpc.Effect.PUBLISHES);
        return Outcome.of(new Stored(AtUri.parse(answer.get("uri").getAsString()), answer.get("cid").getAsString(),
                record));
    }

    /**
     * Writes {@code record} at {@code uri} (in the session's repository) only if the
     * record there is still the one read, {@code cid}, or with {@code cid == null} only
     * if there is none: {@code putRecord}'s {@code swapRecord}, checked by the PDS in
     * the transaction that writes. For a record that is read, changed and written
     * back, so that an edit made meanwhile by someone else (the Bluesky app) is not
     * overwritten. The write must be one that may be repeated: an interrupted one is a
     * {@code RetryableException}.
     *
     * @return true when written, false when the record changed since it was read
     */
    Outcome<Boolean> putIfUnchanged(Session s, AtUri uri, JsonObject record, String cid) throws PlatformException {
        JsonObject body = new JsonObject();
        body.addProperty("repo", s.did());
        body.addProperty("collection", uri.collection());
        body.addProperty("rkey", uri.rkey());
        if (cid == null) {
            body.add("swapRecord", JsonNull.INSTANCE);
        } else {
            body.addProperty("swapRecord", cid);
        }
        body.add("record", record);
        Xrpc.Response r = xrpc.procedure(s.endpoint(), "com.atproto.repo.putRecord", body, s.accessJwt(),
                Xrpc.Effect.REPEATABLE);
        if (Xrpc.tokenRejected(r)) {
            return Outcome.rejected();
        }
        if (r.status() == 400 && r.error().equals("InvalidSwap")) {
            return Outcome.of(false);
        }
        Xrpc.successOrThrow(r, "writing " + uri, Xrpc.Effect.REPEATABLE);
        return Outcome.of(true);
    }

    /** Deletes the record; deleting what is gone already succeeds. */
    Outcome<Void> delete(Session s, AtUri uri) throws PlatformException {
        JsonObject body = new JsonObject();
        body.addProperty("repo", uri.did());
        body.addProperty("collection", uri.collection());
        body.addProperty("rkey", uri.rkey());
        // Deleting twice is harmless, so a delete that may not have arrived can simply be repeated.
        Xrpc.Response r = xrpc.procedure(s.endpoint(), "com.atproto.repo.deleteRecord", body, s.accessJwt(),
                Xrpc.Effect.REPEATABLE);
        if (Xrpc.tokenRejected(r)) {
            return Outcome.rejected();
        }
        Xrpc.successOrThrow(r, "deleting " + uri, Xrpc.Effect.REPEATABLE);
        return Outcome.of(null);
    }

    /** Uploads an image; returns the blob reference a record embeds. */
    Outcome<JsonObject> uploadBlob(Session s, byte[] bytes, String mediaType) throws PlatformException {
        Xrpc.Response r = xrpc.upload(s.endpoint(), "com.atproto.repo.uploadBlob", bytes, mediaType, s.accessJwt());
        if (Xrpc.tokenRejected(r)) {
            return Outcome.rejected();
        }
        return Outcome.of(Xrpc.successOrThrow(r, "uploading an image", Xrpc.Effect.REPEATABLE).getAsJsonObject("blob"));
    }

    /** The DID of {@code handle}, or empty when no account has it. Needs no session. */
    Optional<String> resolveHandle(String endpoint, String handle) throws PlatformException {
        Xrpc.Response r = xrpc.query(endpoint, "com.atproto.identity.resolveHandle", Map.of("handle", handle), null);
        if (r.status() == 400 && (r.error().equals("HandleNotFound") || r.error().equals("InvalidRequest"))
                || r.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(Xrpc.successOrThrow(r, "resolving @" + handle, Xrpc.Effect.REPEATABLE)
                .get("did").getAsString());
    }
}
