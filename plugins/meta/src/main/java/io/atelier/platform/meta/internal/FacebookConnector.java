package io.atelier.platform.meta.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.JsonObject;

import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AccountMetrics;
import io.atelier.api.platform.AuthorizationGrant;
import io.atelier.api.platform.AuthorizationStart;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.Credentials;
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
import io.atelier.api.platform.SignedIn;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.api.storage.PluginStore;
import io.atelier.sdk.connector.attempts.Attempt;
import io.atelier.sdk.connector.attempts.AttemptJournal;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.post.MediaCheck;
import io.atelier.sdk.connector.post.ShortPost;
import io.atelier.sdk.connector.upload.Multipart;

/**
 * Publishes to a Facebook Page through the Pages API, as the Page, with a Page
 * access token from Facebook Login: posts with a link preview, or with images
 * (uploaded unpublished, then attached); deletes; the comments on the Page's recent
 * posts as mentions, answered, hidden or deleted ({@link Comments}); reactions,
 * comments and shares of posts and the Page's followers as metrics.
 * <p>
 * Exactly once without an idempotency key: each post is noted before the
 * {@code /feed} request, in the attempt journal kept in the workbench's plugin store
 * ({@link AttemptJournal}: every node and every restart sees it); publishing or
 * reconciling a key sent without an answer first looks among the Page's recent posts
 * ({@link RecentPosts}),
 * and Facebook's refusal of a duplicate message (code 506) is answered with the
 * existing post. The README says what this cannot guarantee.
 */
@Component(service = PlatformConnector.class,
        property = PlatformConnector.PLATFORM_ID + "=" + MetaConstants.FACEBOOK_ID)
public class FacebookConnector implements PlatformConnector {

    static final PlatformInfo INFO = new PlatformInfo(
            MetaConstants.FACEBOOK_ID,
            "Facebook Pages",
            EnumSet.of(Capability.PUBLISH, Capability.MEDIA, Capability.DELETE, Capability.METRICS,
                    Capability.MENTIONS, Capability.REPLY, Capability.MODERATE),
            new Limits(MetaConstants.FACEBOOK_MAX_TEXT, LengthRule.CODE_POINTS, MetaConstants.FACEBOOK_MAX_IMAGES,
                    MetaConstants.FACEBOOK_MAX_IMAGE_BYTES, MetaConstants.FACEBOOK_IMAGE_TYPES),
            CredentialForms.signInWithClient(true, "developers.facebook.com → your app (type Business) → App"
                    + " settings → Basic: the App ID, and the App secret below it. Add the workbench's callback to"
                    + " Facebook Login → Valid OAuth Redirect URIs. The account's endpoint may name the Page (its id,"
                    + " name or facebook.com address); otherwise the first Page you allow is connected."),
            // Page posts count against the Page's hourly Graph API budget; a few a minute is ample.
            new RatePolicy(8, 1, 6));

    static final RecentPosts.Listing POSTS = new RecentPosts.Listing("/published_posts", "message", "created_time",
            "permalink_url");
    static final Comments.Shape COMMENTS = new Comments.Shape(MetaConstants.FACEBOOK_ID, "Facebook",
            "/published_posts", "message", "name", "created_time", "permalink_url,parent{id}",
            Map.of("filter", "stream", "order", "reverse_chronological"), "/comments", "is_hidden");

    private static final ShortPost SHORT_POST = new ShortPost("Facebook", "post", "an image",
            MetaConstants.FACEBOOK_MAX_IMAGES, FacebookConnector::checkText,
            MediaCheck.of("Facebook", MetaConstants.FACEBOOK_IMAGE_TYPES, MetaConstants.FACEBOOK_MAX_IMAGE_BYTES));
    private static final Pattern POST_ID = Pattern.compile("[0-9]{1,32}(_[0-9]{1,32})?");
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
    /** Facebook's code for a message the Page just posted ("Duplicate status message"). */
    static final int DUPLICATE_POST = 506;

    private final GraphApi api;
    private final FacebookLogin login;
    private final AttemptJournal attempts;
    private final RecentPosts lookup;
    private final Comments comments;

    /** The connector as the framework creates it, its attempts kept in the plugin's {@code store}. */
    @Activate
    public FacebookConnector(@Reference PluginStore store) {
        this(MetaSettings.defaults(), store);
    }

    FacebookConnector(MetaSettings settings, PluginStore store) {
        this.api = new GraphApi("Facebook", settings, settings.graphApi(), MetaConstants.GRAPH_VERSION,
                INFO.credentials()).withTokens(FacebookConnector::storedToken);
        this.login = new FacebookLogin(api, MetaConstants.FACEBOOK_SCOPES);
        this.attempts = new AttemptJournal(store, settings.clock());
        this.lookup = new RecentPosts(api);
        this.comments = new Comments(api, COMMENTS, attempts);
    }

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    /**
     * The stored Page token. A Page token from a long-lived user token does not expire and
     * Facebook offers no refresh token: an expired or revoked one (code 190) means signing
     * in again; a stored expiry that has passed says so before any call.
     */
    static String storedToken(AccountContext account) throws PlatformException {
        String token = CredentialForms.require(account.credentials(), MetaConstants.ACCESS_TOKEN, account.account());
        Optional<Instant> expires = account.credentials().get(MetaConstants.EXPIRES_AT).flatMap(Graph::time);
        if (expires.isPresent() && !expires.get().isAfter(Instant.now())) {
            throw new io.atelier.api.platform.AuthExpiredException("the Meta access token of "
                    + account.account().handle() + " expired at " + expires.get() + "; Meta does not refresh it:"
                    + " connect the account again");
        }
        return token;
    }

    // ------------------------------------------------------------------ sign-in

    @Override
    public URI authorizationUrl(AuthorizationStart start) throws PlatformException {
        return login.authorizationUrl(start);
    }

    /** Signs in with Facebook Login and keeps the chosen Page's token (see {@link FacebookLogin}). */
    @Override
    public SignedIn signIn(AuthorizationGrant grant) throws PlatformException {
        List<FacebookLogin.Page> pages = login.pages(grant);
        FacebookLogin.Page page = FacebookLogin.choose(pages, grant.endpoint(), p -> true, "Facebook", "Page");
        Map<String, String> c = new LinkedHashMap<>(grant.fields().asMap());
        c.put(MetaConstants.ACCESS_TOKEN, page.token());
        c.put(MetaConstants.PAGE_ID, page.id());
        return new SignedIn(page.name() == null ? page.id() : page.name(), Credentials.of(c));
    }

    @Override
    public void verify(AccountContext account) throws PlatformException {
        api.get(account, "/" + pageId(account), GraphApi.params("fields", "id,name"),
                "reading the Page of " + account.account().handle());
    }

    static String pageId(AccountContext account) throws PlatformException {
        return CredentialForms.require(account.credentials(), MetaConstants.PAGE_ID, account.account());
    }

    // ------------------------------------------------------------------ publishing

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        List<Problem> problems = new ArrayList<>(SHORT_POST.problems(variant));
        if (!variant.thread().isEmpty()) {
            problems.add(new Problem("thread", "a Facebook Page post has no thread; write it as one post"));
        }
        return problems;
    }

    private static List<Problem> checkText(String field, String text, boolean withMedia) {
        int length = text.codePointCount(0, text.length());
        if (length > MetaConstants.FACEBOOK_MAX_TEXT) {
            return List.of(new Problem(field, field + " is " + length + " characters; Facebook allows "
                    + MetaConstants.FACEBOOK_MAX_TEXT));
        }
        return List.of();
    }

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) throws PlatformException {
        PostVariant v = request.variant();
        List<Problem> problems = validate(v, account);
        if (!problems.isEmpty()) {
            throw new RejectedException("Facebook: " + request.postId() + " cannot be published: "
                    + problems.get(0).message());
        }
        String page = pageId(account);
        String key = request.idempotencyKey();
        String accountId = account.account().id();
        Instant now = api.settings().clock().instant();
        Optional<Attempt> before = attempts.find(accountId, key);
        if (before.isPresent() && before.get().remoteId() != null) {
            return result(before.get().remoteId(), null, before.get().firstSentAt());
        }
        if (before.isPresent()) {
            Optional<RecentPosts.Found> found = lookup.find(account, page, POSTS, before.get().firstSentAt(),
                    v.text());
            if (found.isPresent()) {
                return confirmed(accountId, key, found.get());
            }
        }
        List<String> photos = uploadPhotos(v.media(), request.postId(), page, account);
        Map<String, String> params = new LinkedHashMap<>();
        if (!v.text().isBlank()) {
            params.put("message", v.text());
        }
        Matcher link = LINK.matcher(v.text());
        if (photos.isEmpty() && link.find()) {
            params.put("link", link.group()); // the preview card of the first link, as Facebook shows one
        }
        for (int i = 0; i < photos.size(); i++) {
            JsonObject fbid = new JsonObject();
            fbid.addProperty("media_fbid", photos.get(i));
            params.put("attached_media[" + i + "]", fbid.toString());
        }
        Instant sentAt = attempts.sending(accountId, key, v.text(), null, v.media().size()).firstSentAt();
        Call call = Call.publish("publishing " + request.postId());
        HttpAnswer answer = api.send(account, "POST", "/" + page + "/feed", params, call);
        if (answer.ok()) {
            String id = Graph.string(answer.json(), "id");
            if (id == null) {
                throw new OutcomeUnknownException("Facebook answered publishing " + request.postId() + " without a"
                        + " post id; it may have been published: look it up before sending it again");
            }
            attempts.confirmed(accountId, key, id);
            return result(id, null, now);
        }
        if (GraphErrors.error(answer).map(e -> GraphErrors.code(e) == DUPLICATE_POST).orElse(false)) {
            // Facebook refuses a message the Page just posted: the earlier attempt (or a post by hand) has it.
            Optional<RecentPosts.Found> found = lookup.find(account, page, POSTS, sentAt.minus(attempts.retention()),
                    v.text());
            if (found.isPresent()) {
                return confirmed(accountId, key, found.get());
            }
            throw new RejectedException("Facebook refused " + request.postId() + " as a duplicate of an earlier post"
                    + " of " + account.account().handle() + " that is not among its recent posts");
        }
        throw api.failure(answer, call, account);
    }

    /**
     * Uploads each image to {@code /{page-id}/photos} unpublished ({@code published=false}),
     * to attach them to the post by id. An unpublished photo is seen by nobody, so the
     * upload is a repeatable write: a failure is retryable, never an unknown outcome.
     */
    private List<String> uploadPhotos(List<Media> media, String postId, String page, AccountContext account)
            throws PlatformException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            Media m = media.get(i);
            byte[] bytes;
            try {
                bytes = account.media(m);
            } catch (IOException e) {
                throw new RejectedException("Facebook: image " + (i + 1) + " of " + postId + " cannot be read: "
                        + e.getMessage(), e);
            }
            Multipart.Builder body = Multipart.builder().file("source", "image-" + (i + 1), m.mediaType(), bytes)
                    .field("published", "false");
            if (!m.altText().isBlank()) {
                body.field("alt_text_custom", m.altText());
            }
            JsonObject answer = api.upload(account, "/" + page + "/photos", body.build(),
                    Call.repeatableWrite("uploading image " + (i + 1) + " of " + postId));
            String id = Graph.string(answer, "id");
            if (id == null) {
                throw new RejectedException("Facebook answered the upload of image " + (i + 1) + " of " + postId
                        + " without a photo id");
            }
            ids.add(id);
        }
        return ids;
    }

    private PublishResult confirmed(String accountId, String key, RecentPosts.Found found) {
        attempts.confirmed(accountId, key, found.id());
        return result(found.id(), found.url(), found.createdAt());
    }

    private static PublishResult result(String id, String url, Instant at) {
        return new PublishResult(id, url != null ? url : "https://www.facebook.com/" + id, at);
    }

    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) throws PlatformException {
        try {
            Optional<Attempt> attempt = attempts.find(account.account().id(), idempotencyKey);
            if (attempt.isEmpty()) {
                // No attempt noted within the retention: Facebook answering for the Page is all that can be checked.
                verify(account);
                return Optional.empty();
            }
            Attempt a = attempt.get();
            if (a.remoteId() != null) {
                return existing(a.remoteId(), account);
            }
            Optional<RecentPosts.Found> found = lookup.find(account, pageId(account), POSTS, a.firstSentAt(),
                    a.lastText());
            return found.map(f -> confirmed(account.account().id(), idempotencyKey, f));
        } catch (RetryableException e) {
            // Facebook or the attempt journal could not answer: never "not there", which would send it again.
            throw new OutcomeUnknownException(e.getMessage(), e);
        }
    }

    private Optional<PublishResult> existing(String id, AccountContext account) throws PlatformException {
        Call call = Call.read("looking up post " + id);
        HttpAnswer answer = api.send(account, "GET", "/" + id, GraphApi.params("fields",
                "id,created_time,permalink_url"), call);
        if (GraphErrors.noSuchObject(answer)) {
            return Optional.empty();
        }
        if (!answer.ok()) {
            throw api.failure(answer, call, account);
        }
        JsonObject o = answer.json();
        return Optional.of(result(id, Graph.string(o, "permalink_url"),
                Graph.time(Graph.string(o, "created_time")).orElse(api.settings().clock().instant())));
    }

    @Override
    public void delete(String remoteId, AccountContext account) throws PlatformException {
        if (!POST_ID.matcher(remoteId).matches()) {
            throw new RejectedException("Facebook: " + remoteId + " is not a post id");
        }
        Call call = Call.repeatableWrite("deleting post " + remoteId);
        HttpAnswer answer = api.send(account, "DELETE", "/" + remoteId, Map.of(), call);
        if (answer.ok() || GraphErrors.noSuchObject(answer)) {
            return; // gone already counts as deleted
        }
        throw api.failure(answer, call, account);
    }

    // ------------------------------------------------------------------ reading

    /**
     * Per post: {@code reactions} (every kind) as likes, {@code comments} as replies and
     * {@code shares} as shares — Facebook leaves {@code shares} out of a post nobody shared,
     * which is reported as 0. A post gone gets no entry.
     */
    @Override
    public List<PostMetrics> metrics(List<String> remoteIds, AccountContext account) throws PlatformException {
        List<PostMetrics> out = new ArrayList<>();
        for (String id : remoteIds) {
            if (!POST_ID.matcher(id).matches()) {
                throw new RejectedException("Facebook: " + id + " is not a post id");
            }
            Call call = Call.read("reading the counters of post " + id);
            HttpAnswer answer = api.send(account, "GET", "/" + id, GraphApi.params("fields",
                    "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares"), call);
            if (GraphErrors.noSuchObject(answer)) {
                continue;
            }
            if (!answer.ok()) {
                throw api.failure(answer, call, account);
            }
            JsonObject o = answer.json();
            Map<String, Long> values = new LinkedHashMap<>();
            Graph.number(Graph.object(Graph.object(o, "reactions"), "summary"), "total_count")
                    .ifPresent(n -> values.put(PostMetrics.LIKES, n));
            Graph.number(Graph.object(Graph.object(o, "comments"), "summary"), "total_count")
                    .ifPresent(n -> values.put(PostMetrics.REPLIES, n));
            values.put(PostMetrics.SHARES, Graph.number(Graph.object(o, "shares"), "count").orElse(0L));
            out.add(new PostMetrics(id, api.settings().clock().instant(), values));
        }
        return out;
    }

    /** The Page's {@code followers_count} (else its {@code fan_count}); following and posts are not reported. */
    @Override
    public AccountMetrics accountMetrics(AccountContext account) throws PlatformException {
        JsonObject page = api.get(account, "/" + pageId(account), GraphApi.params("fields",
                "followers_count,fan_count"), "reading the counters of " + account.account().handle());
        long followers = Graph.number(page, "followers_count").or(() -> Graph.number(page, "fan_count")).orElse(0L);
        return new AccountMetrics(api.settings().clock().instant(), followers, -1, -1);
    }

    @Override
    public MentionPage mentions(String cursor, AccountContext account) throws PlatformException {
        return comments.poll(cursor, account, pageId(account));
    }

    @Override
    public PublishResult reply(ReplyRequest request, AccountContext account) throws PlatformException {
        return comments.reply(request, account, pageId(account));
    }

    /**
     * Hides ({@code is_hidden=true}: hidden from everyone but its author and their friends)
     * or deletes a comment on the Page's posts; a comment gone already counts as done.
     */
    @Override
    public void moderate(String mentionId, ModerationAction action, AccountContext account)
            throws PlatformException {
        comments.moderate(mentionId, java.util.Objects.requireNonNull(action, "action"), account);
    }
}
