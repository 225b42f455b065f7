package io.atelier.ghost.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Component;

import com.google.gson.JsonArray;
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
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.connector.blog.BlogPost;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.Query;

/**
 * Publishes posts to a Ghost site through its Admin API with a custom
 * integration's Admin API key: a title and an HTML body read from the variant's
 * text ({@link PostText}), tags by name ({@link Tags}), a feature image
 * ({@link FeatureImages}), and on request the post e-mailed to a newsletter's
 * subscribers; reads the site's comments as mentions ({@link Mentions}), answers
 * them as a member of the site ({@link Replies}), hides or deletes them, counts
 * comments, members and posts ({@link Counts}) and deletes posts.
 * <p>
 * Exactly once: Ghost has no idempotency key, so a post is created with a slug
 * derived from the request's key ({@link Slugs}); before creating, the site is
 * asked for a post with that slug, and {@link #reconcile} asks the same question,
 * without creating anything.
 */
@Component(service = PlatformConnector.class,
        property = PlatformConnector.PLATFORM_ID + "=" + GhostConstants.PLATFORM_ID)
public class GhostConnector implements PlatformConnector {

    static final PlatformInfo INFO = new PlatformInfo(
            GhostConstants.PLATFORM_ID,
            GhostConstants.PLATFORM_NAME,
            EnumSet.of(Capability.PUBLISH, Capability.MEDIA, Capability.METRICS, Capability.MENTIONS,
                    Capability.REPLY, Capability.DELETE, Capability.MODERATE),
            // The body has no length limit; the title's (255) is checked by validate. One feature image.
            new Limits(0, LengthRule.CODE_POINTS, GhostConstants.MAX_MEDIA, GhostConstants.MAX_IMAGE_BYTES,
                    GhostConstants.IMAGE_TYPES),
            new CredentialForm(CredentialKind.API_KEY, List.of(
                    new CredentialField(GhostConstants.API_KEY, "Admin API key", true, true,
                            "In Ghost: Settings → Integrations → Add custom integration; name it (e.g. Atelier),"
                                    + " save, and copy its Admin API key (<id>:<secret>). The account's endpoint is"
                                    + " the site's address, e.g. https://example.com."),
                    new CredentialField(GhostConstants.REPLY_AS, "Answer comments as (member e-mail)", false, false,
                            "Only members comment on Ghost: answers are made as the member with this e-mail,"
                                    + " usually your own (Members → New member if there is none)."),
                    new CredentialField(GhostConstants.NEWSLETTER, "Newsletter (slug)", false, false,
                            "E-mail every post to this newsletter's subscribers (its slug, e.g."
                                    + " default-newsletter); a post's header line 'newsletter: none' sends none."))),
            // Ghost's Admin API sets no rate limit of its own; a small site is spared bursts all the same.
            new RatePolicy(8, 1, 0));

    private final GhostHttp http;
    private final Posts posts;
    private final Tags tags;
    private final FeatureImages images;
    private final Newsletters newsletters;
    private final Members members;
    private final Comments comments;
    private final Mentions mentions;
    private final Replies replies;
    private final Counts counts;

    /** The connector as the framework creates it: real HTTP with the default timeouts. */
    public GhostConnector() {
        this(GhostSettings.defaults());
    }

    GhostConnector(GhostSettings settings) {
        this.http = new GhostHttp(settings);
        this.posts = new Posts(http);
        this.tags = new Tags(http);
        this.images = new FeatureImages(http);
        this.newsletters = new Newsletters(http);
        this.members = new Members(http);
        this.comments = new Comments(http);
        this.mentions = new Mentions(http, comments, members);
        this.replies = new Replies(http, comments, members, posts);
        this.counts = new Counts(http, comments, posts, members);
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
        problems.addAll(BlogPost.problems(variant, GhostConstants.PLATFORM_NAME, "feature image", INFO.limits()));
        List<Media> media = variant.media();
        for (int i = 0; i < media.size(); i++) {
            Media m = media.get(i);
            String field = "media[" + i + "]";
            if (PostText.length(m.altText()) > GhostConstants.MAX_IMAGE_ALT) {
                problems.add(new Problem(field, "the alt text of media " + (i + 1) + " is "
                        + PostText.length(m.altText()) + " characters; Ghost allows " + GhostConstants.MAX_IMAGE_ALT
                        + " for a feature image"));
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------ account

    /**
     * Checks that the address is a Ghost site ({@code GET /site/}), that the key is accepted
     * (a one-post read), and that the member answers are made as and the account's
     * newsletter exist.
     */
    @Override
    public void verify(AccountContext account) throws PlatformException {
        String who = "verifying the account " + account.account().handle();
        Call call = GhostHttp.hiding(Call.read(who), account);
        HttpAnswer site = http.send(http.get(account, "/site/", ""), call);
        if (!site.ok()) {
            throw http.failure(site, call);
        }
        if (GhostJson.object(site.json(), "site") == null) {
            throw new AuthExpiredException("Ghost: " + who + ": " + site.uri().getHost() + " does not answer as a"
                    + " Ghost site; check the account's site address");
        }
        http.require(http.get(account, "/posts/", Query.of("limit", "1", "fields", "id")), call);
        Optional<String> email = Members.replyAs(account);
        if (email.isPresent() && members.idOf(account, email.get(), who).isEmpty()) {
            throw new AuthExpiredException("Ghost account " + account.account().handle() + " answers comments as"
                    + " member " + email.get() + ", but the site has no member with that e-mail; add one in Ghost"
                    + " (Members → New member) or change the 'Answer comments as' field");
        }
        Optional<String> newsletter = accountNewsletter(account);
        if (newsletter.isPresent()) {
            try {
                newsletters.requireActive(account, newsletter.get(), who);
            } catch (RejectedException e) {
                throw new AuthExpiredException(e.getMessage() + "; change the account's newsletter field");
            }
        }
    }

    private static Optional<String> accountNewsletter(AccountContext account) {
        return account.credentials().get(GhostConstants.NEWSLETTER).map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty() && !s.equals(PostText.NO_NEWSLETTER));
    }

    /** The site's members as followers, its published posts, and no following (Ghost follows nobody). */
    @Override
    public AccountMetrics accountMetrics(AccountContext account) throws PlatformException {
        return counts.account(account);
    }

    // ------------------------------------------------------------------ publishing

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) throws PlatformException {
        Site.of(account.account());
        GhostHttp.key(account); // a missing or malformed key fails before anything is read or sent
        String postId = request.postId();
        if (request.inReplyTo() != null) {
            throw new RejectedException("post " + postId + " answers " + request.inReplyTo() + ", but a Ghost post"
                    + " cannot answer another post (comments are answered from the inbox)");
        }
        PostVariant variant = request.variant();
        PostText.Parsed parsed = PostText.parse(variant.text());
        List<Problem> problems = problems(variant, parsed);
        if (!problems.isEmpty()) {
            throw new RejectedException("post " + postId + " cannot be published on Ghost: "
                    + problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
        }
        PostText post = parsed.post();
        String newsletter = post.newsletter() != null
                ? (post.newsletter().equals(PostText.NO_NEWSLETTER) ? null : post.newsletter())
                : accountNewsletter(account).orElse(null);
        String slug = Slugs.post(request.idempotencyKey());
        Optional<JsonObject> earlier = posts.bySlug(account, slug, "looking up post " + postId + " before"
                + " publishing it");
        if (earlier.isPresent() && Posts.OUT.contains(GhostJson.string(earlier.get(), "status"))) {
            return result(earlier.get());
        }
        if (newsletter != null) {
            newsletters.requireActive(account, newsletter, "e-mailing post " + postId);
        }
        JsonObject draft;
        if (earlier.isPresent()) {
            draft = earlier.get(); // made by an attempt that did not get as far as publishing it
        } else {
            JsonArray tagList = tags.of(account, post.tags(), postId);
            JsonObject body = new JsonObject();
            body.addProperty("title", post.title());
            body.addProperty("slug", slug);
            String html = post.html();
            if (!html.isEmpty()) {
                body.addProperty("html", html);
            }
            if (!tagList.isEmpty()) {
                body.add("tags", tagList);
            }
            if (!variant.media().isEmpty()) {
                Media medium = variant.media().get(0);
                body.addProperty("feature_image", images.upload(account, request, medium, slug));
                if (!medium.altText().isBlank()) {
                    body.addProperty("feature_image_alt", medium.altText());
                }
            }
            // Ghost e-mails a post only when an edit publishes it: one to be e-mailed is made a draft first.
            body.addProperty("status", newsletter == null ? "published" : "draft");
            JsonObject created = posts.create(account, body, "publishing post " + postId);
            if (newsletter == null) {
                return result(created);
            }
            draft = created;
        }
        return result(posts.publishDraft(account, draft, newsletter, "publishing post " + postId
                + (newsletter != null ? " and e-mailing it with newsletter " + newsletter : "")));
    }

    private PublishResult result(JsonObject post) {
        return GhostJson.result(post, http.settings().clock().instant());
    }

    /**
     * The post published with {@code idempotencyKey}: the one whose slug derives from it,
     * published, e-mailed or scheduled. A draft with that slug (an attempt that created the
     * post but did not get to publishing it) is not published: reconcile answers empty, and
     * publishing again publishes that draft.
     *
     * @throws OutcomeUnknownException when the site cannot be asked now
     */
    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) throws PlatformException {
        try {
            return posts.bySlug(account, Slugs.post(idempotencyKey), "looking up the post with key " + idempotencyKey)
                    .filter(p -> Posts.OUT.contains(GhostJson.string(p, "status")))
                    .map(this::result);
        } catch (RetryableException | RejectedException e) {
            throw new OutcomeUnknownException("Ghost cannot tell now whether the post with key " + idempotencyKey
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

    /** Deletes the post for good (Ghost has no trash), or, for {@code ghost-comment:<id>}, the comment. */
    @Override
    public void delete(String remoteId, AccountContext account) throws PlatformException {
        RemoteId id = RemoteId.parse(remoteId);
        if (id.comment()) {
            comments.setStatus(account, id, "deleted", "deleting comment " + id);
        } else {
            posts.delete(account, id);
        }
    }

    /**
     * Hides a comment (readers no longer see it; Ghost's moderators can show it again) or
     * deletes it; only comments can be moderated. Doing it again succeeds.
     */
    @Override
    public void moderate(String mentionId, ModerationAction action, AccountContext account)
            throws PlatformException {
        RemoteId id = RemoteId.parse(mentionId);
        if (!id.comment()) {
            throw new RejectedException(mentionId + " is not a comment: only comments are moderated");
        }
        String status = action == ModerationAction.DELETE ? "deleted" : "hidden";
        comments.setStatus(account, id, status, (action == ModerationAction.DELETE ? "deleting" : "hiding")
                + " comment " + id);
    }

    @Override
    public String toString() {
        return "GhostConnector[" + INFO.capabilities().stream().map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(",")) + "]";
    }
}
