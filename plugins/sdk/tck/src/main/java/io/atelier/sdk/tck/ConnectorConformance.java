package io.atelier.sdk.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AccountMetrics;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.CredentialKind;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.PostMetrics;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RateLimitedException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.ReplyRequest;
import io.atelier.api.platform.RetryableException;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;

/**
 * The conformance tests every platform connector runs. A plugin's test class
 * extends this one and returns its {@link ConnectorFixture} from
 * {@link #createFixture()}; JUnit then runs every check of {@link Check} against
 * the connector and the fixture's server:
 *
 * <pre>
 * class MyNetConformanceTest extends ConnectorConformance {
 *     protected ConnectorFixture createFixture() throws Exception {
 *         return new MyNetFixture(LocalServer.start());
 *     }
 * }
 * </pre>
 *
 * A check whose capability is not declared, whose fixture hook is absent, or
 * that the fixture declares not applicable is reported as skipped with the
 * reason. Every post the kit publishes carries a random run id in its text and
 * key, so runs against a server that keeps its data do not see each other, and the
 * fixture's {@link ConnectorFixture#publishedMedia} (none by default).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConnectorConformance {

    private static final Set<String> METRIC_KEYS = Set.of(PostMetrics.LIKES, PostMetrics.REPLIES, PostMetrics.SHARES,
            PostMetrics.QUOTES, PostMetrics.SAVES, PostMetrics.CLICKS, PostMetrics.IMPRESSIONS, PostMetrics.REACH);

    private ConnectorFixture fixture;
    private String run;
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tck-call");
        t.setDaemon(true);
        return t;
    });

    /** The fixture the checks run against; created once for the class, closed after its last check. */
    protected abstract ConnectorFixture createFixture() throws Exception;

    @BeforeAll
    final void openFixture() throws Exception {
        fixture = createFixture();
        byte[] b = new byte[5];
        new SecureRandom().nextBytes(b);
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x));
        }
        run = s.toString();
    }

    @AfterAll
    final void closeFixture() throws Exception {
        calls.shutdownNow();
        if (fixture != null) {
            fixture.close();
        }
    }

    // ---------------------------------------------------------------- declarations

    @Test
    void infoIsWellFormed() {
        applies(Check.INFO);
        PlatformConnector c = fixture.connector();
        PlatformInfo info = c.info();
        assertNotNull(info, "info() returned null");
        assertEquals(info, c.info(), "info() must be constant");
        assertFalse(info.name().isBlank(), "info().name() is blank");
        assertFalse(info.capabilities().isEmpty(), "info() declares no capability at all");
        Limits l = info.limits();
        boolean media = info.can(Capability.MEDIA);
        assertEquals(media, l.maxMedia() > 0, "MEDIA is " + (media ? "" : "not ") + "declared but limits().maxMedia() is "
                + l.maxMedia());
        if (media) {
            assertTrue(l.maxMediaBytes() > 0, "MEDIA is declared but limits().maxMediaBytes() is 0");
            assertFalse(l.mediaTypes().isEmpty(), "MEDIA is declared but limits().mediaTypes() is empty");
            for (String t : l.mediaTypes()) {
                assertTrue(t.matches("[a-z]+/[a-z0-9.+-]+"), "not a media type in limits().mediaTypes(): " + t);
            }
        }
        if (info.can(Capability.THREAD)) {
            assertTrue(info.can(Capability.PUBLISH), "THREAD is declared without PUBLISH");
        }
        if (info.can(Capability.REPLY)) {
            assertTrue(info.can(Capability.MENTIONS), "REPLY is declared without MENTIONS: there is nothing to answer");
        }
        CredentialForm form = info.credentials();
        if (form.kind() == CredentialKind.NONE) {
            assertTrue(form.fields().isEmpty(), "a form of kind NONE has no fields: " + form);
        } else if (!form.signIn()) {
            // Signing in on the network may need nothing typed (Mastodon: only the instance, the endpoint).
            assertFalse(form.fields().isEmpty(), "a form that is not NONE and does not sign in has fields: " + form);
        }
        Set<String> names = new HashSet<>();
        for (CredentialField f : form.fields()) {
            assertTrue(f.name().matches("[A-Za-z][A-Za-z0-9_.-]*"), "credential field name " + f.name());
            assertTrue(names.add(f.name()), "credential field " + f.name() + " appears twice");
            assertFalse(f.label().isBlank(), "credential field " + f.name() + " has no label");
        }
        if (Set.of(CredentialKind.APP_PASSWORD, CredentialKind.API_KEY, CredentialKind.WEBHOOK_URL).contains(form.kind())) {
            assertTrue(form.fields().stream().anyMatch(f -> f.secret() && f.required()),
                    form.kind() + " needs a required secret field (it is encrypted at rest and never shown)");
        }
        assertTrue(info.ratePolicy().accountConcurrency() <= info.ratePolicy().platformConcurrency(),
                "more calls per account than per platform: " + info.ratePolicy());
    }

    @Test
    void methodsOfUndeclaredCapabilitiesRefuseTheCall() throws Exception {
        applies(Check.UNDECLARED_METHODS);
        PlatformConnector c = fixture.connector();
        PlatformInfo info = c.info();
        AccountContext a = fixture.account();
        List<String> wrong = new ArrayList<>();
        if (!info.can(Capability.METRICS)) {
            refuses(wrong, "metrics", () -> c.metrics(List.of("tck-none"), a));
            refuses(wrong, "accountMetrics", () -> c.accountMetrics(a));
        }
        if (!info.can(Capability.MENTIONS)) {
            refuses(wrong, "mentions", () -> c.mentions(null, a));
        }
        if (!info.can(Capability.REPLY)) {
            refuses(wrong, "reply", () -> c.reply(new ReplyRequest(key("reply"), "tck-none", "tck"), a));
        }
        if (!info.can(Capability.DELETE)) {
            refuses(wrong, "delete", () -> {
                c.delete("tck-none", a);
                return null;
            });
        }
        assertEquals(List.of(), wrong, "methods of undeclared capabilities must throw UnsupportedOperationException"
                + " (declare the capability if the method works)");
    }

    private void refuses(List<String> wrong, String method, Callable<?> call) {
        Throwable t = outcome(call).failure;
        if (!(t instanceof UnsupportedOperationException)) {
            wrong.add(method + " " + (t == null ? "succeeded" : "threw " + t));
        }
    }

    // ---------------------------------------------------------------- validate

    @Test
    void validateRefusesTextOverTheLimit() {
        applies(Check.VALIDATE_TEXT);
        PlatformConnector c = fixture.connector();
        int max = c.info().limits().maxLength();
        Assumptions.assumeTrue(max > 0, "the connector declares no length limit (limits().maxLength() is 0)");
        AccountContext a = fixture.account();
        // Text only, even for a fixture with publishedMedia: only problems on 'text' count here, so a
        // network that also wants an image says so on 'media' without failing the length check.
        List<Problem> atLimit = c.validate(variant("a".repeat(max), List.of()), a);
        assertTrue(atLimit.stream().noneMatch(p -> p.field().equals("text")),
                "a text of exactly " + max + " characters is refused: " + atLimit);
        List<Problem> over = c.validate(variant("a".repeat(max + 1), List.of()), a);
        Optional<Problem> p = over.stream().filter(x -> x.field().equals("text")).findFirst();
        assertTrue(p.isPresent(), "a text of " + (max + 1) + " characters is not refused with a problem on field"
                + " 'text': " + over);
        assertTrue(p.get().message().contains(String.valueOf(max)), "the problem should say the limit (" + max + "): "
                + p.get().message());
    }

    @Test
    void validateRefusesTooManyMediaAndBadOnes() {
        applies(Check.VALIDATE_MEDIA);
        PlatformConnector c = fixture.connector();
        Limits l = c.info().limits();
        AccountContext a = fixture.account();
        if (l.maxMedia() == 0) {
            List<Problem> one = c.validate(variant("tck media", List.of(medium(0, "image/png", 1))), a);
            assertTrue(one.stream().anyMatch(x -> x.field().startsWith("media")),
                    "the connector accepts no media (maxMedia 0) but a medium passes validate: " + one);
            return;
        }
        String type = l.mediaTypes().stream().sorted().findFirst().orElseThrow();
        List<Media> allowed = new ArrayList<>();
        for (int i = 0; i < l.maxMedia(); i++) {
            allowed.add(medium(i, type, 1));
        }
        List<Problem> ok = c.validate(variant("tck media", allowed), a);
        assertTrue(ok.stream().noneMatch(x -> x.field().startsWith("media")), l.maxMedia() + " media of " + type
                + " are refused: " + ok);
        List<Media> tooMany = new ArrayList<>(allowed);
        tooMany.add(medium(l.maxMedia(), type, 1));
        List<Problem> many = c.validate(variant("tck media", tooMany), a);
        assertTrue(many.stream().anyMatch(x -> x.field().equals("media")), (l.maxMedia() + 1)
                + " media are not refused with a problem on field 'media': " + many);
        List<Problem> badType = c.validate(variant("tck media", List.of(medium(0, "application/x-tck", 1))), a);
        assertTrue(badType.stream().anyMatch(x -> x.field().startsWith("media")),
                "a medium of type application/x-tck is not refused: " + badType);
        List<Problem> big = c.validate(variant("tck media", List.of(medium(0, type, l.maxMediaBytes() + 1))), a);
        assertTrue(big.stream().anyMatch(x -> x.field().startsWith("media")),
                "a medium of " + (l.maxMediaBytes() + 1) + " bytes is not refused: " + big);
    }

    // ---------------------------------------------------------------- publishing

    @Test
    void aPublishedPostIsOnTheServerAndReconcileFindsIt() throws Exception {
        applies(Check.PUBLISH_RECONCILE);
        publishing();
        PlatformConnector c = fixture.connector();
        String key = key("publish");
        String text = text("publish");
        PublishResult r = publishOk(c, key, text);
        assertFalse(r.remoteId().isBlank(), "publish returned a blank remoteId");
        RemotePost onServer = exactlyOne(text);
        assertEquals(r.remoteId(), onServer.remoteId(), "publish returned another id than the server shows");
        Optional<PublishResult> found = value(() -> c.reconcile(key, fixture.account()), "reconcile");
        assertTrue(found.isPresent(), "reconcile does not find the post just published with key " + key);
        assertEquals(r.remoteId(), found.get().remoteId(), "reconcile found another post");
        assertEquals(Optional.empty(), value(() -> c.reconcile(key("never"), fixture.account()), "reconcile"),
                "reconcile of a key never published must be empty");
    }

    @Test
    void theSameKeyTwiceMakesOnePost() throws Exception {
        applies(Check.IDEMPOTENCY);
        publishing();
        PlatformConnector c = fixture.connector();
        String key = key("twice");
        String text = text("twice");
        PublishResult first = publishOk(c, key, text);
        PublishResult second = publishOk(fixture.connector(), key, text);
        assertEquals(first.remoteId(), second.remoteId(), "the second publish with the same key made another post");
        exactlyOne(text);
    }

    @Test
    void deleteRemovesThePost() throws Exception {
        applies(Check.DELETE);
        PlatformConnector c = fixture.connector();
        Assumptions.assumeTrue(c.info().can(Capability.DELETE), "the connector does not declare DELETE");
        publishing();
        String text = text("delete");
        PublishResult r = publishOk(c, key("delete"), text);
        exactlyOne(text);
        value(() -> {
            c.delete(r.remoteId(), fixture.account());
            return null;
        }, "delete");
        eventually(() -> fixture.postsWithText(text).isEmpty(), "the deleted post is still on the server");
        value(() -> {
            c.delete(r.remoteId(), fixture.account());
            return null;
        }, "deleting a post that is gone already (which must succeed)");
    }

    @Test
    void metricsHaveTheDocumentedShape() throws Exception {
        applies(Check.METRICS);
        PlatformConnector c = fixture.connector();
        Assumptions.assumeTrue(c.info().can(Capability.METRICS), "the connector does not declare METRICS");
        publishing();
        PublishResult r = publishOk(c, key("metrics"), text("metrics"));
        List<PostMetrics> m = value(() -> c.metrics(List.of(r.remoteId()), fixture.account()), "metrics");
        assertEquals(1, m.size(), "metrics of one post: " + m);
        PostMetrics pm = m.get(0);
        assertEquals(r.remoteId(), pm.remoteId());
        assertTrue(METRIC_KEYS.containsAll(pm.values().keySet()), "unknown metric keys " + pm.values().keySet()
                + "; use the constants of PostMetrics");
        pm.values().forEach((k, v) -> assertTrue(v >= 0, "metric " + k + " is negative: " + v));
        assertFalse(pm.measuredAt().isAfter(Instant.now().plus(Duration.ofMinutes(5))), "measuredAt is in the future");
        assertEquals(List.of(), value(() -> c.metrics(List.of(), fixture.account()), "metrics of no post"));
        AccountMetrics am = value(() -> c.accountMetrics(fixture.account()), "accountMetrics");
        assertTrue(am.followers() >= 0, "followers " + am.followers());
        assertTrue(am.following() >= -1 && am.posts() >= -1, "following/posts below -1: " + am);
    }

    @Test
    void mentionsHaveTheDocumentedShape() throws Exception {
        applies(Check.MENTIONS);
        PlatformConnector c = fixture.connector();
        Assumptions.assumeTrue(c.info().can(Capability.MENTIONS), "the connector does not declare MENTIONS");
        String id = c.info().id();
        MentionPage first = value(() -> c.mentions(null, fixture.account()), "mentions");
        assertNotNull(first, "mentions returned null");
        shape(first, id, new HashSet<>());
        String marker = text("mention");
        Assumptions.assumeTrue(fixture.mention(marker), "the fixture cannot make a mention (ConnectorFixture.mention)");
        Set<String> seen = new HashSet<>();
        first.mentions().forEach(m -> seen.add(m.id()));
        String[] cursor = {first.nextCursor()};
        boolean[] found = {false};
        eventually(() -> {
            MentionPage p = value(() -> c.mentions(cursor[0], fixture.account()), "mentions");
            shape(p, id, seen);
            found[0] |= p.mentions().stream().anyMatch(m -> m.text().contains(marker));
            cursor[0] = p.nextCursor() != null ? p.nextCursor() : cursor[0];
            return found[0];
        }, "the mention '" + marker + "' never came through mentions()");
        MentionPage after = value(() -> c.mentions(cursor[0], fixture.account()), "mentions");
        shape(after, id, seen);
    }

    private static void shape(MentionPage page, String platform, Set<String> seen) {
        for (Mention m : page.mentions()) {
            assertEquals(platform, m.source(), "a mention's source must be the platform id");
            assertTrue(seen.add(m.id()), "mention " + m.id() + " came twice: the cursor must move past it");
        }
    }

    // ---------------------------------------------------------------- faults

    @Test
    void unauthorizedNeedsReconnection() throws Exception {
        PlatformException e = publishThrough(Check.FAULT_UNAUTHORIZED, Fault.UNAUTHORIZED);
        isA(AuthExpiredException.class, e, "a 401");
        nothingPublished();
    }

    @Test
    void forbiddenNeedsReconnectionOrRefusesTheContent() throws Exception {
        PlatformException e = publishThrough(Check.FAULT_FORBIDDEN, Fault.FORBIDDEN);
        assertTrue(e instanceof AuthExpiredException || e instanceof RejectedException,
                "a 403 must give AuthExpiredException or RejectedException, not " + e);
        nothingPublished();
    }

    @Test
    void rateLimitedCarriesTheRetryAfterSeconds() throws Exception {
        PlatformException e = publishThrough(Check.FAULT_RATE_LIMITED, Fault.RATE_LIMITED);
        RateLimitedException r = isA(RateLimitedException.class, e, "a 429 with Retry-After: " + Fault.RETRY_AFTER_SECONDS);
        assertEquals(Duration.ofSeconds(Fault.RETRY_AFTER_SECONDS), r.retryAfter(), "the wait the network asked for");
        nothingPublished();
    }

    @Test
    void rateLimitedCarriesTheWaitUntilTheRetryAfterDate() throws Exception {
        PlatformException e = publishThrough(Check.FAULT_RATE_LIMITED_UNTIL_DATE, Fault.RATE_LIMITED_UNTIL_DATE);
        RateLimitedException r = isA(RateLimitedException.class, e, "a 429 with Retry-After as an HTTP date");
        long s = r.retryAfter().toSeconds();
        assertTrue(s >= Fault.RETRY_AFTER_DATE_SECONDS - 30 && s <= Fault.RETRY_AFTER_DATE_SECONDS,
                "Retry-After named a date " + Fault.RETRY_AFTER_DATE_SECONDS + " s after the answer's Date; the wait is "
                        + r.retryAfter());
        nothingPublished();
    }

    @Test
    void unavailableWithRetryAfterIsRateLimited() throws Exception {
        PlatformException e = publishThrough(Check.FAULT_UNAVAILABLE, Fault.UNAVAILABLE);
        RateLimitedException r = isA(RateLimitedException.class, e, "a 503 with Retry-After: " + Fault.RETRY_AFTER_SECONDS);
        assertEquals(Duration.ofSeconds(Fault.RETRY_AFTER_SECONDS), r.retryAfter());
        nothingPublished();
    }

    @Test
    void aServerErrorLeavesTheOutcomeUnknown() throws Exception {
        PlatformException e = publishThrough(Check.FAULT_SERVER_ERROR, Fault.SERVER_ERROR);
        isA(OutcomeUnknownException.class, e, "a 500 to the publishing request");
        reconcileFinds(false);
    }

    @Test
    void aServerErrorAfterApplyingLeavesTheOutcomeUnknownAndReconcileFindsThePost() throws Exception {
        PlatformException e = publishThrough(Check.FAULT_SERVER_ERROR_AFTER_APPLYING, Fault.SERVER_ERROR_AFTER_APPLYING);
        isA(OutcomeUnknownException.class, e, "a 500 after the server applied the publish");
        reconcileFinds(true);
    }

    @Test
    void aDroppedConnectionAfterSendingLeavesTheOutcomeUnknown() throws Exception {
        PlatformException e = publishThrough(Check.FAULT_DROPPED_AFTER_SENDING, Fault.DROPPED_AFTER_SENDING);
        isA(OutcomeUnknownException.class, e, "a connection reset after the server applied the publish");
        reconcileFinds(true);
    }

    @Test
    void noAnswerTimesOutAndLeavesTheOutcomeUnknown() throws Exception {
        PlatformException e = publishThrough(Check.FAULT_NO_ANSWER, Fault.NO_ANSWER);
        isA(OutcomeUnknownException.class, e, "no answer after the server applied the publish");
        reconcileFinds(true);
    }

    @Test
    void aRefusedConnectionIsRetryable() throws Exception {
        applies(Check.FAULT_CONNECTION_REFUSED);
        publishing();
        AccountContext through = through(closedEndpoint());
        PlatformConnector c = fixture.connector();
        current = new Attempt(key("refused"), text("refused"));
        PublishRequest request = request(current.key, current.text);
        Outcome<PublishResult> o = outcome(() -> c.publish(request, through));
        PlatformException e = platformFailure(o, "publishing to an endpoint where nothing listens");
        isA(RetryableException.class, e, "a refused connection");
        noSecrets(e, through);
        nothingPublished();
    }

    @Test
    void reconcileThatCannotAskNeverAnswersEmpty() throws Exception {
        applies(Check.RECONCILE_SERVER_ERROR);
        publishing();
        URI server = URI.create(endpointOf(fixture.account()));
        try (FaultProxy proxy = new FaultProxy(server, RequestMatcher.any(), Fault.SERVER_ERROR)) {
            AccountContext through = through(proxy.uri());
            PlatformConnector c = fixture.connector();
            Outcome<Optional<PublishResult>> o = outcome(() -> c.reconcile(key("reconcile-500"), through));
            PlatformException e = platformFailure(o, "reconcile against a server that answers 500 to everything");
            isA(OutcomeUnknownException.class, e, "reconcile that could not ask");
            noSecrets(e, through);
        }
    }

    @Test
    void reconcileOfAnUnreachableServerNeverAnswersEmpty() throws Exception {
        applies(Check.RECONCILE_UNREACHABLE);
        publishing();
        AccountContext through = through(closedEndpoint());
        PlatformConnector c = fixture.connector();
        Outcome<Optional<PublishResult>> o = outcome(() -> c.reconcile(key("reconcile-refused"), through));
        PlatformException e = platformFailure(o, "reconcile against an endpoint where nothing listens");
        // The core keeps the post waiting for reconciliation only on OutcomeUnknownException; a
        // RetryableException would send it back to the queue, to be published again blindly.
        isA(OutcomeUnknownException.class, e, "reconcile that could not reach the server");
    }

    // ---------------------------------------------------------------- machinery

    /** The key and text of the post a fault check tried to publish, for the checks that follow the fault. */
    private record Attempt(String key, String text) {
    }

    private Attempt current;

    private PlatformException publishThrough(Check check, Fault fault) throws Exception {
        applies(check);
        publishing();
        RequestMatcher matcher = fixture.publishRequest().orElse(null);
        Assumptions.assumeTrue(matcher != null, "the fixture names no publishing request"
                + " (ConnectorFixture.publishRequest), which the fault proxy needs to tamper with");
        URI server = URI.create(endpointOf(fixture.account()));
        try (FaultProxy proxy = new FaultProxy(server, matcher, fault)) {
            AccountContext through = through(proxy.uri());
            PlatformConnector c = fixture.connector();
            current = new Attempt(key(fault.name().toLowerCase(Locale.ROOT).replace('_', '-')),
                    text(fault.name().toLowerCase(Locale.ROOT)));
            PublishRequest request = request(current.key, current.text);
            Outcome<PublishResult> o = outcome(() -> c.publish(request, through));
            assertTrue(proxy.injected() > 0, "the connector never sent the publishing request " + matcher
                    + " through the proxy; requests seen: " + proxy.seen
                    + (o.failure != null ? "; it failed with " + o.failure : ""));
            PlatformException e = platformFailure(o, "publishing while the server " + describe(fault));
            noSecrets(e, through);
            return e;
        }
    }

    private static String describe(Fault f) {
        return switch (f) {
            case UNAUTHORIZED -> "answers 401";
            case FORBIDDEN -> "answers 403";
            case RATE_LIMITED -> "answers 429 with Retry-After in seconds";
            case RATE_LIMITED_UNTIL_DATE -> "answers 429 with Retry-After as a date";
            case UNAVAILABLE -> "answers 503 with Retry-After";
            case SERVER_ERROR -> "answers 500 without applying the request";
            case SERVER_ERROR_AFTER_APPLYING -> "applies the request and answers 500";
            case DROPPED_AFTER_SENDING -> "applies the request and drops the connection";
            case NO_ANSWER -> "applies the request and never answers";
        };
    }

    /** After a fault: reconcile (straight to the server) finds the post or nothing, and the server agrees. */
    private void reconcileFinds(boolean expected) throws Exception {
        PlatformConnector c = fixture.connector();
        Optional<PublishResult> found = value(() -> c.reconcile(current.key, fixture.account()), "reconcile");
        if (!expected) {
            assertEquals(Optional.empty(), found, "the server never received the post, yet reconcile finds one");
            nothingPublished();
            return;
        }
        assertTrue(found.isPresent(), "the server applied the publish, yet reconcile does not find it");
        RemotePost onServer = exactlyOne(current.text);
        assertEquals(onServer.remoteId(), found.get().remoteId(), "reconcile found another post than the server has");
        if (fixture.notApplicable(Check.IDEMPOTENCY).isEmpty()) {
            // What the core does when reconcile is not conclusive: publish again with the same key.
            PublishResult again = publishOk(fixture.connector(), current.key, current.text);
            assertEquals(onServer.remoteId(), again.remoteId(), "publishing again with the same key made another post");
            exactlyOne(current.text);
        }
    }

    private void nothingPublished() throws Exception {
        settle();
        assertEquals(List.of(), fixture.postsWithText(current.text), "the post must not be on the server");
    }

    private void applies(Check check) {
        Optional<String> reason = fixture.notApplicable(check);
        Assumptions.assumeTrue(reason.isEmpty(), () -> "not applicable to this connector: " + reason.orElse(""));
    }

    private void publishing() {
        Assumptions.assumeTrue(fixture.connector().info().can(Capability.PUBLISH), "the connector does not declare PUBLISH");
    }

    private AccountContext through(URI endpoint) {
        Optional<AccountContext> a = fixture.accountThrough(endpoint);
        Assumptions.assumeTrue(a.isPresent(), "the fixture cannot reach its network through another endpoint"
                + " (ConnectorFixture.accountThrough), which the fault checks need");
        return a.get();
    }

    private static String endpointOf(AccountContext a) {
        String e = a.account().endpoint();
        Assumptions.assumeTrue(e != null && !e.isBlank(), "the fixture's account names no endpoint to put the fault"
                + " proxy in front of");
        return e.replaceAll("/+$", "");
    }

    private static URI closedEndpoint() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
    }

    private PublishResult publishOk(PlatformConnector c, String key, String text) throws Exception {
        PostVariant v = variant(text, publishedMedia());
        List<Problem> problems = c.validate(v, fixture.account());
        assertEquals(List.of(), problems, "the kit's own post (" + text.length() + " characters of text, "
                + v.media().size() + " media from ConnectorFixture.publishedMedia) does not pass validate");
        PublishResult r = value(() -> c.publish(new PublishRequest(key, "post_tck", v, null), fixture.account()), "publish");
        assertNotNull(r, "publish returned null");
        return r;
    }

    private RemotePost exactlyOne(String text) throws Exception {
        eventually(() -> !fixture.postsWithText(text).isEmpty(), "the post '" + text + "' is not on the server");
        settle();
        List<RemotePost> posts = fixture.postsWithText(text);
        assertEquals(1, posts.size(), "the server holds " + posts.size() + " posts with the text '" + text + "': "
                + posts);
        return posts.get(0);
    }

    private void settle() throws InterruptedException {
        if (!fixture.settle().isZero()) {
            Thread.sleep(fixture.settle().toMillis());
        }
    }

    private void eventually(Callable<Boolean> condition, String message) throws Exception {
        Instant deadline = Instant.now().plus(fixture.settle()).plusSeconds(2);
        while (!condition.call()) {
            if (Instant.now().isAfter(deadline)) {
                fail(message + " (waited " + fixture.settle().plusSeconds(2).toSeconds() + " s)");
            }
            Thread.sleep(100);
        }
    }

    private PublishRequest request(String key, String text) {
        return new PublishRequest(key, "post_tck", variant(text, publishedMedia()), null);
    }

    private List<Media> published;

    /**
     * The fixture's {@link ConnectorFixture#publishedMedia}, each read once through its account
     * context first: a medium the connector cannot read would fail every publishing check with
     * the connector's message, not the fixture's mistake.
     */
    private List<Media> publishedMedia() {
        if (published == null) {
            List<Media> media = List.copyOf(Objects.requireNonNull(fixture.publishedMedia(),
                    "ConnectorFixture.publishedMedia returned null"));
            for (Media m : media) {
                byte[] content;
                try {
                    content = fixture.account().media(m);
                } catch (IOException e) {
                    throw new AssertionError("medium " + m.id() + " of ConnectorFixture.publishedMedia cannot be read"
                            + " through the fixture's account context (AccountContext.media): " + e.getMessage(), e);
                }
                assertEquals(m.size(), content.length, "medium " + m.id() + " of ConnectorFixture.publishedMedia"
                        + " states another size than its content read through the account context");
            }
            published = media;
        }
        return published;
    }

    private PostVariant variant(String text, List<Media> media) {
        return new PostVariant(fixture.account().account().id(), text, media, List.of());
    }

    private static Media medium(int i, String type, long size) {
        return new Media("med_tck" + i, type, size, "conformance kit medium " + i);
    }

    /** A key unique to this run: at most 64 characters of [A-Za-z0-9_-]. */
    private String key(String label) {
        String k = "tck-" + run + "-" + label.replaceAll("[^A-Za-z0-9_-]", "-");
        return k.length() > 64 ? k.substring(0, 64) : k;
    }

    /** A text unique to this run, within the connector's length limit. */
    private String text(String label) {
        String t = "Atelier conformance " + label + " " + run;
        int max = fixture.connector().info().limits().maxLength();
        if (max == 0 || t.length() <= max) {
            return t;
        }
        String shorter = run + " " + label;
        return shorter.substring(0, Math.min(max, shorter.length()));
    }

    private static <T extends PlatformException> T isA(Class<T> type, PlatformException e, String what) {
        if (!type.isInstance(e)) {
            fail(what + " must give " + type.getSimpleName() + ", not " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        }
        return type.cast(e);
    }

    /** Neither the message nor any cause's message shows a secret the account holds. */
    private void noSecrets(Throwable e, AccountContext account) {
        Set<String> secrets = new HashSet<>();
        for (AccountContext a : List.of(account, fixture.account())) {
            Set<String> secretFields = new HashSet<>();
            fixture.connector().info().credentials().fields().stream().filter(CredentialField::secret)
                    .forEach(f -> secretFields.add(f.name()));
            a.credentials().asMap().forEach((name, value) -> {
                String n = name.toLowerCase(Locale.ROOT);
                if ((secretFields.contains(name) || n.contains("password") || n.contains("secret") || n.contains("token")
                        || n.contains("jwt") || n.endsWith("key")) && value != null && value.length() >= 6) {
                    secrets.add(value);
                }
            });
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t.toString();
            for (String s : secrets) {
                assertFalse(text.contains(s), "an exception message shows a credential of the account: " + t.getClass()
                        .getSimpleName());
            }
        }
    }

    /** What a call gave: its value or what it threw. */
    private record Outcome<T>(T value, Throwable failure) {
    }

    /** Runs {@code call} on a thread of the kit, failing the check if it outlives {@link ConnectorFixture#callLimit}. */
    private <T> Outcome<T> outcome(Callable<T> call) {
        Future<T> f = calls.submit(call);
        try {
            return new Outcome<>(f.get(fixture.callLimit().toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (ExecutionException e) {
            return new Outcome<>(null, e.getCause());
        } catch (TimeoutException e) {
            f.cancel(true);
            return fail("the call did not return within " + fixture.callLimit() + ": a connector must time out on its"
                    + " own and honour interruption");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    private <T> T value(Callable<T> call, String what) throws Exception {
        Outcome<T> o = outcome(call);
        if (o.failure != null) {
            if (o.failure instanceof Exception ex) {
                throw new AssertionError(what + " failed: " + ex, ex);
            }
            throw new AssertionError(what + " failed: " + o.failure, o.failure);
        }
        return o.value;
    }

    private static PlatformException platformFailure(Outcome<?> o, String what) {
        if (o.failure == null) {
            return fail(what + " succeeded: it must throw a typed PlatformException");
        }
        if (!(o.failure instanceof PlatformException p)) {
            return fail(what + " threw " + o.failure + "; it must throw a typed PlatformException", o.failure);
        }
        return p;
    }

    /** The fixture, for subclasses that add checks of their own. */
    protected final ConnectorFixture fixture() {
        return fixture;
    }
}
