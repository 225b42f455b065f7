package io.atelier.platform.mastodon.internal;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AccountMetrics;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.AuthorizationGrant;
import io.atelier.api.platform.AuthorizationStart;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.CredentialKind;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Limits;
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
import io.atelier.api.platform.SignInPage;
import io.atelier.api.platform.SignedIn;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.api.storage.PluginStore;
import io.atelier.sdk.connector.attempts.Attempt;
import io.atelier.sdk.connector.attempts.AttemptJournal;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.json.Json;
import io.atelier.sdk.connector.post.ShortPost;

/**
 * Publishes to a Mastodon instance with an account's access token: statuses,
 * threads (each part answering the one before), media with alt text, replies to
 * mentions and deletes; reads the account's mentions and the counters of its
 * statuses. Texts are checked against the instance's own limits
 * ({@code GET /api/v2/instance}, cached per instance) counted as Mastodon counts
 * them ({@link StatusLength}).
 * <p>
 * Exactly once: every status is sent with an {@code Idempotency-Key} header
 * derived from the request's idempotency key (part <i>n</i> of a thread with
 * {@code key/n}), so the instance answers a repeated request within an hour
 * with the status it already made. Mastodon offers no lookup by that key, so
 * {@link #reconcile} relies on what was noted before sending, in the attempt
 * journal kept in the workbench's plugin store ({@link AttemptJournal}: every node
 * and every restart sees it), and finds the status among the account's own
 * ({@link StatusLookup}); see there and the README for its limits.
 */
@Component(service = PlatformConnector.class,
        property = PlatformConnector.PLATFORM_ID + "=" + MastodonConstants.PLATFORM_ID)
public class MastodonConnector implements PlatformConnector {

    static final PlatformInfo INFO = new PlatformInfo(
            MastodonConstants.PLATFORM_ID,
            MastodonConstants.PLATFORM_NAME,
            EnumSet.of(Capability.PUBLISH, Capability.THREAD, Capability.MEDIA, Capability.METRICS,
                    Capability.MENTIONS, Capability.REPLY, Capability.DELETE),
            // The defaults of a Mastodon 4 instance; validate() checks the account's own instance.
            new Limits(MastodonConstants.DEFAULT_MAX_CHARACTERS, LengthRule.CODE_POINTS_URLS_AS_23,
                    MastodonConstants.DEFAULT_MAX_MEDIA, MastodonConstants.DEFAULT_VIDEO_SIZE_LIMIT,
                    MastodonConstants.MEDIA_TYPES),
            // The person signs in on their own instance (the endpoint typed); nothing else is typed.
            new CredentialForm(CredentialKind.OAUTH2_PKCE, List.of(), true),
            // Mastodon allows 300 calls per account per 5 minutes (30 media uploads per 30 minutes).
            new RatePolicy(8, 1, 30));

    private static final Pattern REMOTE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final MastodonHttp http;
    private final InstanceConfigs configs;
    private final MediaUploads uploads;
    private final Mentions mentions;
    private final AttemptJournal attempts;
    private final StatusLookup lookup;
    private final MastodonSignIn signIns;

    /** The connector as the framework creates it: real HTTP with the default timeouts, attempts in {@code store}. */
    @Activate
    public MastodonConnector(@Reference PluginStore store) {
        this(MastodonSettings.defaults(), store);
    }

    MastodonConnector(MastodonSettings settings, PluginStore store) {
        this.http = new MastodonHttp(settings);
        this.configs = new InstanceConfigs(http);
        this.uploads = new MediaUploads(http);
        this.mentions = new Mentions(http);
        this.attempts = new AttemptJournal(store, settings.clock());
        this.lookup = new StatusLookup(http);
        this.signIns = new MastodonSignIn(http);
    }

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    // ------------------------------------------------------------------ validate

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        InstanceConfig config;
        String where;
        try {
            Instance instance = Instance.of(account.account());
            config = configs.of(instance);
            where = config.fromInstance() ? instance.host() : "Mastodon";
        } catch (AuthExpiredException noInstance) {
            config = InstanceConfig.DEFAULTS; // the account is reported when something is sent
            where = "Mastodon";
        }
        return problems(variant, config, where);
    }

    static List<Problem> problems(PostVariant variant, InstanceConfig config, String where) {
        return new ShortPost(where, "status", "media", config.maxMedia(),
                (field, text, withMedia) -> checkText(field, text, config, where),
                (field, index, m) -> checkMedium(field, index, m, config, where)).problems(variant);
    }

    private static List<Problem> checkText(String field, String text, InstanceConfig config, String where) {
        int length = StatusLength.count(text, config.charactersPerUrl());
        if (length > config.maxCharacters()) {
            return List.of(new Problem(field, field + " is " + length + " characters (each link counts "
                    + config.charactersPerUrl() + "); " + where + " allows " + config.maxCharacters()));
        }
        return List.of();
    }

    /** The instance's types, its size limit for the medium's type (images and videos differ) and alt-text limit. */
    private static List<Problem> checkMedium(String field, int index, Media m, InstanceConfig config, String where) {
        List<Problem> problems = new ArrayList<>();
        if (!config.accepts(m.mediaType())) {
            problems.add(new Problem(field, "media " + (index + 1) + " is " + m.mediaType() + ", which " + where
                    + " does not accept"));
        } else if (m.size() > config.sizeLimit(m.mediaType())) {
            problems.add(new Problem(field, "media " + (index + 1) + " is " + m.size() + " bytes; " + where
                    + " accepts " + m.mediaType() + " up to " + config.sizeLimit(m.mediaType()) + " bytes"));
        }
        int alt = m.altText().codePointCount(0, m.altText().length());
        if (alt > config.descriptionLimit()) {
            problems.add(new Problem(field, "the alt text of media " + (index + 1) + " is " + alt + " characters; "
                    + where + " allows " + config.descriptionLimit()));
        }
        return problems;
    }

    // ------------------------------------------------------------------ account

    @Override
    public void verify(AccountContext account) throws PlatformException {
        ownAccount(account, "verifying the account " + account.account().handle());
    }

    @Override
    public AccountMetrics accountMetrics(AccountContext account) throws PlatformException {
        JsonObject me = ownAccount(account, "reading the counters of " + account.account().handle());
        return new AccountMetrics(http.settings().clock().instant(), Statuses.count(me, "followers_count").orElse(0L),
                Statuses.count(me, "following_count").orElse(-1L), Statuses.count(me, "statuses_count").orElse(-1L));
    }

    /** Registers the workbench on the typed instance and gives its consent page ({@link MastodonSignIn}). */
    @Override
    public SignInPage beginSignIn(AuthorizationStart start) throws PlatformException {
        return signIns.begin(start);
    }

    /** Exchanges the code with the client registered at the start, then asks the instance who signed in. */
    @Override
    public SignedIn signIn(AuthorizationGrant grant) throws PlatformException {
        return signIns.finish(grant);
    }

    private JsonObject ownAccount(AccountContext account, String what) throws PlatformException {
        return http.require(http.get(account, "/api/v1/accounts/verify_credentials"),
                MastodonHttp.hiding(Call.read(what), account)).json();
    }

    // ------------------------------------------------------------------ publishing

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) throws PlatformException {
        Instance instance = Instance.of(account.account());
        MastodonHttp.token(account); // an account without a token fails before any medium is uploaded
        InstanceConfig config = configs.of(instance);
        PostVariant variant = request.variant();
        List<Problem> problems = problems(variant, config, config.fromInstance() ? instance.host() : "Mastodon");
        if (!problems.isEmpty()) {
            throw new RejectedException("post " + request.postId() + " cannot be published on Mastodon: "
                    + problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
        }
        List<String> parts = new ArrayList<>();
        parts.add(variant.text());
        parts.addAll(variant.thread());
        List<String> mediaIds = variant.media().isEmpty() ? List.of()
                : uploads.upload(request.postId(), variant.media(), account, config);
        JsonObject first = null;
        String previous = request.inReplyTo();
        for (int i = 0; i < parts.size(); i++) {
            String what = "publishing post " + request.postId()
                    + (parts.size() > 1 ? " (part " + (i + 1) + " of " + parts.size() + ")" : "");
            JsonObject status;
            try {
                status = sendStatus(account, partKey(request.idempotencyKey(), i), parts.get(i), previous,
                        i == 0 ? mediaIds : List.of(), null, what);
            } catch (RejectedException e) {
                if (first == null) {
                    throw e;
                }
                throw new RejectedException("post " + request.postId() + ": part " + (i + 1) + " of the thread was"
                        + " refused; the parts before it are published, the first at "
                        + Statuses.result(first, Instant.now()).url() + ". " + e.getMessage(), e);
            }
            if (first == null) {
                first = status;
            }
            previous = Statuses.string(status, "id");
        }
        return Statuses.result(first, http.settings().clock().instant());
    }

    /** The {@code Idempotency-Key} of part {@code index}: the request's key, then {@code key/1}, {@code key/2}… */
    static String partKey(String key, int index) {
        return index == 0 ? key : key + "/" + index;
    }

    /**
     * Sends one status with {@code Idempotency-Key: key}, noting the attempt first (a
     * journal that cannot be written stops the send: {@code RetryableException}). A
     * status the journal has for the key, and which still exists, is returned without
     * sending anything: a thread published again after a failure halfway does not
     * repeat its first parts, even past Mastodon's one hour.
     */
    private JsonObject sendStatus(AccountContext account, String key, String text, String inReplyTo,
            List<String> mediaIds, String visibility, String what) throws PlatformException {
        String accountId = account.account().id();
        Optional<Attempt> before = attempts.find(accountId, key);
        if (before.isPresent() && before.get().remoteId() != null) {
            Optional<JsonObject> existing = lookup.find(account, before.get());
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        JsonObject body = new JsonObject();
        body.addProperty("status", text);
        if (!mediaIds.isEmpty()) {
            JsonArray ids = new JsonArray();
            mediaIds.forEach(ids::add);
            body.add("media_ids", ids);
        }
        if (inReplyTo != null) {
            body.addProperty("in_reply_to_id", inReplyTo);
        }
        if (visibility != null) {
            body.addProperty("visibility", visibility);
        }
        HttpRequest post = http.request(Instance.of(account.account()), "/api/v1/statuses", MastodonHttp.token(account))
                .header("Content-Type", Json.MEDIA_TYPE)
                .header("Idempotency-Key", key)
                .POST(Json.body(body)).build();
        attempts.sending(accountId, key, text, inReplyTo, mediaIds.size());
        JsonObject status = http.require(post, MastodonHttp.hiding(Call.publish(what), account)).json();
        String id = Statuses.string(status, "id");
        if (id == null || id.isBlank()) {
            throw new OutcomeUnknownException("Mastodon answered " + what + " without a status id; look the status"
                    + " up before sending it again");
        }
        attempts.confirmed(accountId, key, id);
        return status;
    }

    /**
     * The status sent with {@code idempotencyKey}, found without creating anything:
     * <ul>
     * <li>noted in the journal (by this process, another node, or before a restart), answered: looked
     * up by its id (empty once deleted);</li>
     * <li>noted, no answer (a timeout, a dropped connection, a 5xx, a crash): found among the
     * account's statuses since the attempt by text, reply target and media count ({@link StatusLookup});</li>
     * <li>not noted within the journal's retention: empty, once the instance has answered for the
     * account (Mastodon offers no lookup by idempotency key).</li>
     * </ul>
     *
     * @throws OutcomeUnknownException when the instance or the journal cannot be asked now
     */
    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) throws PlatformException {
        try {
            Optional<Attempt> attempt = attempts.find(account.account().id(), idempotencyKey);
            if (attempt.isEmpty()) {
                // Nothing noted: the answer is empty, but only once the instance answers for the
                // account, so that an instance that cannot be reached never sends the post back to the queue.
                ownAccount(account, "reaching the account " + account.account().handle());
                return Optional.empty();
            }
            Optional<JsonObject> status = lookup.find(account, attempt.get());
            if (status.isEmpty()) {
                return Optional.empty();
            }
            if (attempt.get().remoteId() == null) {
                // Found after a lost answer: a later publish with the key takes it, even past the instance's hour.
                attempts.confirmed(account.account().id(), idempotencyKey, Statuses.string(status.get(), "id"));
            }
            return Optional.of(Statuses.result(status.get(), http.settings().clock().instant()));
        } catch (RetryableException e) {
            throw new OutcomeUnknownException("Mastodon cannot tell now whether the status with key " + idempotencyKey
                    + " exists: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ reading

    @Override
    public List<PostMetrics> metrics(List<String> remoteIds, AccountContext account) throws PlatformException {
        List<PostMetrics> out = new ArrayList<>();
        for (String id : remoteIds) {
            checkId(id);
            Call call = MastodonHttp.hiding(Call.read("reading the counters of status " + id), account);
            HttpAnswer answer = http.send(http.get(account, "/api/v1/statuses/" + MastodonHttp.segment(id)), call);
            if (answer.status() == 404) {
                continue; // deleted: nothing to count any more
            }
            if (!answer.ok()) {
                throw http.failure(answer, call);
            }
            JsonObject status = answer.json();
            Map<String, Long> values = new LinkedHashMap<>();
            Statuses.count(status, "favourites_count").ifPresent(v -> values.put(PostMetrics.LIKES, v));
            Statuses.count(status, "reblogs_count").ifPresent(v -> values.put(PostMetrics.SHARES, v));
            Statuses.count(status, "replies_count").ifPresent(v -> values.put(PostMetrics.REPLIES, v));
            Statuses.count(status, "quotes_count").ifPresent(v -> values.put(PostMetrics.QUOTES, v));
            out.add(new PostMetrics(id, http.settings().clock().instant(), values));
        }
        return out;
    }

    @Override
    public MentionPage mentions(String cursor, AccountContext account) throws PlatformException {
        return mentions.poll(cursor, account);
    }

    // ------------------------------------------------------------------ answering and deleting

    /**
     * Answers a status: {@code in_reply_to_id}, the author's {@code @acct} put first when the text does not
     * mention them already (as Mastodon's own apps do, so they are notified), and no wider visibility than
     * the status answered — a private mention is answered privately.
     */
    @Override
    public PublishResult reply(ReplyRequest request, AccountContext account) throws PlatformException {
        checkId(request.inReplyTo());
        Instance instance = Instance.of(account.account());
        Call read = MastodonHttp.hiding(Call.read("reading status " + request.inReplyTo() + " to answer it"), account);
        HttpAnswer answer = http.send(http.get(account, "/api/v1/statuses/"
                + MastodonHttp.segment(request.inReplyTo())), read);
        if (answer.status() == 404) {
            throw new RejectedException("the status answered, " + request.inReplyTo() + ", no longer exists on "
                    + instance.host());
        }
        if (!answer.ok()) {
            throw http.failure(answer, read);
        }
        JsonObject target = answer.json();
        JsonObject author = Statuses.object(target, "account");
        String me = Statuses.string(ownAccount(account, "reading the account " + account.account().handle()), "id");
        String text = request.text();
        String acct = Statuses.string(author, "acct");
        boolean self = Objects.equals(Statuses.string(author, "id"), me);
        if (acct != null && !acct.isBlank() && !self && !mentions(text, acct)) {
            text = "@" + acct + " " + text;
        }
        String visibility = Statuses.string(target, "visibility");
        visibility = "direct".equals(visibility) || "private".equals(visibility) ? visibility : null;
        InstanceConfig config = configs.of(instance);
        List<Problem> problems = problems(new PostVariant(account.account().id(), text, List.of(), List.of()), config,
                config.fromInstance() ? instance.host() : "Mastodon");
        if (!problems.isEmpty()) {
            throw new RejectedException("the answer to " + request.inReplyTo() + " cannot be sent: "
                    + problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
        }
        JsonObject status = sendStatus(account, request.idempotencyKey(), text, request.inReplyTo(), List.of(),
                visibility, "answering status " + request.inReplyTo());
        return Statuses.result(status, http.settings().clock().instant());
    }

    /** Whether {@code text} mentions {@code acct} already (any case, not as part of a longer name). */
    static boolean mentions(String text, String acct) {
        return Pattern.compile("(?<![\\w@])@" + Pattern.quote(acct) + "(?![\\w@.-]*\\w)",
                Pattern.CASE_INSENSITIVE).matcher(text).find();
    }

    @Override
    public void delete(String remoteId, AccountContext account) throws PlatformException {
        checkId(remoteId);
        Instance instance = Instance.of(account.account());
        Call call = MastodonHttp.hiding(Call.repeatableWrite("deleting status " + remoteId), account);
        HttpAnswer answer = http.send(http.request(instance, "/api/v1/statuses/" + MastodonHttp.segment(remoteId),
                MastodonHttp.token(account)).DELETE().build(), call);
        if (answer.status() == 404 || answer.ok()) {
            return; // 404: deleted already, or never this account's
        }
        throw http.failure(answer, call);
    }

    private static void checkId(String id) throws RejectedException {
        if (id == null || !REMOTE_ID.matcher(id).matches()) {
            throw new RejectedException("not a Mastodon status id: "
                    + (id == null ? "null" : id.length() > 70 ? id.length() + " characters" : id));
        }
    }

    @Override
    public String toString() {
        return "MastodonConnector[" + INFO.capabilities().stream().map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(",")) + "]";
    }
}
