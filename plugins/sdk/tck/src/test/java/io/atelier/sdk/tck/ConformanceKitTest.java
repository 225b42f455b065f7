package io.atelier.sdk.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import io.atelier.api.post.Media;
import io.atelier.sdk.tck.RefnetConnector.Flaw;

/**
 * The kit tested on itself: it runs the conformance checks (through the JUnit
 * Platform, as a build would) against the reference connector and the reference
 * fake, first as written — every check passes — then with one flaw at a time,
 * and shows each flaw makes the checks that should catch it fail, and that a
 * missing hook is reported as skipped with its reason, never as passed.
 */
class ConformanceKitTest {

    /** What became of one check. */
    record Result(TestExecutionResult.Status status, String message) {
    }

    static final Map<Class<?>, RefnetFixture> FIXTURES = new ConcurrentHashMap<>();

    abstract static class Refnet extends ConnectorConformance {
        Set<Flaw> flaws() {
            return EnumSet.noneOf(Flaw.class);
        }

        boolean hooks() {
            return true;
        }

        Map<Check, String> notApplicable() {
            return Map.of();
        }

        boolean imageRequired() {
            return false;
        }

        List<Media> media() {
            return List.of();
        }

        @Override
        protected ConnectorFixture createFixture() throws Exception {
            RefnetFixture f = new RefnetFixture(flaws(), hooks(), notApplicable(), imageRequired(), media());
            FIXTURES.put(getClass(), f);
            return f;
        }
    }

    static class Conforming extends Refnet {
    }

    static class WithoutHooks extends Refnet {
        @Override
        boolean hooks() {
            return false;
        }

        @Override
        Map<Check, String> notApplicable() {
            return Map.of(Check.IDEMPOTENCY, "Refnet keeps no keys in this test");
        }
    }

    static class Duplicating extends Refnet {
        @Override
        Set<Flaw> flaws() {
            return EnumSet.of(Flaw.NO_IDEMPOTENCY_KEY);
        }
    }

    static class Sloppy extends Refnet {
        @Override
        Set<Flaw> flaws() {
            return EnumSet.of(Flaw.SLOPPY_ERRORS);
        }
    }

    static class HopefulReconcile extends Refnet {
        @Override
        Set<Flaw> flaws() {
            return EnumSet.of(Flaw.EMPTY_RECONCILE_ON_FAILURE);
        }
    }

    static class Leaky extends Refnet {
        @Override
        Set<Flaw> flaws() {
            return EnumSet.of(Flaw.LEAKS_TOKEN);
        }
    }

    static class Dishonest extends Refnet {
        @Override
        Set<Flaw> flaws() {
            return EnumSet.of(Flaw.LIES_ABOUT_DELETE, Flaw.UNDECLARED_METRICS, Flaw.NO_LENGTH_CHECK,
                    Flaw.MEDIA_WITHOUT_LIMITS);
        }
    }

    static class Patient extends Refnet {
        @Override
        Set<Flaw> flaws() {
            return EnumSet.of(Flaw.NO_TIMEOUT);
        }
    }

    static final Media PHOTO = new Media("med_tck_photo", "image/png", 1_500, "a photo");

    /** A network that takes no post without an image, and a fixture that gives the kit one. */
    static class ImageOnly extends Refnet {
        @Override
        boolean imageRequired() {
            return true;
        }

        @Override
        List<Media> media() {
            return List.of(PHOTO);
        }
    }

    static class ImageOnlyWithoutTheHook extends ImageOnly {
        @Override
        List<Media> media() {
            return List.of();
        }
    }

    static class ImageOnlyWithAMissingMedium extends ImageOnly {
        @Override
        List<Media> media() {
            return List.of(new Media("med_missing", "image/png", 10, ""));
        }
    }

    /** Runs {@code methods} of {@code kit} (all when none is named) and returns each check's result by method name. */
    private static Map<String, Result> run(Class<? extends Refnet> kit, String... methods) {
        DiscoverySelector[] selectors = methods.length == 0 ? new DiscoverySelector[] {selectClass(kit)}
                : Arrays.stream(methods).map(m -> selectMethod(kit, m)).toArray(DiscoverySelector[]::new);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        Map<String, Result> results = new TreeMap<>();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                name(id).ifPresent(n -> results.put(n, new Result(TestExecutionResult.Status.ABORTED, reason)));
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                name(id).ifPresent(n -> results.put(n, new Result(result.getStatus(),
                        result.getThrowable().map(Throwable::getMessage).orElse(""))));
            }

            private java.util.Optional<String> name(TestIdentifier id) {
                return id.getSource().filter(MethodSource.class::isInstance)
                        .map(s -> ((MethodSource) s).getMethodName());
            }
        });
        return results;
    }

    private static final List<String> ALL = List.of("infoIsWellFormed", "methodsOfUndeclaredCapabilitiesRefuseTheCall",
            "validateRefusesTextOverTheLimit", "validateRefusesTooManyMediaAndBadOnes",
            "aPublishedPostIsOnTheServerAndReconcileFindsIt", "theSameKeyTwiceMakesOnePost", "deleteRemovesThePost",
            "metricsHaveTheDocumentedShape", "mentionsHaveTheDocumentedShape", "unauthorizedNeedsReconnection",
            "forbiddenNeedsReconnectionOrRefusesTheContent", "rateLimitedCarriesTheRetryAfterSeconds",
            "rateLimitedCarriesTheWaitUntilTheRetryAfterDate", "unavailableWithRetryAfterIsRateLimited",
            "aServerErrorLeavesTheOutcomeUnknown", "aServerErrorAfterApplyingLeavesTheOutcomeUnknownAndReconcileFindsThePost",
            "aDroppedConnectionAfterSendingLeavesTheOutcomeUnknown", "noAnswerTimesOutAndLeavesTheOutcomeUnknown",
            "aRefusedConnectionIsRetryable", "reconcileThatCannotAskNeverAnswersEmpty",
            "reconcileOfAnUnreachableServerNeverAnswersEmpty");

    private static void assertStatus(Map<String, Result> results, TestExecutionResult.Status status, String... methods) {
        for (String m : methods) {
            Result r = results.get(m);
            assertTrue(r != null, m + " did not run: " + results.keySet());
            assertEquals(status, r.status(), m + ": " + r.message());
        }
    }

    @Test
    void aConformingConnectorPassesEveryCheck() {
        Map<String, Result> results = run(Conforming.class);
        assertEquals(new java.util.TreeSet<>(ALL), results.keySet(), "every check of the kit ran");
        assertEquals(Check.values().length, results.size(), "one test per check");
        assertStatus(results, TestExecutionResult.Status.SUCCESSFUL, ALL.toArray(String[]::new));
        // The fault checks left the server as they said: the forwarded publishes made one post each,
        // the refused ones none.
        RefnetServer server = FIXTURES.get(Conforming.class).server;
        assertEquals(1, server.withTextStarting("Atelier conformance server_error_after_applying ").size());
        assertEquals(1, server.withTextStarting("Atelier conformance dropped_after_sending ").size());
        assertEquals(1, server.withTextStarting("Atelier conformance no_answer ").size());
        assertEquals(0, server.withTextStarting("Atelier conformance server_error ").size());
        assertEquals(0, server.withTextStarting("Atelier conformance unauthorized ").size());
        assertEquals(0, server.withTextStarting("Atelier conformance rate_limited ").size());
    }

    @Test
    void checksWithoutTheirHookAreSkippedWithTheReasonNeverPassed() {
        Map<String, Result> results = run(WithoutHooks.class);
        List<String> faults = ALL.subList(9, ALL.size());
        for (String m : faults) {
            Result r = results.get(m);
            assertEquals(TestExecutionResult.Status.ABORTED, r.status(), m);
            assertTrue(r.message().contains("ConnectorFixture.accountThrough")
                    || r.message().contains("ConnectorFixture.publishRequest"), m + ": " + r.message());
        }
        assertEquals("Assumption failed: not applicable to this connector: Refnet keeps no keys in this test",
                results.get("theSameKeyTwiceMakesOnePost").message());
        assertStatus(results, TestExecutionResult.Status.ABORTED, "theSameKeyTwiceMakesOnePost");
        assertStatus(results, TestExecutionResult.Status.SUCCESSFUL, "aPublishedPostIsOnTheServerAndReconcileFindsIt",
                "deleteRemovesThePost");
    }

    @Test
    void aConnectorThatIgnoresTheKeyIsCaught() {
        Map<String, Result> results = run(Duplicating.class, "theSameKeyTwiceMakesOnePost",
                "aServerErrorAfterApplyingLeavesTheOutcomeUnknownAndReconcileFindsThePost",
                "aPublishedPostIsOnTheServerAndReconcileFindsIt");
        assertStatus(results, TestExecutionResult.Status.FAILED, "theSameKeyTwiceMakesOnePost",
                "aServerErrorAfterApplyingLeavesTheOutcomeUnknownAndReconcileFindsThePost",
                "aPublishedPostIsOnTheServerAndReconcileFindsIt");
        assertTrue(results.get("theSameKeyTwiceMakesOnePost").message().contains("made another post"),
                results.get("theSameKeyTwiceMakesOnePost").message());
    }

    @Test
    void untypedErrorsAreCaught() {
        Map<String, Result> results = run(Sloppy.class, "unauthorizedNeedsReconnection",
                "rateLimitedCarriesTheRetryAfterSeconds", "aServerErrorLeavesTheOutcomeUnknown",
                "aDroppedConnectionAfterSendingLeavesTheOutcomeUnknown", "aRefusedConnectionIsRetryable");
        assertStatus(results, TestExecutionResult.Status.FAILED, "unauthorizedNeedsReconnection",
                "rateLimitedCarriesTheRetryAfterSeconds", "aServerErrorLeavesTheOutcomeUnknown",
                "aDroppedConnectionAfterSendingLeavesTheOutcomeUnknown");
        assertTrue(results.get("aServerErrorLeavesTheOutcomeUnknown").message()
                .startsWith("a 500 to the publishing request must give OutcomeUnknownException, not RetryableException"),
                results.get("aServerErrorLeavesTheOutcomeUnknown").message());
        assertStatus(results, TestExecutionResult.Status.SUCCESSFUL, "aRefusedConnectionIsRetryable");
    }

    @Test
    void aReconcileThatAnswersEmptyWhenItCouldNotAskIsCaught() {
        Map<String, Result> results = run(HopefulReconcile.class, "reconcileThatCannotAskNeverAnswersEmpty",
                "reconcileOfAnUnreachableServerNeverAnswersEmpty");
        assertStatus(results, TestExecutionResult.Status.FAILED, "reconcileThatCannotAskNeverAnswersEmpty",
                "reconcileOfAnUnreachableServerNeverAnswersEmpty");
    }

    @Test
    void aCredentialInAMessageIsCaught() {
        Map<String, Result> results = run(Leaky.class, "unauthorizedNeedsReconnection", "forbiddenNeedsReconnectionOrRefusesTheContent");
        assertStatus(results, TestExecutionResult.Status.FAILED, "forbiddenNeedsReconnectionOrRefusesTheContent");
        assertTrue(results.get("forbiddenNeedsReconnectionOrRefusesTheContent").message()
                .startsWith("an exception message shows a credential of the account"),
                results.get("forbiddenNeedsReconnectionOrRefusesTheContent").message());
    }

    @Test
    void dishonestDeclarationsAreCaught() {
        Map<String, Result> results = run(Dishonest.class, "infoIsWellFormed", "methodsOfUndeclaredCapabilitiesRefuseTheCall",
                "validateRefusesTextOverTheLimit", "deleteRemovesThePost");
        assertStatus(results, TestExecutionResult.Status.FAILED, "infoIsWellFormed",
                "methodsOfUndeclaredCapabilitiesRefuseTheCall", "validateRefusesTextOverTheLimit", "deleteRemovesThePost");
        assertTrue(results.get("methodsOfUndeclaredCapabilitiesRefuseTheCall").message().contains("metrics succeeded"),
                results.get("methodsOfUndeclaredCapabilitiesRefuseTheCall").message());
        assertTrue(results.get("infoIsWellFormed").message().startsWith("MEDIA is declared but limits().maxMedia() is 0"),
                results.get("infoIsWellFormed").message());
    }

    @Test
    void aConnectorThatWaitsTooLongIsCaught() {
        Map<String, Result> results = run(Patient.class, "noAnswerTimesOutAndLeavesTheOutcomeUnknown");
        assertStatus(results, TestExecutionResult.Status.FAILED, "noAnswerTimesOutAndLeavesTheOutcomeUnknown");
        assertTrue(results.get("noAnswerTimesOutAndLeavesTheOutcomeUnknown").message().startsWith("the call did not"
                + " return within PT10S"), results.get("noAnswerTimesOutAndLeavesTheOutcomeUnknown").message());
    }

    @Test
    void everyPublishedPostCarriesTheFixturesMedia() {
        Map<String, Result> results = run(ImageOnly.class);
        assertStatus(results, TestExecutionResult.Status.SUCCESSFUL, ALL.toArray(String[]::new));
        // The forwarded publishes (publish, the same key twice, delete, metrics, the faults after
        // applying) reached the server with the image byte for byte; the refused ones passed only
        // because the connector, which sends nothing without an image, sent the request.
        List<RefnetServer.Post> posts = FIXTURES.get(ImageOnly.class).server.all();
        assertEquals(6, posts.size(), "posts left on the server: " + posts);
        byte[] photo = RefnetFixture.content(PHOTO);
        for (RefnetServer.Post p : posts) {
            assertEquals(1, p.media().size(), p.text());
            assertArrayEquals(photo, p.media().get(0), p.text());
        }
    }

    @Test
    void withoutTheHookAnImageOnlyNetworkFailsThePublishingChecksButNotTheLengthCheck() {
        Map<String, Result> results = run(ImageOnlyWithoutTheHook.class, "aPublishedPostIsOnTheServerAndReconcileFindsIt",
                "unauthorizedNeedsReconnection", "validateRefusesTextOverTheLimit");
        assertStatus(results, TestExecutionResult.Status.FAILED, "aPublishedPostIsOnTheServerAndReconcileFindsIt",
                "unauthorizedNeedsReconnection");
        assertTrue(results.get("aPublishedPostIsOnTheServerAndReconcileFindsIt").message()
                .contains("0 media from ConnectorFixture.publishedMedia) does not pass validate"),
                results.get("aPublishedPostIsOnTheServerAndReconcileFindsIt").message());
        assertStatus(results, TestExecutionResult.Status.SUCCESSFUL, "validateRefusesTextOverTheLimit");
    }

    @Test
    void aMediumTheAccountCannotReadIsTheFixturesMistake() {
        Map<String, Result> results = run(ImageOnlyWithAMissingMedium.class, "theSameKeyTwiceMakesOnePost");
        assertStatus(results, TestExecutionResult.Status.FAILED, "theSameKeyTwiceMakesOnePost");
        assertTrue(results.get("theSameKeyTwiceMakesOnePost").message().startsWith("medium med_missing of"
                + " ConnectorFixture.publishedMedia cannot be read through the fixture's account context"),
                results.get("theSameKeyTwiceMakesOnePost").message());
    }
}
