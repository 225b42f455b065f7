package io.atelier.platform.meta.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;


import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.AuthorizationGrant;
import io.atelier.api.platform.AuthorizationStart;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.platform.SignedIn;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.api.storage.PluginStore;
import io.atelier.sdk.connector.attempts.AttemptJournal;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.oauth.OAuth2Client;
import io.atelier.sdk.connector.oauth.OAuth2Config;
import io.atelier.sdk.connector.oauth.TokenSet;
import io.atelier.sdk.connector.post.MediaCheck;
import io.atelier.sdk.connector.post.ShortPost;

/**
 * Publishes to Threads through the Threads API: text posts, one image or a carousel
 * of 2 to 20 (fetched by Threads from the workbench's public address,
 * {@link MediaUrls}), threads whose parts answer the part before
 * ({@code reply_to_id}), replies to a given post, and deletes — each post through a
 * media container ({@link Containers}). Signs in on the Threads authorization window
 * and keeps the long-lived token refreshed ({@link ThreadsTokens}).
 */
@Component(service = PlatformConnector.class,
        property = PlatformConnector.PLATFORM_ID + "=" + MetaConstants.THREADS_ID)
public class ThreadsConnector implements PlatformConnector {

    static final PlatformInfo INFO = new PlatformInfo(
            MetaConstants.THREADS_ID,
            "Threads",
            EnumSet.of(Capability.PUBLISH, Capability.THREAD, Capability.MEDIA, Capability.DELETE),
            // Code points, with emoji weighed as Threads documents (see length()).
            new Limits(MetaConstants.THREADS_MAX_TEXT, LengthRule.CODE_POINTS, MetaConstants.THREADS_MAX_IMAGES,
                    MetaConstants.THREADS_MAX_IMAGE_BYTES, MetaConstants.THREADS_IMAGE_TYPES),
            CredentialForms.signInWithClient(true, "developers.facebook.com → your app with the Threads use case →"
                    + " App settings → Basic: the Threads App ID and Threads App secret (not the Facebook ones). Add"
                    + " the workbench's callback to the Threads redirect callback URLs."),
            // Threads allows 250 API-published posts per profile in 24 hours.
            new RatePolicy(8, 1, 2));

    static final RecentPosts.Listing POSTS = new RecentPosts.Listing("/threads", "text", "timestamp", "permalink");
    static final RecentPosts.Listing REPLIES = new RecentPosts.Listing("/replies", "text", "timestamp", "permalink");
    static final Containers.Kind KIND = new Containers.Kind("Threads", "/threads", "/threads_publish", "status",
            "error_message", "permalink", Map.of("media_type", "IMAGE"));

    private static final Pattern POST_ID = Pattern.compile("[0-9]{1,32}");
    private static final ShortPost SHORT_POST = new ShortPost("Threads", "post", "an image",
            MetaConstants.THREADS_MAX_IMAGES, ThreadsConnector::checkText,
            MediaCheck.of("Threads", MetaConstants.THREADS_IMAGE_TYPES, MetaConstants.THREADS_MAX_IMAGE_BYTES));

    private final GraphApi api;
    private final Containers containers;

    /** The connector as the framework creates it, its attempts and containers kept in the plugin's {@code store}. */
    @Activate
    public ThreadsConnector(@Reference PluginStore store) {
        this(MetaSettings.defaults(), store);
    }

    ThreadsConnector(MetaSettings settings, PluginStore store) {
        ThreadsTokens tokens = new ThreadsTokens();
        this.api = new GraphApi("Threads", settings, settings.threadsApi(), MetaConstants.THREADS_VERSION,
                INFO.credentials()).withTokens(tokens);
        tokens.use(api);
        this.containers = new Containers(api, KIND, new AttemptJournal(store, settings.clock()),
                new ContainerIds(store, settings.clock()), new RecentPosts(api));
    }

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    static String user(AccountContext account) throws PlatformException {
        return CredentialForms.require(account.credentials(), MetaConstants.THREADS_USER_ID, account.account());
    }

    // ------------------------------------------------------------------ sign-in

    @Override
    public URI authorizationUrl(AuthorizationStart start) throws PlatformException {
        return client(start.endpoint(), start.fields(), start.redirectUri(), false)
                .authorizationUrl(start, Map.of("scope", String.join(",", MetaConstants.THREADS_SCOPES)));
    }

    /**
     * The code becomes a short-lived token ({@code POST /oauth/access_token}), that a
     * long-lived one of 60 days ({@code th_exchange_token}), and {@code /me} names the user.
     */
    @Override
    public SignedIn signIn(AuthorizationGrant grant) throws PlatformException {
        OAuth2Client client = client(grant.endpoint(), grant.fields(), grant.redirectUri(), true);
        TokenSet shortLived;
        try {
            shortLived = client.exchange(grant);
        } catch (RejectedException e) {
            throw new AuthExpiredException("Threads refused the authorization code (" + e.getMessage()
                    + "); sign in again", e);
        }
        String secret = client.config().clientSecret();
        URI base = api.base(grant.endpoint());
        Call exchange = Call.read("exchanging the sign-in for a long-lived token").redacting(List.of(secret));
        HttpAnswer longLived = api.exchange(base, "GET", "/access_token", GraphApi.params("grant_type",
                "th_exchange_token", "client_secret", secret), shortLived.accessToken(), exchange, null);
        if (!longLived.ok()) {
            throw api.errors().failure(longLived, exchange);
        }
        String token = Graph.string(longLived.json(), "access_token");
        if (token == null) {
            throw new AuthExpiredException("Threads answered the long-lived token exchange without a token; sign in"
                    + " again");
        }
        long seconds = Graph.number(longLived.json(), "expires_in").orElse(0L);
        Call me = Call.read("reading the signed-in Threads user").redacting(List.of(token));
        HttpAnswer user = api.exchange(base, "GET", api.versioned("/me"), GraphApi.params("fields", "id,username"),
                token, me, null);
        if (!user.ok()) {
            throw api.errors().failure(user, me);
        }
        String id = Graph.string(user.json(), "id");
        if (id == null) {
            throw new AuthExpiredException("Threads did not name the signed-in user; sign in again");
        }
        Map<String, String> c = new LinkedHashMap<>(grant.fields().asMap());
        c.put(MetaConstants.ACCESS_TOKEN, token);
        if (seconds > 0) {
            c.put(MetaConstants.EXPIRES_AT, api.settings().clock().instant().plusSeconds(seconds).toString());
        }
        c.put(MetaConstants.THREADS_USER_ID, id);
        String username = Graph.string(user.json(), "username");
        return new SignedIn(username == null ? id : username, Credentials.of(c));
    }

    private OAuth2Client client(String endpoint, Credentials fields, URI redirectUri, boolean needSecret)
            throws PlatformException {
        String clientId = fields.get(MetaConstants.CLIENT_ID).orElseThrow(() -> new RejectedException(
                "Threads: the Threads App ID is required (your app → App settings → Basic)"));
        if (!clientId.matches("[0-9]{1,32}")) {
            throw new RejectedException("Threads: the Threads App ID is the app's number, not '" + clientId + "'");
        }
        String secret = fields.get(MetaConstants.CLIENT_SECRET).orElse(null);
        if (needSecret && secret == null) {
            throw new RejectedException("Threads: the Threads App secret is required to finish signing in");
        }
        OAuth2Config config = new OAuth2Config(api.settings().threadsDialog(), URI.create(api.base(endpoint)
                + "/oauth/access_token"), clientId, secret, redirectUri, List.of(),
                secret == null ? OAuth2Config.ClientAuth.NONE : OAuth2Config.ClientAuth.POST);
        return new OAuth2Client(config, api.http(), api.settings().clock());
    }

    @Override
    public void verify(AccountContext account) throws PlatformException {
        api.get(account, "/me", GraphApi.params("fields", "id,username"), "reading the Threads user "
                + account.account().handle());
    }

    // ------------------------------------------------------------------ publishing

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        List<Problem> problems = new ArrayList<>(SHORT_POST.problems(variant));
        MediaUrls.problem(variant.media(), account, "Threads").ifPresent(problems::add);
        return problems;
    }

    private static List<Problem> checkText(String field, String text, boolean withMedia) {
        int length = length(text);
        if (length > MetaConstants.THREADS_MAX_TEXT) {
            return List.of(new Problem(field, field + " counts " + length + " as Threads counts it (an emoji as"
                    + " its UTF-8 bytes); Threads allows " + MetaConstants.THREADS_MAX_TEXT));
        }
        return List.of();
    }

    /**
     * A text's length as Threads documents it: characters, an emoji counting as the
     * number of its UTF-8 bytes. Emoji are recognised by their blocks (symbols from
     * U+2600 on, the supplementary planes' pictographs, variation selectors and the
     * zero-width joiner), an approximation of the full emoji list.
     */
    static int length(String text) {
        int n = 0;
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            boolean emoji = cp >= 0x1F000 || cp == 0x200D || cp >= 0xFE00 && cp <= 0xFE0F
                    || cp >= 0x2600 && cp <= 0x27BF || cp >= 0x2B00 && cp <= 0x2BFF;
            n += emoji ? new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length : 1;
            i += Character.charCount(cp);
        }
        return n;
    }

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) throws PlatformException {
        PostVariant v = request.variant();
        List<Problem> problems = validate(v, account);
        if (!problems.isEmpty()) {
            throw new RejectedException("Threads: " + request.postId() + " cannot be published: "
                    + problems.get(0).message());
        }
        String user = user(account);
        String inReplyTo = request.inReplyTo();
        if (inReplyTo != null && !POST_ID.matcher(inReplyTo).matches()) {
            throw new RejectedException("Threads: " + inReplyTo + " is not a post id to answer");
        }
        PublishResult first = containers.publish(account, user, request.idempotencyKey(), v.text(), inReplyTo,
                v.media().size(), inReplyTo == null ? POSTS : REPLIES,
                () -> create(account, user, v.text(), v.media(), inReplyTo, request.postId()),
                "publishing " + request.postId());
        String previous = first.remoteId();
        for (int n = 0; n < v.thread().size(); n++) {
            String part = "part " + (n + 2) + " of " + request.postId();
            String text = v.thread().get(n);
            String answered = previous;
            try {
                previous = containers.publish(account, user, request.idempotencyKey() + "/" + (n + 1), text,
                        answered, 0, REPLIES, () -> create(account, user, text, List.of(), answered, part),
                        "publishing " + part).remoteId();
            } catch (RejectedException e) {
                throw new RejectedException("Threads refused " + part + " after its start was published at "
                        + first.url() + ": " + e.getMessage(), e);
            }
        }
        return first;
    }

    /** A text container, or one with images (see {@link Containers#images}). */
    private String create(AccountContext account, String user, String text, List<Media> media, String inReplyTo,
            String what) throws PlatformException {
        if (media.isEmpty()) {
            return containers.create(account, user, GraphApi.params("media_type", "TEXT", "text", text,
                    "reply_to_id", inReplyTo), "the container of " + what);
        }
        return containers.images(account, user, media, GraphApi.params("text", text.isBlank() ? null : text,
                "reply_to_id", inReplyTo), what);
    }

    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) throws PlatformException {
        try {
            Optional<PublishResult> found = containers.reconcile(account, user(account), idempotencyKey,
                    a -> a.inReplyTo() == null ? POSTS : REPLIES);
            if (found.isEmpty()) {
                verify(account);
            }
            return found;
        } catch (RetryableException e) {
            throw new OutcomeUnknownException(e.getMessage(), e);
        }
    }

    @Override
    public void delete(String remoteId, AccountContext account) throws PlatformException {
        if (!POST_ID.matcher(remoteId).matches()) {
            throw new RejectedException("Threads: " + remoteId + " is not a post id");
        }
        Call call = Call.repeatableWrite("deleting post " + remoteId);
        HttpAnswer answer = api.send(account, "DELETE", "/" + remoteId, Map.of(), call);
        if (answer.ok() || GraphErrors.noSuchObject(answer)) {
            return; // gone already counts as deleted
        }
        throw api.failure(answer, call, account);
    }
}
