package io.atelier.platform.linkedin.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
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
import io.atelier.sdk.connector.attempts.Attempt;
import io.atelier.sdk.connector.attempts.AttemptJournal;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.json.Json;
import io.atelier.sdk.connector.oauth.TokenSet;
import io.atelier.sdk.connector.post.MediaCheck;
import io.atelier.sdk.connector.post.ShortPost;

/**
 * Publishes to LinkedIn through the versioned REST API, as a member or as an
 * organization page the member administers: posts (the Posts API, the text in
 * LinkedIn's little format, see {@link LittleText}), one image or 2 to 20 with alt
 * text (the Images API), and deletes. Accounts connect by signing in on LinkedIn's
 * own page with the agency's LinkedIn app ({@link #authorizationUrl},
 * {@link #signIn}).
 * <p>
 * Exactly once without an idempotency key: LinkedIn has none. Each post is noted
 * before it is sent in the attempt journal, kept in the workbench's plugin store
 * ({@link AttemptJournal}), so every node and every restart sees it; publishing or
 * reconciling a key sent before without an answer looks the post up among the
 * author's own recent posts ({@link PostLookup}) before sending anything, and LinkedIn's own refusal of a
 * duplicate (422 "Content is a duplicate of urn:li:share:…") is answered with the
 * post it names. The README says what this cannot guarantee.
 */
@Component(service = PlatformConnector.class,
        property = PlatformConnector.PLATFORM_ID + "=" + LinkedInConstants.PLATFORM_ID)
public class LinkedInConnector implements PlatformConnector {

    static final CredentialForm FORM = new CredentialForm(CredentialKind.OAUTH2_PKCE, List.of(
            new CredentialField(LinkedInConstants.CLIENT_ID, "Client ID", false, true,
                    "linkedin.com/developers → your app → Auth → Client ID (products: Share on LinkedIn, Sign In"
                            + " with LinkedIn using OpenID Connect; redirect URL: the workbench's /oauth/callback"
                            + " address)"),
            new CredentialField(LinkedInConstants.CLIENT_SECRET, "Client secret", true, true,
                    "The same Auth tab → Primary Client Secret"),
            new CredentialField(LinkedInConstants.ORGANIZATION, "Organization page id", false, false,
                    "Only to post as a page you administer: its numeric id (linkedin.com/company/<id>/admin);"
                            + " the app needs the Community Management API product. Empty posts as yourself"),
            new CredentialField(LinkedInConstants.EXTRA_SCOPES, "Additional scopes", false, false,
                    "Only scopes LinkedIn granted your app on request, e.g. r_member_social, which lets the"
                            + " workbench find a post after a lost answer")),
            true);

    static final PlatformInfo INFO = new PlatformInfo(
            LinkedInConstants.PLATFORM_ID,
            LinkedInConstants.PLATFORM_NAME,
            EnumSet.of(Capability.PUBLISH, Capability.MEDIA, Capability.DELETE),
            new Limits(LinkedInConstants.MAX_LENGTH, LengthRule.CODE_POINTS, LinkedInConstants.MAX_IMAGES,
                    LinkedInConstants.MAX_IMAGE_BYTES, LinkedInConstants.IMAGE_TYPES),
            FORM,
            // LinkedIn allows a member 150 posts a day (Share on LinkedIn); a burst of two a minute stays well inside.
            new RatePolicy(4, 1, 2));

    private static final ShortPost SHORT_POST = new ShortPost(LinkedInConstants.PLATFORM_NAME, "post", "an image",
            LinkedInConstants.MAX_IMAGES, (field, text, withMedia) -> checkText(field, text),
            MediaCheck.of(LinkedInConstants.PLATFORM_NAME, LinkedInConstants.IMAGE_TYPES,
                    LinkedInConstants.MAX_IMAGE_BYTES, LinkedInConstants.MAX_ALT_TEXT));

    private static final Pattern DUPLICATE = Pattern.compile("(?i)duplicate of (urn:li:(?:share|ugcPost):[0-9]+)");
    private static final String WRITE_PERMISSION = "w_member_social (as a member) or w_organization_social and an"
            + " administrator's or content administrator's role on the page";

    private final LinkedInApi api;
    private final AttemptJournal attempts;
    private final PostLookup lookup;
    private final ImageUploads images;

    /** The connector as the framework creates it, its attempts kept in the plugin's {@code store}. */
    @Activate
    public LinkedInConnector(@Reference PluginStore store) {
        this(LinkedInSettings.defaults(), store);
    }

    LinkedInConnector(LinkedInSettings settings, PluginStore store) {
        this.api = new LinkedInApi(settings, FORM);
        this.attempts = new AttemptJournal(store, settings.clock());
        this.lookup = new PostLookup(api);
        this.images = new ImageUploads(api);
    }

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    // ------------------------------------------------------------------ validate

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        List<Problem> problems = new ArrayList<>(SHORT_POST.problems(variant));
        if (!variant.thread().isEmpty()) {
            problems.add(new Problem("thread", "LinkedIn has no threads: put the " + (variant.thread().size() + 1)
                    + " parts in one post of up to " + LinkedInConstants.MAX_LENGTH + " characters"));
        }
        return problems;
    }

    /**
     * LinkedIn's 3000 characters, counted as UTF-16 units, as LinkedIn's composer
     * counts them (an emoji outside the Basic Multilingual Plane counts 2), before the
     * little-text escapes.
     */
    private static List<Problem> checkText(String field, String text) {
        if (text.length() > LinkedInConstants.MAX_LENGTH) {
            return List.of(new Problem(field, field + " is " + text.length() + " characters as LinkedIn counts them"
                    + " (an emoji counts 2); LinkedIn allows " + LinkedInConstants.MAX_LENGTH));
        }
        return List.of();
    }

    // ------------------------------------------------------------------ account

    @Override
    public void verify(AccountContext account) throws PlatformException {
        api.userinfo(account);
        LinkedInApi.organization(account.credentials());
    }

    @Override
    public URI authorizationUrl(AuthorizationStart start) throws PlatformException {
        return api.client(start.endpoint(), start.fields(), start.redirectUri()).authorizationUrl(start, Map.of());
    }

    /**
     * Exchanges the code for a token, then asks {@code /v2/userinfo} who signed in:
     * its {@code sub} is the member's id (stored, for {@code urn:li:person:}), its name
     * the handle. LinkedIn refuses a spent, expired or foreign code with 400
     * {@code invalid_request}: the SDK's {@code AuthExpiredException}, sign in again.
     */
    @Override
    public SignedIn signIn(AuthorizationGrant grant) throws PlatformException {
        TokenSet tokens = api.client(grant.endpoint(), grant.fields(), grant.redirectUri()).exchange(grant);
        Call call = Call.read("reading the member who signed in").redacting(List.of(tokens.accessToken()))
                .redacting(grant.fields());
        JsonObject me = api.userinfo(grant.endpoint(), tokens.accessToken(), call);
        String sub = Posts.string(me, "sub");
        if (sub == null || sub.isBlank()) {
            throw new AuthExpiredException("LinkedIn's user info names no member (no sub): the app needs the product"
                    + " 'Sign In with LinkedIn using OpenID Connect' and the scopes openid and profile");
        }
        String name = memberName(me, sub);
        Optional<String> org = LinkedInApi.organization(grant.fields());
        Map<String, String> stored = new HashMap<>(grant.fields().asMap());
        org.ifPresent(id -> stored.put(LinkedInConstants.ORGANIZATION, id));
        stored.putAll(tokens.toCredentials());
        stored.put(LinkedInConstants.MEMBER_ID, sub);
        String handle = org.map(id -> "organization " + id + " (" + name + ")").orElse(name);
        return new SignedIn(handle, Credentials.of(stored));
    }

    /** The user info's {@code name}, else its given and family names, else the member id. */
    private static String memberName(JsonObject me, String sub) {
        String name = Posts.string(me, "name");
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        String given = Optional.ofNullable(Posts.string(me, "given_name")).orElse("");
        String family = Optional.ofNullable(Posts.string(me, "family_name")).orElse("");
        return (given + " " + family).isBlank() ? "member " + sub : (given + " " + family).strip();
    }

    // ------------------------------------------------------------------ publishing

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) throws PlatformException {
        PostVariant v = request.variant();
        List<Problem> problems = validate(v, account);
        if (!problems.isEmpty()) {
            throw new RejectedException("LinkedIn: " + request.postId() + " cannot be published: "
                    + problems.get(0).message());
        }
        if (request.inReplyTo() != null) {
            throw new RejectedException("LinkedIn: " + request.postId() + " answers " + request.inReplyTo()
                    + ", but this connector publishes posts only, not comments");
        }
        return sendOnce(account, request.idempotencyKey(), v.text(), v.media(), request.postId());
    }

    /**
     * One post, never twice for {@code key}: a key the journal has a post for returns
     * it; a key sent before without an answer is looked up first; LinkedIn's refusal of
     * a duplicate is answered with the post it names. A journal that cannot be read or
     * written stops the send ({@code RetryableException}, nothing sent).
     */
    private PublishResult sendOnce(AccountContext account, String key, String text, List<Media> media,
            String postId) throws PlatformException {
        String accountId = account.account().id();
        Instant now = api.settings().clock().instant();
        Optional<Attempt> before = attempts.find(accountId, key);
        if (before.isPresent() && before.get().remoteId() != null) {
            return new PublishResult(before.get().remoteId(), Posts.url(before.get().remoteId()),
                    before.get().firstSentAt());
        }
        if (before.isPresent()) {
            PostLookup.Listing found = lookup.find(account, before.get().firstSentAt(), text, media.size());
            if (found.post().isPresent()) {
                return confirmed(accountId, key, found.post().get(), now);
            }
            // Forbidden to list: sending again leans on LinkedIn's own duplicate refusal (below), as after a restart.
        }
        String author = api.author(account);
        List<String> urns = images.upload(media, author, postId, account);
        JsonObject body = body(author, text, media, urns);
        attempts.sending(accountId, key, text, null, media.size());
        String what = "publishing " + postId;
        Call call = Call.publish(what);
        HttpAnswer answer = api.send(account, b -> b.uri(api.uri(account, LinkedInConstants.POSTS_PATH))
                .header("Content-Type", Json.MEDIA_TYPE).POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(), call);
        if (answer.ok()) {
            String urn = answer.header("x-restli-id").map(String::trim).orElse("");
            if (!Posts.POST_URN.matcher(urn).matches()) {
                throw new OutcomeUnknownException("LinkedIn answered " + what + " without the post's URN; it may have"
                        + " been published: look it up before sending it again");
            }
            attempts.confirmed(accountId, key, urn);
            return new PublishResult(urn, Posts.url(urn), now);
        }
        Matcher duplicate = DUPLICATE.matcher(answer.status() == 422 ? answer.text() : "");
        if (duplicate.find()) {
            return duplicateOf(duplicate.group(1), accountId, key, account, what, now);
        }
        throw api.failure(answer, call, account, WRITE_PERMISSION);
    }

    /**
     * LinkedIn refused the text as a duplicate of {@code urn}: the earlier attempt (or a
     * post by hand) has it. Where the token may read posts, a duplicate of a post that is
     * gone (LinkedIn remembers deleted posts for a while) is refused rather than taken.
     */
    private PublishResult duplicateOf(String urn, String accountId, String key, AccountContext account, String what,
            Instant now) throws PlatformException {
        PostLookup.Read read;
        try {
            read = lookup.read(account, urn);
        } catch (RetryableException e) {
            throw new OutcomeUnknownException("LinkedIn refused " + what + " as a duplicate of " + urn
                    + ", which could not be read: " + e.getMessage(), e);
        }
        if (read.state() == PostLookup.State.GONE) {
            throw new RejectedException("LinkedIn refused " + what + " as a duplicate of " + urn + ", a post that is"
                    + " no longer there; change the text to publish it again");
        }
        attempts.confirmed(accountId, key, urn);
        return read.state() == PostLookup.State.FOUND ? Posts.result(urn, now, read.post())
                : new PublishResult(urn, Posts.url(urn), now);
    }

    /** The Posts API's body: text as little text, public on the main feed, the images as media or multiImage. */
    private static JsonObject body(String author, String text, List<Media> media, List<String> urns) {
        JsonObject body = new JsonObject();
        body.addProperty("author", author);
        body.addProperty("commentary", LittleText.escape(text));
        body.addProperty("visibility", "PUBLIC");
        JsonObject distribution = new JsonObject();
        distribution.addProperty("feedDistribution", "MAIN_FEED");
        distribution.add("targetEntities", new JsonArray());
        distribution.add("thirdPartyDistributionChannels", new JsonArray());
        body.add("distribution", distribution);
        body.addProperty("lifecycleState", "PUBLISHED");
        body.addProperty("isReshareDisabledByAuthor", false);
        if (urns.size() == 1) {
            JsonObject content = new JsonObject();
            content.add("media", image(urns.get(0), media.get(0)));
            body.add("content", content);
        } else if (urns.size() > 1) {
            JsonArray list = new JsonArray();
            for (int i = 0; i < urns.size(); i++) {
                list.add(image(urns.get(i), media.get(i)));
            }
            JsonObject multi = new JsonObject();
            multi.add("images", list);
            JsonObject content = new JsonObject();
            content.add("multiImage", multi);
            body.add("content", content);
        }
        return body;
    }

    private static JsonObject image(String urn, Media m) {
        JsonObject o = new JsonObject();
        o.addProperty("id", urn);
        if (!m.altText().isBlank()) {
            o.addProperty("altText", m.altText());
        }
        return o;
    }

    private PublishResult confirmed(String accountId, String key, JsonObject post, Instant now) {
        String urn = Posts.string(post, "id");
        attempts.confirmed(accountId, key, urn);
        return Posts.result(urn, now, post);
    }

    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) throws PlatformException {
        try {
            Optional<Attempt> attempt = attempts.find(account.account().id(), idempotencyKey);
            if (attempt.isEmpty()) {
                // No attempt noted within the retention: LinkedIn answering for the account is all that can be checked.
                api.userinfo(account);
                return Optional.empty();
            }
            Attempt a = attempt.get();
            if (a.remoteId() != null) {
                PostLookup.Read read = lookup.read(account, a.remoteId());
                return switch (read.state()) {
                    case GONE -> Optional.empty();
                    case FOUND -> Optional.of(Posts.result(a.remoteId(), a.firstSentAt(), read.post()));
                    // LinkedIn answered with this URN itself; only its deletion since cannot be seen.
                    case FORBIDDEN -> Optional.of(new PublishResult(a.remoteId(), Posts.url(a.remoteId()),
                            a.firstSentAt()));
                };
            }
            PostLookup.Listing found = lookup.find(account, a.firstSentAt(), a.lastText(), a.mediaCount());
            if (found.forbidden()) {
                throw new OutcomeUnknownException("LinkedIn does not let this app list the posts of "
                        + account.account().handle() + " (that needs " + found.permission() + "), so whether the"
                        + " post with key " + idempotencyKey + " reached LinkedIn cannot be told; look at the"
                        + " profile or page", null);
            }
            if (found.post().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(confirmed(account.account().id(), idempotencyKey, found.post().get(),
                    api.settings().clock().instant()));
        } catch (RetryableException e) {
            // LinkedIn or the attempt journal could not answer: never "not there", which would send it again.
            throw new OutcomeUnknownException(e.getMessage(), e);
        }
    }

    @Override
    public void delete(String remoteId, AccountContext account) throws PlatformException {
        if (remoteId == null || !Posts.POST_URN.matcher(remoteId).matches()) {
            throw new RejectedException("LinkedIn: " + remoteId + " is not a post URN (urn:li:share:… or"
                    + " urn:li:ugcPost:…)");
        }
        Call call = Call.repeatableWrite("deleting post " + remoteId);
        HttpAnswer answer = api.send(account, b -> b.uri(api.uri(account, LinkedInConstants.POSTS_PATH + "/"
                + LinkedInApi.segment(remoteId))).header("X-RestLi-Method", "DELETE").DELETE().build(), call);
        if (answer.ok() || answer.status() == 404) {
            return; // gone already counts as deleted
        }
        throw api.failure(answer, call, account, WRITE_PERMISSION);
    }
}
