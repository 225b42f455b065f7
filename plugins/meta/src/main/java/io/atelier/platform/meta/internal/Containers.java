package io.atelier.platform.meta.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.post.Media;
import io.atelier.sdk.connector.attempts.Attempt;
import io.atelier.sdk.connector.attempts.AttemptJournal;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;

/**
 * Publishing through a media container, as Instagram and Threads both do: the
 * container is created ({@code POST /{user}/media} or {@code /threads}), its status is
 * read until it is {@code FINISHED} — {@code ERROR} and {@code EXPIRED} end the attempt
 * with the network's reason, and a container still {@code IN_PROGRESS} after
 * {@link MetaSettings#containerWait()} ends it as retryable, nothing published — then
 * it is published ({@code /media_publish} or {@code /threads_publish} with
 * {@code creation_id}), which is the only request that makes a post.
 * <p>
 * Exactly once: a container is not a post, so creating one is a repeatable write. The
 * attempt is noted ({@link AttemptJournal}) just before the publish request, and the
 * container of each key is kept ({@link ContainerIds}), both in the workbench's plugin
 * store, so a restart or another node sees them. Sent again after no answer, the account's recent
 * posts are read first ({@link RecentPosts}); not found there, the container's own status
 * decides: {@code PUBLISHED} means the post exists though it is not listed yet (unknown,
 * never sent again), {@code FINISHED} means it was certainly not published, and that same
 * container is published now; {@code ERROR} or {@code EXPIRED} means a new container.
 */
final class Containers {

    /**
     * One network's container API.
     *
     * @param network      the network's name, for messages
     * @param createEdge   {@code /media} or {@code /threads}
     * @param publishEdge  {@code /media_publish} or {@code /threads_publish}
     * @param statusField  {@code status_code} (Instagram) or {@code status} (Threads)
     * @param reasonField  where the network says why: {@code status} or {@code error_message}
     * @param linkField    the published post's link member
     * @param imageType    what an image container says of itself: nothing (Instagram) or
     *                     {@code media_type=IMAGE} (Threads)
     */
    record Kind(String network, String createEdge, String publishEdge, String statusField, String reasonField,
            String linkField, Map<String, String> imageType) {
    }

    /** Creates the container to publish (and the carousel's items first); answers its id. */
    @FunctionalInterface
    interface Creation {
        String create() throws PlatformException;
    }

    /** Instagram's code for publishing a container that is not ready: nothing was published. */
    static final int NOT_READY = 9007;

    private final GraphApi api;
    private final Kind kind;
    private final AttemptJournal attempts;
    private final ContainerIds containers;
    private final RecentPosts lookup;

    Containers(GraphApi api, Kind kind, AttemptJournal attempts, ContainerIds containers, RecentPosts lookup) {
        this.api = api;
        this.kind = kind;
        this.attempts = attempts;
        this.containers = containers;
        this.lookup = lookup;
    }

    /**
     * The container of a post with images: one image's, or each item's and then the
     * carousel's. {@code textParams} (the caption, a reply's parent) go on the one
     * image or on the carousel, never on its items.
     */
    String images(AccountContext account, String user, List<Media> media, Map<String, String> textParams,
            String what) throws PlatformException {
        if (media.size() == 1) {
            Map<String, String> params = image(account, media.get(0));
            params.putAll(textParams);
            return create(account, user, params, "the container of " + what);
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            Map<String, String> params = image(account, media.get(i));
            params.put("is_carousel_item", "true");
            items.add(create(account, user, params, "the container of image " + (i + 1) + " of " + what));
        }
        Map<String, String> carousel = GraphApi.params("media_type", "CAROUSEL", "children", String.join(",", items));
        carousel.putAll(textParams);
        return create(account, user, carousel, "the carousel container of " + what);
    }

    /** An image container's parameters: its type, where the network fetches it, its alt text. */
    private Map<String, String> image(AccountContext account, Media m) throws PlatformException {
        Map<String, String> params = new LinkedHashMap<>(kind.imageType());
        params.putAll(GraphApi.params("image_url", MediaUrls.url(m, account, kind.network()).toString(),
                "alt_text", m.altText().isBlank() ? null : m.altText()));
        return params;
    }

    /** Creates one container with {@code params}; answers its id. */
    String create(AccountContext account, String user, Map<String, String> params, String what)
            throws PlatformException {
        JsonObject answer = api.require(account, "POST", "/" + user + kind.createEdge(), params,
                Call.repeatableWrite("creating " + what));
        String id = Graph.string(answer, "id");
        if (id == null) {
            throw new RejectedException(kind.network() + " answered creating " + what + " without a container id");
        }
        return id;
    }

    /** One post for {@code key}, never two (see the class comment). */
    PublishResult publish(AccountContext account, String owner, String key, String text, String inReplyTo,
            int media, RecentPosts.Listing listing, Creation creation, String what) throws PlatformException {
        String accountId = account.account().id();
        Optional<Attempt> before = attempts.find(accountId, key);
        if (before.isPresent() && before.get().remoteId() != null) {
            return result(account, before.get().remoteId(), before.get().firstSentAt());
        }
        String container = containers.find(accountId, key).orElse(null);
        if (before.isPresent()) {
            Optional<RecentPosts.Found> found = lookup.find(account, owner, listing, before.get().firstSentAt(), text);
            if (found.isPresent()) {
                return confirmed(accountId, key, found.get());
            }
        }
        if (container != null) {
            String status = status(account, container).status();
            if (status.equals("PUBLISHED")) {
                throw new OutcomeUnknownException(api.network() + ": the container of " + what + " was published,"
                        + " but the post is not among the account's recent posts yet; reconcile it later");
            }
            if (!status.equals("FINISHED") && !status.equals("IN_PROGRESS")) {
                container = null; // ERROR or EXPIRED: a new container
            }
        }
        if (container == null) {
            container = creation.create();
            containers.remember(accountId, key, container);
        }
        awaitFinished(account, container, what);
        attempts.sending(accountId, key, text, inReplyTo, media);
        Instant now = api.settings().clock().instant();
        Call call = Call.publish(what);
        HttpAnswer answer = api.send(account, "POST", "/" + owner + kind.publishEdge(),
                GraphApi.params("creation_id", container), call);
        if (answer.ok()) {
            String id = Graph.string(answer.json(), "id");
            if (id == null) {
                throw new OutcomeUnknownException(api.network() + " answered " + what + " without a post id; it may"
                        + " have been published: look it up before sending it again");
            }
            attempts.confirmed(accountId, key, id);
            return result(account, id, now);
        }
        if (GraphErrors.error(answer).map(e -> GraphErrors.code(e) == NOT_READY).orElse(false)) {
            throw new RetryableException(api.network() + ": " + what + ": the container is not ready to publish;"
                    + " nothing was published");
        }
        throw api.failure(answer, call, account);
    }

    /** What {@code reconcile} answers for {@code key}: the post, empty when it certainly was not made. */
    Optional<PublishResult> reconcile(AccountContext account, String owner, String key,
            java.util.function.Function<Attempt, RecentPosts.Listing> listing) throws PlatformException {
        try {
            Optional<Attempt> attempt = attempts.find(account.account().id(), key);
            if (attempt.isEmpty()) {
                return Optional.empty();
            }
            Attempt a = attempt.get();
            if (a.remoteId() != null) {
                return existing(account, a.remoteId());
            }
            Optional<RecentPosts.Found> found = lookup.find(account, owner, listing.apply(a), a.firstSentAt(),
                    a.lastText());
            if (found.isPresent()) {
                return Optional.of(confirmed(account.account().id(), key, found.get()));
            }
            String container = containers.find(account.account().id(), key).orElse(null);
            if (container != null && status(account, container).status().equals("PUBLISHED")) {
                throw new OutcomeUnknownException(api.network() + ": the container of " + key + " was published,"
                        + " but the post is not among the account's recent posts yet");
            }
            return Optional.empty();
        } catch (RetryableException e) {
            // The network or the plugin store could not answer: never "not there", which would send it again.
            throw new OutcomeUnknownException(e.getMessage(), e);
        }
    }

    /** A container's status and the network's reason. */
    record Status(String status, String reason) {
    }

    Status status(AccountContext account, String container) throws PlatformException {
        Call call = Call.read("reading the status of container " + container);
        HttpAnswer answer = api.send(account, "GET", "/" + container, GraphApi.params("fields",
                kind.statusField() + "," + kind.reasonField()), call);
        if (GraphErrors.noSuchObject(answer)) {
            return new Status("EXPIRED", "the container is gone");
        }
        if (!answer.ok()) {
            throw api.failure(answer, call, account);
        }
        JsonObject o = answer.json();
        String s = Graph.string(o, kind.statusField());
        return new Status(s == null ? "IN_PROGRESS" : s, Optional.ofNullable(Graph.string(o, kind.reasonField()))
                .orElse(""));
    }

    /** Waits until the container is ready, within the settings' bound. */
    void awaitFinished(AccountContext account, String container, String what) throws PlatformException {
        Instant deadline = api.settings().clock().instant().plus(api.settings().containerWait());
        while (true) {
            Status s = status(account, container);
            switch (s.status()) {
                case "FINISHED" -> {
                    return;
                }
                case "ERROR" -> throw new RejectedException(api.network() + " could not process the media of " + what
                        + " (container ERROR" + (s.reason().isEmpty() ? "" : ": " + s.reason()) + ")");
                case "EXPIRED" -> throw new RejectedException(api.network() + ": the container of " + what
                        + " expired (containers must be published within 24 hours); it is made again next time");
                case "PUBLISHED" -> throw new OutcomeUnknownException(api.network() + ": the container of " + what
                        + " is published already; reconcile it");
                default -> {
                    // IN_PROGRESS: wait
                }
            }
            if (!api.settings().clock().instant().isBefore(deadline)) {
                throw new RetryableException(api.network() + ": the media of " + what + " were not ready after "
                        + api.settings().containerWait().toSeconds() + " s; nothing was published, and the next"
                        + " attempt publishes the same container");
            }
            try {
                Thread.sleep(api.settings().containerPoll().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetryableException(api.network() + ": interrupted while waiting for the media of " + what
                        + "; nothing was published", e);
            }
        }
    }

    private PublishResult confirmed(String accountId, String key, RecentPosts.Found found) {
        attempts.confirmed(accountId, key, found.id());
        return new PublishResult(found.id(), found.url(), found.createdAt());
    }

    /** The published post with its link; the link is left out when it cannot be read now. */
    private PublishResult result(AccountContext account, String id, Instant fallback) throws PlatformException {
        try {
            return existing(account, id).orElse(new PublishResult(id, null, fallback));
        } catch (RetryableException e) {
            return new PublishResult(id, null, fallback);
        }
    }

    private Optional<PublishResult> existing(AccountContext account, String id) throws PlatformException {
        Call call = Call.read("looking up post " + id);
        HttpAnswer answer = api.send(account, "GET", "/" + id, GraphApi.params("fields", "id,timestamp,"
                + kind.linkField()), call);
        if (GraphErrors.noSuchObject(answer)) {
            return Optional.empty();
        }
        if (!answer.ok()) {
            throw api.failure(answer, call, account);
        }
        JsonObject o = answer.json();
        return Optional.of(new PublishResult(id, Graph.string(o, kind.linkField()),
                Graph.time(Graph.string(o, "timestamp")).orElse(api.settings().clock().instant())));
    }
}
