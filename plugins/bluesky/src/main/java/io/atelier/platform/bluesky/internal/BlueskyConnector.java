package io.atelier.platform.bluesky.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Component;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AccountMetrics;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.CredentialKind;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.ModerationAction;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.PostMetrics;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.ReplyRequest;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.platform.bluesky.internal.Facets.Facet;
import io.atelier.platform.bluesky.internal.Repo.Stored;
import io.atelier.platform.bluesky.internal.Sessions.Outcome;
import io.atelier.sdk.connector.post.MediaCheck;
import io.atelier.sdk.connector.post.ShortPost;

/**
 * Publishes to Bluesky (the AT Protocol) with app passwords: posts with links,
 * mentions and hashtags as facets, threads, up to four images with alt text, and
 * deletes; reads the account's mentions, replies and quotes, answers them, and
 * reads the counters of its posts and of the account from the AppView; hides
 * replies in the account's own threads.
 * <p>
 * Exactly once: every post (and every part of a thread) is written at a record
 * key derived from the request's idempotency key ({@link RecordKeys}) with a
 * create-if-absent write, so a second attempt finds the first one's record
 * instead of making another, and {@link #reconcile} simply looks that key up.
 */
@Component(service = PlatformConnector.class, property = PlatformConnector.PLATFORM_ID + "=" + BlueskyConstants.PLATFORM_ID)
public class BlueskyConnector implements PlatformConnector {

    private static final PlatformInfo INFO = new PlatformInfo(
            BlueskyConstants.PLATFORM_ID,
            BlueskyConstants.PLATFORM_NAME,
            EnumSet.of(Capability.PUBLISH, Capability.THREAD, Capability.MEDIA, Capability.DELETE,
                    Capability.MENTIONS, Capability.REPLY, Capability.METRICS, Capability.MODERATE),
            new Limits(BlueskyConstants.MAX_GRAPHEMES, LengthRule.GRAPHEMES, BlueskyConstants.MAX_IMAGES,
                    BlueskyConstants.MAX_IMAGE_BYTES, BlueskyConstants.IMAGE_TYPES),
            new CredentialForm(CredentialKind.APP_PASSWORD, List.of(new CredentialField(
                    BlueskyConstants.APP_PASSWORD, "App password", true, true,
                    "In Bluesky: Settings → Privacy and security → App passwords → Add App Password. "
                            + "Not your account password. The handle is the account's handle; the endpoint "
                            + "is its PDS (empty for bsky.social)."))),
            // Bluesky allows about 1,600 post creations per account per hour; stay well below.
            new RatePolicy(8, 1, 20));

    /** A post's checks: Bluesky sets no limit on alt text. */
    private static final ShortPost SHORT_POST = new ShortPost("Bluesky", "post", "an image",
            BlueskyConstants.MAX_IMAGES, (field, text, withMedia) -> checkText(field, text),
            MediaCheck.of("Bluesky", BlueskyConstants.IMAGE_TYPES, BlueskyConstants.MAX_IMAGE_BYTES));

    private final Sessions sessions;
    private final Repo repo;
    private final AppView appView;
    private final Mentions mentions;
    private final Moderation moderation;

    /** The connector as the framework creates it: real HTTP with the default timeouts. */
    public BlueskyConnector() {
        this(new Xrpc(BlueskyConstants.CONNECT_TIMEOUT, BlueskyConstants.REQUEST_TIMEOUT,
                BlueskyConstants.UPLOAD_TIMEOUT));
    }

    BlueskyConnector(Xrpc xrpc) {
        this.sessions = new Sessions(xrpc);
        this.repo = new Repo(xrpc);
        this.appView = new AppView(xrpc);
        this.mentions = new Mentions(appView);
        this.moderation = new Moderation(repo, appView);
    }

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        return SHORT_POST.problems(variant);
    }

    /** A text's length in graphemes and in UTF-8 bytes, the two limits of a post record. */
    private static List<Problem> checkText(String field, String text) {
        List<Problem> problems = new ArrayList<>();
        int graphemes = Graphemes.count(text);
        if (graphemes > BlueskyConstants.MAX_GRAPHEMES) {
            problems.add(new Problem(field, field + " is " + graphemes + " graphemes; Bluesky allows "
                    + BlueskyConstants.MAX_GRAPHEMES));
        }
        int bytes = Graphemes.utf8Length(text);
        if (bytes > BlueskyConstants.MAX_TEXT_BYTES) {
            problems.add(new Problem(field, field + " is " + bytes + " bytes in UTF-8; Bluesky allows "
                    + BlueskyConstants.MAX_TEXT_BYTES));
        }
        return problems;
    }

    @Override
    public void verify(AccountContext account) throws PlatformException {
        sessions.signIn(account);
    }

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) throws PlatformException {
        PostVariant variant = request.variant();
        List<Problem> problems = validate(variant, account);
        if (!problems.isEmpty()) {
            throw new RejectedException("post " + request.postId() + " cannot be published on Bluesky: "
                    + problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
        }
        String endpoint = Sessions.endpoint(account.account());
        List<String> parts = new ArrayList<>();
        parts.add(variant.text());
        parts.addAll(variant.thread());
        List<JsonArray> facets = new ArrayList<>();
        for (String part : parts) {
            facets.add(facets(endpoint, part));
        }
        // The whole sequence is idempotent (each part is looked up before it is written), so
        // running it again after a session renewal cannot publish anything twice.
        Stored first = sessions.run(account, s -> publishParts(s, request, account, parts, facets));
        return result(first);
    }

    private Outcome<Stored> publishParts(Session s, PublishRequest request, AccountContext account, List<String> parts,
            List<JsonArray> facets) throws PlatformException {
        JsonObject replyRoot = null;
        JsonObject replyParent = null;
        if (request.inReplyTo() != null) {
            AtUri target = AtUri.parse(request.inReplyTo());
            Stored parent = repo.get(s.endpoint(), target).orElseThrow(() -> new RejectedException(
                    "post " + request.postId() + " answers " + target + ", which does not exist"));
            replyParent = parent.ref();
            JsonObject parentReply = parent.value().getAsJsonObject("reply");
            replyRoot = parentReply != null && parentReply.has("root") ? parentReply.getAsJsonObject("root") : parent.ref();
        }
        Stored first = null;
        for (int i = 0; i < parts.size(); i++) {
            AtUri uri = new AtUri(s.did(), BlueskyConstants.POST_COLLECTION, RecordKeys.forPart(request.idempotencyKey(), i));
            Optional<Stored> existing = repo.get(s.endpoint(), uri);
            Stored stored;
            if (existing.isPresent()) {
                stored = existing.get();
            } else {
                JsonObject record = new JsonObject();
                record.addProperty("$type", BlueskyConstants.POST_COLLECTION);
                record.addProperty("text", parts.get(i));
                record.addProperty("createdAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
                if (!facets.get(i).isEmpty()) {
                    record.add("facets", facets.get(i));
                }
                if (replyParent != null) {
                    JsonObject reply = new JsonObject();
                    reply.add("root", replyRoot);
                    reply.add("parent", replyParent);
                    record.add("reply", reply);
                }
                if (i == 0 && !request.variant().media().isEmpty()) {
                    Outcome<JsonObject> embed = images(s, request, account);
                    if (embed.tokenRejected()) {
                        return Outcome.rejected();
                    }
                    record.add("embed", embed.value());
                }
                Outcome<Stored> created = repo.createIfAbsent(s, uri.rkey(), record);
                if (created.tokenRejected()) {
                    return Outcome.rejected();
                }
                stored = created.value();
            }
            if (i == 0) {
                first = stored;
                if (replyRoot == null) {
                    replyRoot = stored.ref();
                }
            }
            replyParent = stored.ref();
        }
        return Outcome.of(first);
    }

    /**
     * Uploads the attached images, read from the workbench's media library through the
     * account context, and the embed that shows them with their alt text.
     */
    private Outcome<JsonObject> images(Session s, PublishRequest request, AccountContext account)
            throws PlatformException {
        JsonArray images = new JsonArray();
        List<Media> attached = request.variant().media();
        for (int i = 0; i < attached.size(); i++) {
            Media m = attached.get(i);
            byte[] bytes;
            try {
                bytes = account.media(m);
            } catch (IOException e) {
                throw new RejectedException("post " + request.postId() + ": media[" + i + "] cannot be read: "
                        + e.getMessage(), e);
            }
            if (bytes.length > BlueskyConstants.MAX_IMAGE_BYTES) {
                // The declared size was checked; the content is what the PDS would refuse.
                throw new RejectedException("post " + request.postId() + ": media[" + i + "] is " + bytes.length
                        + " bytes; Bluesky accepts images up to " + BlueskyConstants.MAX_IMAGE_BYTES + " bytes");
            }
            Outcome<JsonObject> blob = repo.uploadBlob(s, bytes, m.mediaType());
            if (blob.tokenRejected()) {
                return Outcome.rejected();
            }
            JsonObject image = new JsonObject();
            image.addProperty("alt", m.altText());
            image.add("image", blob.value());
            images.add(image);
        }
        JsonObject embed = new JsonObject();
        embed.addProperty("$type", "app.bsky.embed.images");
        embed.add("images", images);
        return Outcome.of(embed);
    }

    /** The facets of {@code text}; mentions whose handle resolves to no account are left plain. */
    private JsonArray facets(String endpoint, String text) throws PlatformException {
        JsonArray out = new JsonArray();
        Map<String, Optional<String>> dids = new LinkedHashMap<>();
        for (Facet f : Facets.detect(text)) {
            JsonObject feature = new JsonObject();
            switch (f.kind()) {
                case LINK -> {
                    feature.addProperty("$type", "app.bsky.richtext.facet#link");
                    feature.addProperty("uri", f.value());
                }
                case TAG -> {
                    feature.addProperty("$type", "app.bsky.richtext.facet#tag");
                    feature.addProperty("tag", f.value());
                }
                case MENTION -> {
                    Optional<String> did = dids.get(f.value());
                    if (did == null) {
                        did = repo.resolveHandle(endpoint, f.value());
                        dids.put(f.value(), did);
                    }
                    if (did.isEmpty()) {
                        continue;
                    }
                    feature.addProperty("$type", "app.bsky.richtext.facet#mention");
                    feature.addProperty("did", did.get());
                }
            }
            JsonObject index = new JsonObject();
            index.addProperty("byteStart", f.byteStart());
            index.addProperty("byteEnd", f.byteEnd());
            JsonObject facet = new JsonObject();
            facet.add("index", index);
            JsonArray features = new JsonArray();
            features.add(feature);
            facet.add("features", features);
            out.add(facet);
        }
        return out;
    }

    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) throws PlatformException {
        try {
            return sessions.run(account, s -> Outcome.of(repo.get(s.endpoint(),
                    new AtUri(s.did(), BlueskyConstants.POST_COLLECTION, RecordKeys.forPart(idempotencyKey, 0)))))
                    .map(BlueskyConnector::result);
        } catch (RetryableException e) {
            throw new OutcomeUnknownException("Bluesky cannot tell now whether the post exists: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String remoteId, AccountContext account) throws PlatformException {
        AtUri uri = AtUri.parse(remoteId);
        sessions.run(account, s -> {
            if (!uri.did().equals(s.did())) {
                throw new RejectedException(remoteId + " belongs to another account than " + account.account().handle());
            }
            return repo.delete(s, uri);
        });
    }

    // ------------------------------------------------------------------ reading

    @Override
    public MentionPage mentions(String cursor, AccountContext account) throws PlatformException {
        MentionCursor from;
        try {
            from = cursor == null ? null : MentionCursor.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new RejectedException("the mentions cursor of " + account.account().handle() + " cannot be used: "
                    + e.getMessage(), e);
        }
        return sessions.run(account, s -> mentions.poll(s, from));
    }

    /**
     * The counters of each post from {@code app.bsky.feed.getPosts}: likes, reposts
     * (as shares), replies and quotes; Bluesky reports no impressions. A post of the
     * account that the AppView does not show yet (it indexes asynchronously) gets
     * an entry without counters; a post that is gone gets none.
     */
    @Override
    public List<PostMetrics> metrics(List<String> remoteIds, AccountContext account) throws PlatformException {
        if (remoteIds.isEmpty()) {
            return List.of();
        }
        List<AtUri> uris = new ArrayList<>();
        for (String id : remoteIds) {
            uris.add(AtUri.parse(id));
        }
        return sessions.run(account, s -> {
            Instant now = Instant.now();
            Map<String, JsonObject> views = new HashMap<>();
            List<String> distinct = remoteIds.stream().distinct().toList();
            for (int i = 0; i < distinct.size(); i += AppView.MAX_POSTS_PER_CALL) {
                Outcome<Map<String, JsonObject>> o = appView.posts(s,
                        distinct.subList(i, Math.min(distinct.size(), i + AppView.MAX_POSTS_PER_CALL)));
                if (o.tokenRejected()) {
                    return Outcome.rejected();
                }
                views.putAll(o.value());
            }
            List<PostMetrics> out = new ArrayList<>();
            for (int i = 0; i < remoteIds.size(); i++) {
                JsonObject view = views.get(remoteIds.get(i));
                if (view == null) {
                    AtUri uri = uris.get(i);
                    if (uri.did().equals(s.did()) && repo.get(s.endpoint(), uri).isPresent()) {
                        out.add(new PostMetrics(remoteIds.get(i), now, Map.of()));
                    }
                    continue;
                }
                Map<String, Long> values = new LinkedHashMap<>();
                AppView.count(view, "likeCount").ifPresent(v -> values.put(PostMetrics.LIKES, v));
                AppView.count(view, "repostCount").ifPresent(v -> values.put(PostMetrics.SHARES, v));
                AppView.count(view, "replyCount").ifPresent(v -> values.put(PostMetrics.REPLIES, v));
                AppView.count(view, "quoteCount").ifPresent(v -> values.put(PostMetrics.QUOTES, v));
                out.add(new PostMetrics(remoteIds.get(i), now, values));
            }
            return Outcome.of(out);
        });
    }

    /** Followers, follows and posts of the account, from {@code app.bsky.actor.getProfile}. */
    @Override
    public AccountMetrics accountMetrics(AccountContext account) throws PlatformException {
        return sessions.run(account, s -> {
            Outcome<JsonObject> o = appView.profile(s, s.did());
            if (o.tokenRejected()) {
                return Outcome.rejected();
            }
            JsonObject p = o.value();
            return Outcome.of(new AccountMetrics(Instant.now(), AppView.count(p, "followersCount").orElse(0L),
                    AppView.count(p, "followsCount").orElse(-1L), AppView.count(p, "postsCount").orElse(-1L)));
        });
    }

    // ------------------------------------------------------------------ answering

    /**
     * Answers a post (a mention's id): a post whose {@code reply.parent} is that
     * post and whose {@code reply.root} is the root of its thread, with facets like
     * any post, at the record key derived from the idempotency key exactly as
     * {@link #publish} does — answering twice with the same key makes one post.
     */
    @Override
    public PublishResult reply(ReplyRequest request, AccountContext account) throws PlatformException {
        List<Problem> problems = new ArrayList<>();
        if (request.text().isBlank()) {
            problems.add(new Problem("text", "the answer is empty"));
        }
        problems.addAll(checkText("text", request.text()));
        if (!problems.isEmpty()) {
            throw new RejectedException("the answer to " + request.inReplyTo() + " cannot be sent on Bluesky: "
                    + problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
        }
        AtUri target = AtUri.parse(request.inReplyTo());
        if (!target.collection().equals(BlueskyConstants.POST_COLLECTION)) {
            throw new RejectedException(request.inReplyTo() + " is a " + target.collection()
                    + " record; only posts (" + BlueskyConstants.POST_COLLECTION + ") can be answered");
        }
        JsonArray facets = facets(Sessions.endpoint(account.account()), request.text());
        // Idempotent as a whole (the answer is looked up before it is written): safe to repeat after a renewal.
        return result(sessions.run(account, s -> answer(s, request, target, facets)));
    }

    private Outcome<Stored> answer(Session s, ReplyRequest request, AtUri target, JsonArray facets)
            throws PlatformException {
        AtUri uri = new AtUri(s.did(), BlueskyConstants.POST_COLLECTION, RecordKeys.forPart(request.idempotencyKey(), 0));
        Optional<Stored> existing = repo.get(s.endpoint(), uri);
        if (existing.isPresent()) {
            return Outcome.of(existing.get());
        }
        Outcome<Map<String, JsonObject>> views = appView.posts(s, List.of(target.toString()));
        if (views.tokenRejected()) {
            return Outcome.rejected();
        }
        JsonObject view = views.value().get(target.toString());
        JsonObject parentRef;
        JsonObject parentRecord;
        if (view != null && AppView.string(view, "cid") != null) {
            parentRef = new JsonObject();
            parentRef.addProperty("uri", target.toString());
            parentRef.addProperty("cid", AppView.string(view, "cid"));
            parentRecord = AppView.object(view, "record");
        } else if (target.did().equals(s.did())) {
            // One of the account's own posts that the AppView has not indexed yet: its PDS has it.
            Stored own = repo.get(s.endpoint(), target).orElseThrow(() -> new RejectedException(
                    "the post answered, " + target + ", does not exist"));
            parentRef = own.ref();
            parentRecord = own.value();
        } else {
            throw new RejectedException("the post answered, " + target + ", does not exist or the Bluesky AppView"
                    + " does not show it");
        }
        JsonObject parentReply = AppView.object(parentRecord, "reply");
        JsonObject root = AppView.object(parentReply, "root");
        JsonObject reply = new JsonObject();
        reply.add("root", root != null ? root : parentRef);
        reply.add("parent", parentRef);
        JsonObject record = new JsonObject();
        record.addProperty("$type", BlueskyConstants.POST_COLLECTION);
        record.addProperty("text", request.text());
        record.addProperty("createdAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        if (!facets.isEmpty()) {
            record.add("facets", facets);
        }
        record.add("reply", reply);
        return repo.createIfAbsent(s, uri.rkey(), record);
    }

    // ------------------------------------------------------------------ moderating

    /**
     * Hides a reply (a mention's id) in a thread the account started, by listing it
     * in the thread's {@code app.bsky.feed.threadgate}; Bluesky then leaves it out of
     * the thread as others see it. Deleting is refused unless the post is the
     * account's own: Bluesky lets only a post's author delete it. Hiding again, or a
     * reply that is gone, succeeds without a write.
     */
    @Override
    public void moderate(String mentionId, ModerationAction action, AccountContext account)
            throws PlatformException {
        AtUri uri = AtUri.parse(mentionId);
        if (!uri.collection().equals(BlueskyConstants.POST_COLLECTION)) {
            throw new RejectedException(mentionId + " is a " + uri.collection() + " record; only posts ("
                    + BlueskyConstants.POST_COLLECTION + ") can be moderated");
        }
        Objects.requireNonNull(action, "action");
        String handle = account.account().handle();
        // Both are safe to repeat after a session renewal: hiding twice writes once, deleting twice deletes once.
        sessions.run(account, s -> switch (action) {
            case HIDE -> moderation.hide(s, uri);
            case DELETE -> moderation.delete(s, uri, handle);
        });
    }

    private static PublishResult result(Stored stored) {
        Instant publishedAt = Instant.now();
        JsonElement createdAt = stored.value().get("createdAt");
        if (createdAt != null) {
            try {
                publishedAt = Instant.parse(createdAt.getAsString());
            } catch (DateTimeParseException ignored) {
                // a record written elsewhere with an odd date: report when it was found
            }
        }
        return new PublishResult(stored.uri().toString(), stored.uri().webUrl(), publishedAt);
    }
}
