package io.atelier.api.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class PlatformInfoTest {

    private static PlatformInfo info(String id) {
        return new PlatformInfo(id, "Name", EnumSet.of(Capability.PUBLISH, Capability.DELETE),
                Limits.textOnly(300, LengthRule.GRAPHEMES), CredentialForm.none(), RatePolicy.DEFAULT);
    }

    @Test
    void acceptsLowerCaseIdsAndAnswersCapabilities() {
        PlatformInfo bluesky = info("bluesky");
        assertTrue(bluesky.can(Capability.PUBLISH));
        assertFalse(bluesky.can(Capability.METRICS));
    }

    @Test
    void refusesIdsThatCannotBeUsedInUrls() {
        for (String bad : List.of("", "Bluesky", "blue sky", "../x", "-x")) {
            assertThrows(IllegalArgumentException.class, () -> info(bad), bad);
        }
    }

    @Test
    void capabilitiesAreACopy() {
        EnumSet<Capability> caps = EnumSet.of(Capability.PUBLISH);
        PlatformInfo p = new PlatformInfo("x", "X", caps, Limits.textOnly(10, LengthRule.CODE_POINTS),
                CredentialForm.none(), RatePolicy.DEFAULT);
        caps.add(Capability.METRICS);
        assertFalse(p.can(Capability.METRICS));
    }

    @Test
    void errorTypesTellWhetherARetryIsSafe() {
        assertTrue(new RetryableException("refused").safeToRetry());
        assertTrue(new RateLimitedException("429", Duration.ofSeconds(30)).safeToRetry());
        assertFalse(new OutcomeUnknownException("timeout after send").safeToRetry());
        assertFalse(new AuthExpiredException("401").safeToRetry());
        assertFalse(new RejectedException("too long").safeToRetry());
        assertEquals(Duration.ofSeconds(30), new RateLimitedException("429", Duration.ofSeconds(30)).retryAfter());
    }

    @Test
    void idempotencyKeysAreBoundedAndUrlSafe() {
        var variant = new io.atelier.api.post.PostVariant("acc_1", "hello", null, null);
        new PublishRequest("post_1-acc_1", "post_1", variant, null);
        assertThrows(IllegalArgumentException.class, () -> new PublishRequest("a/b", "post_1", variant, null));
        assertThrows(IllegalArgumentException.class, () -> new PublishRequest("k".repeat(65), "post_1", variant, null));
    }
}
