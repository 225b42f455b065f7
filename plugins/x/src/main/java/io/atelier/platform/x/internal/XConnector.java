package io.atelier.platform.x.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AccountMetrics;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.AuthorizationGrant;
import io.atelier.api.platform.AuthorizationStart;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.CredentialKind;
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
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;
import io.atelier.sdk.connector.attempts.Attempt;
import io.atelier.sdk.connector.attempts.AttemptJournal;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ErrorMapping;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.Query;
import io.atelier.sdk.connector.json.Json;
import io.atelier.sdk.connector.oauth.TokenSet;
import io.atelier.sdk.connector.post.MediaCheck;
import io.atelier.sdk.connector.post.ShortPost;

/**
 * Publishes to X (formerly Twitter) through API v2 with an account's OAuth 2.0
 * user token: posts, threads (each part answering the one before), images with
 * alt text, replies to mentions and deletes; reads the account's mentions and
 * the public counters of its posts; hides replies in the account's own
 * conversations ({@link Moderation}). Lengths are counted as X counts them
 * ({@link TweetLength}).
 * <p>
 * Exactly once without an idempotency key: X has none. Each post is noted before
 * it is sent in the attempt journal, kept in the workbench's plugin store
 * ({@link AttemptJournal}), so every node and every restart sees it; publishing or
 * reconciling a key sent before without an answer looks the post up among the
 * account's own recent posts ({@link TimelineLookup}) before sending anything, and
 * X's own refusal of a duplicate text (403 "duplicate content") is answered with
 * the existing post. The README says what this cannot guarantee.
 */
@Component(service = PlatformConnector.class, property = PlatformConnector.PLATFORM_ID + "=" + XConstants.PLATFORM_ID)
public class XConnector implements PlatformConnector {

    static final PlatformInfo INFO = new PlatformInfo(
            XConstants.PLATFORM_ID,
            XConstants.PLATFORM_NAME,
            EnumSet.of(Capability.PUBLISH, Capability.THREAD, Capability.MEDIA, Capability.METRICS,
                    Capability.MENTIONS, Capability.REPLY, Capability.DELETE, Capability.MODERATE),
            // The SPI's closest rule; validate() weighs CJK and emoji 2 as X does (see TweetLength).
            new Limits(TweetLength.MAX_WEIGHTED_LENGTH, LengthRule.CODE_POINTS_URLS_AS_23, XConstants.MAX_IMAGES,
                    XConstants.MAX_IMAGE_BYTES, XConstants.IMAGE_TYPES),
            // The person signs in on X through the workbench with the agency's own X app.
            new CredentialForm(CredentialKind.OAUTH2_PKCE, List.of(
                    new CredentialField(XConstants.CLIENT_ID, "Client ID", false, true,
                            "developer.x.com → your app → Keys and tokens → OAuth 2.0 Client ID (User authentication"
                                    + " settings: OAuth 2.0 on, type Web App or Native App, callback URI: this"
                                    + " workbench's address followed by api/v1/sign-in/callback)"),
                    new CredentialField(XConstants.CLIENT_SECRET, "Client secret", true, false,
                            "Only for a confidential client (Web App); leave empty for a public one")), true),
            // X's user limit for POST /2/tweets is 100 per 15 minutes on the paid tiers: about 6 a minute.
            new RatePolicy(8, 1, 6));

    private static final ShortPost SHORT_POST = new ShortPost("X", "post", "an image", XConstants.MAX_IMAGES,
            (field, text, withMedia) -> checkText(field, text),
            MediaCheck.of("X", XConstants.IMAGE_TYPES, XConstants.MAX_IMAGE_BYTES, XConstants.MAX_ALT_TEXT));

    private static final Pattern REMOTE_ID = Pattern.compile("[0-9]{1,19}");
    private static final Pattern DUPLICATE = Pattern.compile("(?i)duplicate content");

    private final XApi api;
    private final AttemptJournal attempts;
    private final TimelineLookup lookup;
    private final Mentions mentions;
    private final ImageUploads images;
    private final Moderation moderation;

    /** The connector as the framework creates it, its attempts kept in the plugin's {@code store}. */
    @Activate
    public XConnector(@Reference PluginStore store) {
        this(XSettings.defaults(), store);
    }

    XConnector(XSettings settings, PluginStore store) {
        this.api = new XApi(settings, INFO.credentials());
        this.attempts = new AttemptJournal(store, settings.clock());
        this.lookup = new TimelineLookup(api);
        this.mentions = new Mentions(api);
        this.images = new ImageUploads(api);
        this.moderation = new Moderation(api);
    }

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    // ------------------------------------------------------------------ validate

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        return SHORT_POST.problems(variant);
    }

    private static List<Problem> checkText(String field, String text) {
        int length = TweetLength.of(text);
        if (length > TweetLength.MAX_WEIGHTED_LENGTH) {
            return List.of(new Problem(field, field + " counts " + length + " as X counts it (each link 23, emoji and"
                    + " CJK characters 2); X allows " + TweetLength.MAX_WEIGHTED_LENGTH));
        }
        return List.of();
    }

    // ------------------------------------------------------------------ account

    @Override
    public void verify(AccountContext account) throws PlatformException {
        api.me(account, "");
    }

    /** X's consent page for the app in {@code start}'s fields, asking {@link XConstants#SCOPES}. */
    @Override
    public URI authorizationUrl(AuthorizationStart start) {
        return api.client(start.endpoint(), start.fields(), start.redirectUri()).authorizationUrl(start, Map.of());
    }

    /** Exchanges the code for tokens, then asks X who signed in ({@code GET /2/users/me}). */
    @Override
    public SignedIn signIn(AuthorizationGrant grant) throws PlatformException {
        // A spent, expired or foreign code is 400 invalid_request: AuthExpiredException, sign in again.
        TokenSet tokens = api.client(grant.endpoint(), grant.fields(), grant.redirectUri()).exchange(grant);
        NewAccount account = new NewAccount(grant.endpoint(), grant.fields().merge(tokens.toCredentials()));
        JsonObject data = api.me(account, "").json().getAsJsonObject("data");
        JsonElement name = data == null ? null : data.get("username");
        String username = name != null && name.isJsonPrimitive() ? name.getAsString() : null;
        if (username == null || username.isBlank()) {
            throw new AuthExpiredException("X did not say who signed in (GET /2/users/me answered without"
                    + " data.username); sign in again");
        }
        return new SignedIn(username, account.credentials());
    }

    /** The account being signed in, before the workbench stores it: refreshed tokens stay here. */
    private static final class NewAccount implements AccountContext {
        private final Account account;
        private Credentials credentials;

        NewAccount(String endpoint, Credentials credentials) {
            this.account = new Account("acc_signing_in", "ws_signing_in", XConstants.PLATFORM_ID, "signing-in",
                    endpoint, null, AccountStatus.CONNECTED, Instant.EPOCH);
            this.credentials = credentials;
        }

        @Override
        public Account account() {
            return account;
        }

        @Override
        public synchronized Credentials credentials() {
            return credentials;
        }

        @Override
        public synchronized void updateCredentials(Credentials refreshed) {
            credentials = credentials.merge(refreshed.asMap());
        }
    }

    @Override
    public AccountMetrics accountMetrics(AccountContext account) throws PlatformException {
        JsonObject data = api.me(account, Query.of("user.fields", "public_metrics")).json().getAsJsonObject("data");
        JsonObject m = data == null ? null : data.getAsJsonObject("public_metrics");
        return new AccountMetrics(api.settings().clock().instant(), count(m, "followers_count").orElse(0L),
                count(m, "following_count").orElse(-1L), count(m, "tweet_count").orElse(-1L));
    }

    // ------------------------------------------------------------------ publishing

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) throws PlatformException {
        PostVariant v = request.variant();
        List<Problem> problems = validate(v, account);
        if (!problems.isEmpty()) {
            throw new RejectedException("X: " + request.postId() + " cannot be published: " + problems.get(0).message());
        }
        String what = "publishing " + request.postId();
        PublishResult first = sendOnce(account, request.idempotencyKey(), v.text(), request.inReplyTo(), v.media(),
                request.postId(), what);
        String previous = first.remoteId();
        for (int n = 0; n < v.thread().size(); n++) {
            String part = "part " + (n + 2) + " of " + request.postId();
            try {
                previous = sendOnce(account, request.idempotencyKey() + "/" + (n + 1), v.thread().get(n), previous,
                        List.of(), request.postId(), "publishing " + part).remoteId();
            } catch (RejectedException e) {
                throw new RejectedException("X refused " + part + " after its start was published at " + first.url()
                        + ": " + e.getMessage(), e);
            }
        }
        return first;
    }

    @Override
    public PublishResult reply(ReplyRequest request, AccountContext account) throws PlatformException {
        if (!REMOTE_ID.matcher(request.inReplyTo()).matches()) {
            throw new RejectedException("X: cannot answer " + request.inReplyTo() + ": not a post id");
        }
        int length = TweetLength.of(request.text());
        if (request.text().isBlank() || length > TweetLength.MAX_WEIGHTED_LENGTH) {
            throw new RejectedException("X: the answer to " + request.inReplyTo() + " counts " + length
                    + "; X takes 1 to " + TweetLength.MAX_WEIGHTED_LENGTH);
        }
        return sendOnce(account, "reply:" + request.idempotencyKey(), request.text(), request.inReplyTo(), List.of(),
                "the answer to " + request.inReplyTo(), "answering " + request.inReplyTo());
    }

    /**
     * One post, never twice for {@code key}: a key the journal has a post for returns
     * it; a key sent before without an answer is looked up first; X's refusal of a
     * duplicate text is answered with the post that has it. A journal that cannot be
     * read or written stops the send ({@code RetryableException}, nothing sent).
     */
    private PublishResult sendOnce(AccountContext account, String key, String text, String inReplyTo,
            List<Media> media, String postId, String what) throws PlatformException {
        String accountId = account.account().id();
        Instant now = api.settings().clock().instant();
        Optional<Attempt> before = attempts.find(accountId, key);
        if (before.isPresent() && before.get().remoteId() != null) {
            return new PublishResult(before.get().remoteId(), Tweets.url(before.get().remoteId()),
                    before.get().firstSentAt());
        }
        if (before.isPresent()) {
            Optional<JsonObject> found = lookup.find(account, before.get().firstSentAt(), text, inReplyTo,
                    media.size());
            if (found.isPresent()) {
                return confirmed(accountId, key, found.get(), now);
            }
        }
        List<String> mediaIds = images.upload(media, postId, account);
        JsonObject body = new JsonObject();
        body.addProperty("text", text);
        if (inReplyTo != null) {
            JsonObject reply = new JsonObject();
            reply.addProperty("in_reply_to_tweet_id", inReplyTo);
            body.add("reply", reply);
        }
        if (!mediaIds.isEmpty()) {
            JsonObject m = new JsonObject();
            JsonArray ids = new JsonArray();
            mediaIds.forEach(ids::add);
            m.add("media_ids", ids);
            body.add("media", m);
        }
        Instant sentAt = attempts.sending(accountId, key, text, inReplyTo, media.size()).firstSentAt();
        Call call = Call.publish(what);
        HttpAnswer answer = api.send(account, b -> b.uri(api.uri(account, "/2/tweets"))
                .header("Content-Type", Json.MEDIA_TYPE).POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(), call);
        if (answer.ok()) {
            JsonObject data = answer.json().getAsJsonObject("data");
            String id = Tweets.string(data, "id");
            if (id == null) {
                throw new OutcomeUnknownException("X answered " + what + " without a post id; it may have been"
                        + " published: look it up before sending it again");
            }
            attempts.confirmed(accountId, key, id);
            return Tweets.result(id, now, data);
        }
        if (answer.status() == 403 && ErrorMapping.networkMessage(answer).map(m -> DUPLICATE.matcher(m).find())
                .orElse(false)) {
            // X refuses a text the account already posted: the earlier attempt (or a post by hand) has it.
            Optional<JsonObject> found = lookup.find(account, sentAt.minus(AttemptJournal.RETENTION), text,
                    inReplyTo, media.size());
            if (found.isPresent()) {
                return confirmed(accountId, key, found.get(), now);
            }
            throw new RejectedException("X refused " + what + " as a duplicate of an earlier post of "
                    + account.account().handle() + " that is not among its posts of the last two days");
        }
        throw api.failure(answer, call, account);
    }

    private PublishResult confirmed(String accountId, String key, JsonObject tweet, Instant now) {
        String id = Tweets.string(tweet, "id");
        attempts.confirmed(accountId, key, id);
        return Tweets.result(id, now, tweet);
    }

    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) throws PlatformException {
        try {
            Optional<Attempt> attempt = attempts.find(account.account().id(), idempotencyKey);
            if (attempt.isEmpty()) {
                // No attempt noted within the retention: X answering for the account is all that can be checked.
                api.me(account, "");
                return Optional.empty();
            }
            Attempt a = attempt.get();
            if (a.remoteId() != null) {
                return existing(a.remoteId(), account);
            }
            Optional<JsonObject> found = lookup.find(account, a.firstSentAt(), a.lastText(), a.inReplyTo(),
                    a.mediaCount());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(confirmed(account.account().id(), idempotencyKey, found.get(),
                    api.settings().clock().instant()));
        } catch (RetryableException e) {
            // X or the attempt journal could not answer: never "not there", which would send it again.
            throw new OutcomeUnknownException(e.getMessage(), e);
        }
    }

    /** The post with {@code id} if it still exists. */
    private Optional<PublishResult> existing(String id, AccountContext account) throws PlatformException {
        JsonObject answer = api.get(account, "/2/tweets" + Query.of("ids", id, "tweet.fields", "created_at"),
                Call.read("looking up post " + id)).json();
        JsonArray data = answer.getAsJsonArray("data");
        if (data == null || data.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Tweets.result(id, api.settings().clock().instant(), data.get(0).getAsJsonObject()));
    }

    // ------------------------------------------------------------------ reading

    @Override
    public List<PostMetrics> metrics(List<String> remoteIds, AccountContext account) throws PlatformException {
        List<PostMetrics> out = new ArrayList<>();
        for (int from = 0; from < remoteIds.size(); from += 100) {
            List<String> batch = remoteIds.subList(from, Math.min(remoteIds.size(), from + 100));
            for (String id : batch) {
                if (!REMOTE_ID.matcher(id).matches()) {
                    throw new RejectedException("X: " + id + " is not a post id");
                }
            }
            JsonObject answer = api.get(account, "/2/tweets" + Query.of("ids", String.join(",", batch),
                    "tweet.fields", "public_metrics"), Call.read("reading the counters of " + batch.size()
                            + " posts")).json();
            Instant at = api.settings().clock().instant();
            JsonArray data = answer.getAsJsonArray("data");
            if (data == null) {
                continue; // every post of the batch is gone: X lists them under errors
            }
            for (JsonElement e : data) {
                JsonObject t = e.getAsJsonObject();
                out.add(new PostMetrics(Tweets.string(t, "id"), at, counters(t.getAsJsonObject("public_metrics"))));
            }
        }
        return out;
    }

    /** X's public counters under the names every plugin uses; an absent counter stays absent. */
    static Map<String, Long> counters(JsonObject m) {
        Map<String, Long> values = new java.util.LinkedHashMap<>();
        count(m, "like_count").ifPresent(v -> values.put(PostMetrics.LIKES, v));
        count(m, "reply_count").ifPresent(v -> values.put(PostMetrics.REPLIES, v));
        count(m, "retweet_count").ifPresent(v -> values.put(PostMetrics.SHARES, v));
        count(m, "quote_count").ifPresent(v -> values.put(PostMetrics.QUOTES, v));
        count(m, "impression_count").ifPresent(v -> values.put(PostMetrics.IMPRESSIONS, v));
        count(m, "bookmark_count").ifPresent(v -> values.put(PostMetrics.SAVES, v));
        return values;
    }

    private static Optional<Long> count(JsonObject o, String member) {
        JsonElement e = o == null ? null : o.get(member);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return Optional.empty();
        }
        return Optional.of(Math.max(0, e.getAsLong()));
    }

    @Override
    public MentionPage mentions(String cursor, AccountContext account) throws PlatformException {
        if (cursor != null && !REMOTE_ID.matcher(cursor).matches()) {
            throw new RejectedException("X: mentions cursor " + cursor + " is not a post id");
        }
        return mentions.poll(cursor, account);
    }

    /**
     * Hides a reply in a conversation the account started, or deletes a post of the
     * account's own; X allows nothing else (see {@link Moderation}). Both may be
     * repeated: a reply hidden is hidden again, a post gone counts as done.
     */
    @Override
    public void moderate(String mentionId, ModerationAction action, AccountContext account)
            throws PlatformException {
        Objects.requireNonNull(action, "action");
        if (mentionId == null || !REMOTE_ID.matcher(mentionId).matches()) {
            throw new RejectedException("X: mention " + mentionId + " is not a post id; only posts can be moderated");
        }
        switch (action) {
            case HIDE -> moderation.hide(mentionId, account);
            case DELETE -> {
                if (moderation.ownPost(mentionId, account)) {
                    delete(mentionId, account);
                }
            }
        }
    }

    @Override
    public void delete(String remoteId, AccountContext account) throws PlatformException {
        if (!REMOTE_ID.matcher(remoteId).matches()) {
            throw new RejectedException("X: " + remoteId + " is not a post id");
        }
        Call call = Call.repeatableWrite("deleting post " + remoteId);
        HttpAnswer answer = api.send(account, b -> b.uri(api.uri(account, "/2/tweets/" + remoteId)).DELETE().build(),
                call);
        if (answer.ok() || answer.status() == 404) {
            return; // gone already counts as deleted
        }
        throw api.failure(answer, call, account);
    }
}
