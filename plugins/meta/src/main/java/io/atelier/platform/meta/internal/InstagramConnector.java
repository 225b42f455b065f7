package io.atelier.platform.meta.internal;

import java.net.URI;
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
import io.atelier.api.post.PostVariant;
import io.atelier.api.storage.PluginStore;
import io.atelier.sdk.connector.attempts.AttemptJournal;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.post.MediaCheck;
import io.atelier.sdk.connector.post.ShortPost;

/**
 * Publishes to an Instagram professional account through the Instagram Graph API
 * (Instagram API with Facebook Login), with the token of the Facebook Page the
 * account is linked to: one image, or a carousel of 2 to 10, each fetched by
 * Instagram from the workbench's public address ({@link MediaUrls}), through a
 * media container ({@link Containers}); the comments on the account's recent media
 * as mentions, answered, hidden or deleted ({@link Comments}); likes and comments of
 * media and the account's followers as metrics. Instagram's API deletes no media,
 * so {@code DELETE} is not declared.
 */
@Component(service = PlatformConnector.class,
        property = PlatformConnector.PLATFORM_ID + "=" + MetaConstants.INSTAGRAM_ID)
public class InstagramConnector implements PlatformConnector {

    static final PlatformInfo INFO = new PlatformInfo(
            MetaConstants.INSTAGRAM_ID,
            "Instagram",
            EnumSet.of(Capability.PUBLISH, Capability.MEDIA, Capability.METRICS, Capability.MENTIONS,
                    Capability.REPLY, Capability.MODERATE),
            new Limits(MetaConstants.INSTAGRAM_MAX_CAPTION, LengthRule.CODE_POINTS, MetaConstants.INSTAGRAM_MAX_IMAGES,
                    MetaConstants.INSTAGRAM_MAX_IMAGE_BYTES, MetaConstants.INSTAGRAM_IMAGE_TYPES),
            CredentialForms.signInWithClient(true, "developers.facebook.com → your app (type Business, with"
                    + " Instagram API with Facebook Login) → App settings → Basic: the App ID, and the App secret"
                    + " below it. The Instagram account must be a professional account linked to a Facebook Page you"
                    + " manage; the account's endpoint may name the Page or the Instagram username, otherwise the"
                    + " first Page with a linked account is used."),
            // Instagram allows 100 API-published posts per account in 24 hours.
            new RatePolicy(8, 1, 1));

    static final RecentPosts.Listing MEDIA = new RecentPosts.Listing("/media", "caption", "timestamp", "permalink");
    static final Containers.Kind KIND = new Containers.Kind("Instagram", "/media", "/media_publish", "status_code",
            "status", "permalink", Map.of());
    static final Comments.Shape COMMENTS = new Comments.Shape(MetaConstants.INSTAGRAM_ID, "Instagram", "/media", "text",
            "username", "timestamp", "parent_id", Map.of(), "/replies", "hide");

    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_&])#[\\p{L}\\p{N}_]+");
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.])@[A-Za-z0-9._]+");
    private static final Pattern MEDIA_ID = Pattern.compile("[0-9]{1,32}");
    private static final ShortPost SHORT_POST = new ShortPost("Instagram", "post", "an image",
            MetaConstants.INSTAGRAM_MAX_IMAGES, InstagramConnector::checkCaption,
            MediaCheck.of("Instagram", MetaConstants.INSTAGRAM_IMAGE_TYPES, MetaConstants.INSTAGRAM_MAX_IMAGE_BYTES));

    private final GraphApi api;
    private final FacebookLogin login;
    private final Containers containers;
    private final Comments comments;

    /** The connector as the framework creates it, its attempts and containers kept in the plugin's {@code store}. */
    @Activate
    public InstagramConnector(@Reference PluginStore store) {
        this(MetaSettings.defaults(), store);
    }

    InstagramConnector(MetaSettings settings, PluginStore store) {
        this.api = new GraphApi("Instagram", settings, settings.graphApi(), MetaConstants.GRAPH_VERSION,
                INFO.credentials()).withTokens(FacebookConnector::storedToken);
        this.login = new FacebookLogin(api, MetaConstants.INSTAGRAM_SCOPES);
        AttemptJournal attempts = new AttemptJournal(store, settings.clock());
        this.containers = new Containers(api, KIND, attempts, new ContainerIds(store, settings.clock()),
                new RecentPosts(api));
        this.comments = new Comments(api, COMMENTS, attempts);
    }

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    static String igUser(AccountContext account) throws PlatformException {
        return CredentialForms.require(account.credentials(), MetaConstants.IG_USER_ID, account.account());
    }

    // ------------------------------------------------------------------ sign-in

    @Override
    public URI authorizationUrl(AuthorizationStart start) throws PlatformException {
        return login.authorizationUrl(start);
    }

    /** Signs in with Facebook Login and keeps the Instagram account linked to the chosen Page. */
    @Override
    public SignedIn signIn(AuthorizationGrant grant) throws PlatformException {
        FacebookLogin.Page page = FacebookLogin.choose(login.pages(grant), grant.endpoint(),
                p -> p.igUserId() != null, "Instagram", "Page with a linked Instagram professional account");
        Map<String, String> c = new LinkedHashMap<>(grant.fields().asMap());
        c.put(MetaConstants.ACCESS_TOKEN, page.token());
        c.put(MetaConstants.PAGE_ID, page.id());
        c.put(MetaConstants.IG_USER_ID, page.igUserId());
        return new SignedIn(page.igUsername() == null ? page.igUserId() : page.igUsername(), Credentials.of(c));
    }

    @Override
    public void verify(AccountContext account) throws PlatformException {
        api.get(account, "/" + igUser(account), GraphApi.params("fields", "id,username"),
                "reading the Instagram account " + account.account().handle());
    }

    // ------------------------------------------------------------------ publishing

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        List<Problem> problems = new ArrayList<>(SHORT_POST.problems(variant));
        if (variant.media().isEmpty()) {
            problems.add(new Problem("media", "Instagram needs at least one image (JPEG); attach one"));
        }
        if (!variant.thread().isEmpty()) {
            problems.add(new Problem("thread", "an Instagram post has no thread; write it as one caption"));
        }
        MediaUrls.problem(variant.media(), account, "Instagram").ifPresent(problems::add);
        return problems;
    }

    /** The caption's length, hashtags and mentions, as Instagram's content publishing guide limits them. */
    static List<Problem> checkCaption(String field, String text, boolean withMedia) {
        List<Problem> problems = new ArrayList<>();
        int length = text.codePointCount(0, text.length());
        if (length > MetaConstants.INSTAGRAM_MAX_CAPTION) {
            problems.add(new Problem(field, "the caption is " + length + " characters; Instagram allows "
                    + MetaConstants.INSTAGRAM_MAX_CAPTION));
        }
        int tags = count(HASHTAG.matcher(text));
        if (tags > MetaConstants.INSTAGRAM_MAX_HASHTAGS) {
            problems.add(new Problem(field, "the caption has " + tags + " hashtags; Instagram allows "
                    + MetaConstants.INSTAGRAM_MAX_HASHTAGS));
        }
        int mentions = count(MENTION.matcher(text));
        if (mentions > MetaConstants.INSTAGRAM_MAX_MENTIONS) {
            problems.add(new Problem(field, "the caption mentions " + mentions + " accounts; Instagram allows "
                    + MetaConstants.INSTAGRAM_MAX_MENTIONS));
        }
        return problems;
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) throws PlatformException {
        PostVariant v = request.variant();
        List<Problem> problems = validate(v, account);
        if (!problems.isEmpty()) {
            throw new RejectedException("Instagram: " + request.postId() + " cannot be published: "
                    + problems.get(0).message());
        }
        String user = igUser(account);
        String what = "publishing " + request.postId();
        return containers.publish(account, user, request.idempotencyKey(), v.text(), null, v.media().size(), MEDIA,
                () -> containers.images(account, user, v.media(), GraphApi.params("caption", v.text()),
                        request.postId()), what);
    }

    /**
     * The post of a key: see {@link Containers#reconcile}; no attempt noted within the
     * journal's retention gives empty once Instagram answers for the account (the README
     * says what that cannot prove).
     */
    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) throws PlatformException {
        try {
            Optional<PublishResult> found = containers.reconcile(account, igUser(account), idempotencyKey, a -> MEDIA);
            if (found.isEmpty()) {
                verify(account);
            }
            return found;
        } catch (RetryableException e) {
            throw new OutcomeUnknownException(e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ reading

    /** {@code like_count} as likes and {@code comments_count} as replies; a media gone gets no entry. */
    @Override
    public List<PostMetrics> metrics(List<String> remoteIds, AccountContext account) throws PlatformException {
        List<PostMetrics> out = new ArrayList<>();
        for (String id : remoteIds) {
            if (!MEDIA_ID.matcher(id).matches()) {
                throw new RejectedException("Instagram: " + id + " is not a media id");
            }
            Call call = Call.read("reading the counters of media " + id);
            HttpAnswer answer = api.send(account, "GET", "/" + id, GraphApi.params("fields",
                    "like_count,comments_count"), call);
            if (GraphErrors.noSuchObject(answer)) {
                continue;
            }
            if (!answer.ok()) {
                throw api.failure(answer, call, account);
            }
            Map<String, Long> values = new LinkedHashMap<>();
            Graph.number(answer.json(), "like_count").ifPresent(n -> values.put(PostMetrics.LIKES, n));
            Graph.number(answer.json(), "comments_count").ifPresent(n -> values.put(PostMetrics.REPLIES, n));
            out.add(new PostMetrics(id, api.settings().clock().instant(), values));
        }
        return out;
    }

    @Override
    public AccountMetrics accountMetrics(AccountContext account) throws PlatformException {
        JsonObject o = api.get(account, "/" + igUser(account), GraphApi.params("fields",
                "followers_count,follows_count,media_count"), "reading the counters of " + account.account().handle());
        return new AccountMetrics(api.settings().clock().instant(), Graph.number(o, "followers_count").orElse(0L),
                Graph.number(o, "follows_count").orElse(-1L), Graph.number(o, "media_count").orElse(-1L));
    }

    @Override
    public MentionPage mentions(String cursor, AccountContext account) throws PlatformException {
        return comments.poll(cursor, account, igUser(account));
    }

    @Override
    public PublishResult reply(ReplyRequest request, AccountContext account) throws PlatformException {
        return comments.reply(request, account, igUser(account));
    }

    /** Hides ({@code hide=true}) or deletes a comment on the account's media; a comment gone counts as done. */
    @Override
    public void moderate(String mentionId, ModerationAction action, AccountContext account)
            throws PlatformException {
        comments.moderate(mentionId, java.util.Objects.requireNonNull(action, "action"), account);
    }
}
