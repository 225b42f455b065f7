package io.atelier.platform.wordpress.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Component;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AccountMetrics;
import io.atelier.api.platform.AuthExpiredException;
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
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.connector.blog.BlogPost;

/**
 * Publishes posts to a WordPress site through its REST API with a user's
 * application password: a title and a body read from the variant's text
 * ({@link PostText}), categories and tags by name (found or created,
 * {@link Terms}), and a featured image ({@link FeaturedImages}); reads the site's
 * comments as mentions ({@link Mentions}), answers them with threaded comments
 * ({@link Replies}), counts each post's comments ({@link CommentCounts}) and moves
 * posts to the trash.
 * <p>
 * Exactly once: WordPress has no idempotency key, so a post is created with a
 * slug derived from the request's key ({@link Slugs}); before creating, the site
 * is asked for a post with that slug, and {@link #reconcile} asks the same
 * question, without creating anything.
 */
@Component(service = PlatformConnector.class,
        property = PlatformConnector.PLATFORM_ID + "=" + WordPressConstants.PLATFORM_ID)
public class WordPressConnector implements PlatformConnector {

    static final PlatformInfo INFO = new PlatformInfo(
            WordPressConstants.PLATFORM_ID,
            WordPressConstants.PLATFORM_NAME,
            EnumSet.of(Capability.PUBLISH, Capability.MEDIA, Capability.METRICS, Capability.MENTIONS,
                    Capability.REPLY, Capability.DELETE, Capability.MODERATE),
            // WordPress sets no length; one featured image per post.
            new Limits(0, LengthRule.CODE_POINTS, WordPressConstants.MAX_MEDIA, WordPressConstants.MAX_IMAGE_BYTES,
                    WordPressConstants.IMAGE_TYPES),
            new CredentialForm(CredentialKind.APP_PASSWORD, List.of(
                    new CredentialField(WordPressConstants.USERNAME, "User name", false, true,
                            "The WordPress user name you sign in with; the account's endpoint is the site's"
                                    + " address, e.g. https://example.com."),
                    new CredentialField(WordPressConstants.APP_PASSWORD, "Application password", true, true,
                            "In WordPress: Users → Profile → Application Passwords; name it (e.g. Atelier), click"
                                    + " \"Add New Application Password\" and copy the password shown once. The user"
                                    + " must be allowed to publish posts (Author, Editor or Administrator)."))),
            // WordPress itself sets no rate limit; a site on modest hosting is spared bursts all the same.
            new RatePolicy(8, 1, 0));

    private final WordPressHttp http;
    private final Posts posts;
    private final Terms terms;
    private final FeaturedImages images;
    private final Me me;
    private final Mentions mentions;
    private final Replies replies;
    private final CommentCounts counts;

    /** The connector as the framework creates it: real HTTP with the default timeouts. */
    public WordPressConnector() {
        this(WordPressSettings.defaults());
    }

    WordPressConnector(WordPressSettings settings) {
        this.http = new WordPressHttp(settings);
        this.me = new Me(http);
        this.posts = new Posts(http, me);
        this.terms = new Terms(http);
        this.images = new FeaturedImages(http);
        this.mentions = new Mentions(http, me);
        this.replies = new Replies(http, me);
        this.counts = new CommentCounts(http);
    }

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    // ------------------------------------------------------------------ validate

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        return problems(variant, PostText.parse(variant.text()));
    }

    static List<Problem> problems(PostVariant variant, PostText.Parsed text) {
        List<Problem> problems = new ArrayList<>(text.problems());
        problems.addAll(BlogPost.problems(variant, WordPressConstants.PLATFORM_NAME, "featured image",
                INFO.limits()));
        return problems;
    }

    // ------------------------------------------------------------------ account

    /** Signs in ({@code GET /wp/v2/users/me}) and checks that the user may publish posts. */
    @Override
    public void verify(AccountContext account) throws PlatformException {
        JsonObject user = me.read(account, "verifying the account " + account.account().handle());
        JsonElement caps = user.get("capabilities");
        if (caps != null && caps.isJsonObject()) {
            JsonElement publish = caps.getAsJsonObject().get("publish_posts");
            if (publish == null || !publish.isJsonPrimitive() || !publish.getAsBoolean()) {
                throw new AuthExpiredException("the WordPress user " + WordPressHttp.username(account) + " of "
                        + Site.of(account.account()).host() + " may not publish posts (roles " + roles(user)
                        + "); connect a user who may: an Author, Editor or Administrator");
            }
        }
    }

    private static String roles(JsonObject user) {
        JsonElement roles = user.get("roles");
        if (roles == null || !roles.isJsonArray() || roles.getAsJsonArray().isEmpty()) {
            return "none";
        }
        JsonArray a = roles.getAsJsonArray();
        List<String> names = new ArrayList<>();
        a.forEach(r -> names.add(r.getAsString()));
        return String.join(", ", names);
    }

    /**
     * WordPress has no followers, following or account-wide counters to report: this
     * refuses the call rather than report a zero that would read as a measurement.
     */
    @Override
    public AccountMetrics accountMetrics(AccountContext account) {
        throw new UnsupportedOperationException("WordPress has no followers: a site reports comments per post"
                + " (metrics), no counters of the account");
    }

    // ------------------------------------------------------------------ publishing

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) throws PlatformException {
        Site.of(account.account());
        WordPressHttp.appPassword(account); // a missing password fails before anything is read or sent
        String postId = request.postId();
        if (request.inReplyTo() != null) {
            throw new RejectedException("post " + postId + " answers " + request.inReplyTo() + ", but a WordPress"
                    + " post cannot answer another post (comments are answered from the inbox)");
        }
        PostVariant variant = request.variant();
        PostText.Parsed parsed = PostText.parse(variant.text());
        List<Problem> problems = problems(variant, parsed);
        if (!problems.isEmpty()) {
            throw new RejectedException("post " + postId + " cannot be published on WordPress: "
                    + problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
        }
        String slug = Slugs.post(request.idempotencyKey());
        Optional<JsonObject> earlier = posts.bySlug(account, slug, "looking up post " + postId + " before"
                + " publishing it");
        if (earlier.isPresent()) {
            return result(earlier.get());
        }
        PostText post = parsed.post();
        List<Long> categories = terms.ids(account, Terms.Taxonomy.CATEGORIES, post.categories(), postId);
        List<Long> tags = terms.ids(account, Terms.Taxonomy.TAGS, post.tags(), postId);
        Long featured = variant.media().isEmpty() ? null : images.upload(account, request, variant.media().get(0));
        JsonObject body = new JsonObject();
        body.addProperty("title", post.title());
        body.addProperty("content", post.content());
        body.addProperty("status", "publish");
        body.addProperty("slug", slug);
        if (!categories.isEmpty()) {
            body.add("categories", ids(categories));
        }
        if (!tags.isEmpty()) {
            body.add("tags", ids(tags));
        }
        if (featured != null) {
            body.addProperty("featured_media", featured);
        }
        return result(posts.create(account, body, "publishing post " + postId));
    }

    private static JsonArray ids(List<Long> ids) {
        JsonArray a = new JsonArray();
        ids.forEach(a::add);
        return a;
    }

    private PublishResult result(JsonObject post) {
        return WpJson.result(post, RemoteId.post(WpJson.number(post, "id")), http.settings().clock().instant());
    }

    /**
     * The post published with {@code idempotencyKey}: the one whose slug derives from
     * it, in any state but the trash (a post deleted since is not found).
     *
     * @throws OutcomeUnknownException when the site cannot be asked now
     */
    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) throws PlatformException {
        try {
            return posts.bySlug(account, Slugs.post(idempotencyKey), "looking up the post with key " + idempotencyKey)
                    .map(this::result);
        } catch (RetryableException | RejectedException e) {
            throw new OutcomeUnknownException("WordPress cannot tell now whether the post with key " + idempotencyKey
                    + " exists: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ reading

    @Override
    public List<PostMetrics> metrics(List<String> remoteIds, AccountContext account) throws PlatformException {
        return counts.of(remoteIds, account);
    }

    @Override
    public MentionPage mentions(String cursor, AccountContext account) throws PlatformException {
        return mentions.poll(cursor, account);
    }

    // ------------------------------------------------------------------ answering and deleting

    @Override
    public PublishResult reply(ReplyRequest request, AccountContext account) throws PlatformException {
        return replies.reply(request, account);
    }

    /** Moves the post (or, for {@code wp-comment:<id>}, the comment) to the trash; what is gone already is deleted. */
    @Override
    public void delete(String remoteId, AccountContext account) throws PlatformException {
        posts.trash(account, RemoteId.parse(remoteId));
    }

    /**
     * Holds a comment back (it waits for moderation again: readers no longer see it) or
     * moves it to the trash; only comments can be moderated, and only by an account
     * that may moderate them (an editor or an administrator).
     */
    @Override
    public void moderate(String mentionId, ModerationAction action, AccountContext account)
            throws PlatformException {
        RemoteId id = RemoteId.parse(mentionId);
        if (!id.comment()) {
            throw new RejectedException(mentionId + " is not a comment: only comments are moderated");
        }
        if (action == ModerationAction.DELETE) {
            posts.trash(account, id);
        } else {
            replies.hold(account, id);
        }
    }

    @Override
    public String toString() {
        return "WordPressConnector[" + INFO.capabilities().stream().map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(",")) + "]";
    }
}
