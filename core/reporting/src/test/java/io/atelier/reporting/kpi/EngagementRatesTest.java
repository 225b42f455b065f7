package io.atelier.reporting.kpi;

import static io.atelier.reporting.kpi.Fixtures.assertNotComputable;
import static io.atelier.reporting.kpi.Fixtures.assertValue;
import static io.atelier.reporting.kpi.Fixtures.post;
import static io.atelier.reporting.kpi.Fixtures.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.PostMetrics;
import io.atelier.reporting.kpi.KpiResult.Reason;

class EngagementRatesTest {

    // An Instagram-like network: reach, impressions (views) and saves, no clicks.
    private static final PostStats IG_1 = post("ig1", "2026-03-03T10:00:00Z", Map.of(PostMetrics.LIKES, 90L,
            PostMetrics.REPLIES, 6L, PostMetrics.SHARES, 4L, PostMetrics.SAVES, 20L, PostMetrics.REACH, 1500L,
            PostMetrics.IMPRESSIONS, 2400L));
    private static final PostStats IG_2 = post("ig2", "2026-03-10T10:00:00Z", Map.of(PostMetrics.LIKES, 30L,
            PostMetrics.REPLIES, 2L, PostMetrics.SHARES, 1L, PostMetrics.SAVES, 7L, PostMetrics.REACH, 800L,
            PostMetrics.IMPRESSIONS, 1000L));
    // A Bluesky-like network: likes, reposts, replies, quotes; no reach, no impressions.
    private static final PostStats BSKY_1 = post("bsky1", "2026-03-05T09:00:00Z", Map.of(PostMetrics.LIKES, 12L,
            PostMetrics.SHARES, 3L, PostMetrics.REPLIES, 5L, PostMetrics.QUOTES, 0L));
    private static final PostStats BSKY_2 = post("bsky2", "2026-03-10T00:00:00Z", Map.of(PostMetrics.LIKES, 7L,
            PostMetrics.REPLIES, 1L, PostMetrics.SHARES, 2L));

    @Test
    void engagementsAddEveryReportedCounterAndNothingForAbsentOnes() {
        // X-like post: 40 likes + 4 replies + 6 reposts + 2 quotes + 3 bookmarks + 25 link clicks = 80
        PostStats x = post("x1", "2026-03-02T08:00:00Z", Map.of(PostMetrics.LIKES, 40L, PostMetrics.REPLIES, 4L,
                PostMetrics.SHARES, 6L, PostMetrics.QUOTES, 2L, PostMetrics.SAVES, 3L, PostMetrics.CLICKS, 25L,
                PostMetrics.IMPRESSIONS, 3200L));
        assertEquals(OptionalLong.of(80), EngagementRates.engagements(x));
        // 12 + 3 + 5 + 0 = 20
        assertEquals(OptionalLong.of(20), EngagementRates.engagements(BSKY_1));
        // Only reach reported: engagements unknown, not 0.
        PostStats onlyReach = post("r", "2026-03-02T08:00:00Z", Map.of(PostMetrics.REACH, 10L));
        assertTrue(EngagementRates.engagements(onlyReach).isEmpty());
    }

    @Test
    void rateByReachIsTheMeanOfPerPostRates() {
        // ig1: (90+6+4+20) = 120 / 1500 × 100 = 8 ; ig2: (30+2+1+7) = 40 / 800 × 100 = 5 ; mean (8+5)/2 = 6.5
        assertValue("6.5", 2, 0, EngagementRates.byReach(List.of(IG_1, IG_2)));
    }

    @Test
    void rateByImpressionsIsTheMeanOfPerPostRates() {
        // ig1: 120 / 2400 × 100 = 5 ; ig2: 40 / 1000 × 100 = 4 ; mean (5+4)/2 = 4.5
        assertValue("4.5", 2, 0, EngagementRates.byImpressions(List.of(IG_1, IG_2)));
    }

    @Test
    void aNetworkWithoutImpressionsOrReachIsNotComputableNotZero() {
        KpiResult byImpressions = EngagementRates.byImpressions(List.of(BSKY_1, BSKY_2));
        assertTrue(assertNotComputable(Reason.NOT_REPORTED, byImpressions).detail()
                .contains("2 posts without impressions"));
        assertNotComputable(Reason.NOT_REPORTED, EngagementRates.byReach(List.of(BSKY_1, BSKY_2)));
    }

    @Test
    void anXPostHasImpressionsButNoReach() {
        PostStats x = post("x1", "2026-03-02T08:00:00Z", Map.of(PostMetrics.LIKES, 40L, PostMetrics.REPLIES, 4L,
                PostMetrics.SHARES, 6L, PostMetrics.QUOTES, 2L, PostMetrics.SAVES, 3L, PostMetrics.CLICKS, 25L,
                PostMetrics.IMPRESSIONS, 3200L));
        // 80 / 3200 × 100 = 2.5
        assertValue("2.5", 1, 0, EngagementRates.byImpressions(List.of(x)));
        assertNotComputable(Reason.NOT_REPORTED, EngagementRates.byReach(List.of(x)));
    }

    @Test
    void postsWithoutReachAreLeftOutOfAMixedSetAndCounted() {
        // Only ig1 and ig2 have reach: (8 + 5) / 2 = 6.5, bsky1 excluded.
        assertValue("6.5", 2, 1, EngagementRates.byReach(List.of(IG_1, BSKY_1, IG_2)));
    }

    @Test
    void zeroReachIsLeftOutAndAloneIsAZeroDenominator() {
        PostStats justPublished = post("new", "2026-03-31T23:59:00Z",
                Map.of(PostMetrics.LIKES, 0L, PostMetrics.REACH, 0L, PostMetrics.IMPRESSIONS, 0L));
        // ig1 alone: 8 ; the zero-reach post excluded.
        assertValue("8", 1, 1, EngagementRates.byReach(List.of(IG_1, justPublished)));
        KpiResult alone = EngagementRates.byReach(List.of(justPublished));
        assertTrue(assertNotComputable(Reason.ZERO_DENOMINATOR, alone).detail().contains("reach is 0 for 1 post"));
    }

    @Test
    void aPeriodWithoutPostsHasNoRate() {
        assertNotComputable(Reason.NO_DATA, EngagementRates.byReach(List.of()));
        assertNotComputable(Reason.NO_DATA, EngagementRates.byImpressions(List.of()));
        assertNotComputable(Reason.NO_DATA, EngagementRates.byFollowers(List.of(), new FollowerHistory(List.of())));
    }

    @Test
    void rateByFollowersUsesTheCountAsOfEachPublication() {
        FollowerHistory history = new FollowerHistory(List.of(new FollowerCount(t("2026-03-10T00:00:00Z"), 500),
                new FollowerCount(t("2026-03-01T00:00:00Z"), 400)));
        // bsky1 published 03-05: count of 03-01 = 400 → 20 / 400 × 100 = 5
        // bsky2 published 03-10T00:00 exactly: count of that instant = 500 → 10 / 500 × 100 = 2
        // mean (5 + 2) / 2 = 3.5
        assertValue("3.5", 2, 0, EngagementRates.byFollowers(List.of(BSKY_1, BSKY_2), history));
    }

    @Test
    void aPostPublishedBeforeTheFirstCountIsLeftOut() {
        FollowerHistory history = new FollowerHistory(List.of(new FollowerCount(t("2026-03-01T00:00:00Z"), 400)));
        PostStats early = post("early", "2026-02-20T12:00:00Z", Map.of(PostMetrics.LIKES, 4L));
        // bsky1: 20 / 400 × 100 = 5 ; early excluded
        assertValue("5", 1, 1, EngagementRates.byFollowers(List.of(early, BSKY_1), history));
        assertNotComputable(Reason.NO_DATA, EngagementRates.byFollowers(List.of(early), history));
    }

    @Test
    void zeroFollowersIsAZeroDenominator() {
        FollowerHistory none = new FollowerHistory(List.of(new FollowerCount(t("2026-03-01T00:00:00Z"), 0)));
        assertNotComputable(Reason.ZERO_DENOMINATOR, EngagementRates.byFollowers(List.of(BSKY_1), none));
    }

    @Test
    void aNonTerminatingQuotientIsKeptTo34DigitsAndAveragesBackExactly() {
        PostStats third = post("a", "2026-03-02T08:00:00Z", Map.of(PostMetrics.LIKES, 1L, PostMetrics.REACH, 3L));
        PostStats twoThirds = post("b", "2026-03-02T09:00:00Z", Map.of(PostMetrics.LIKES, 2L, PostMetrics.REACH, 3L));
        // 1/3 × 100 = 33.33333333333333333333333333333333 (34 digits)
        assertValue("33.33333333333333333333333333333333", 1, 0, EngagementRates.byReach(List.of(third)));
        // 33.33…33 + 66.66…67 = 100.00…00 ; / 2 = 50
        assertValue("50", 2, 0, EngagementRates.byReach(List.of(third, twoThirds)));
    }

    @Test
    void aNegativeCounterIsRefusedNamingThePostAndTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> post("p9", "2026-03-02T08:00:00Z", Map.of(PostMetrics.LIKES, -3L)));
        assertEquals("post p9: likes is -3, a counter cannot be negative", e.getMessage());
    }

    @Test
    void countersTheFormulasDoNotUseAreIgnored() {
        PostStats p = post("v", "2026-03-02T08:00:00Z", Map.of("views", 999L, PostMetrics.LIKES, 5L));
        assertEquals(OptionalLong.of(5), EngagementRates.engagements(p));
        assertTrue(p.impressions().isEmpty());
    }

    @Test
    void severalAccountsAreEachReadAgainstTheirOwnFollowersAndEveryPostWeighsTheSame() {
        // IG: 400 followers from 1 March. IG_1: 90 + 6 + 4 + 20 = 120 → 30 %; IG_2: 30 + 2 + 1 + 7 = 40 → 10 %.
        // Bluesky: 50 followers from 1 March. BSKY_1: 12 + 3 + 5 + 0 = 20 → 40 %; BSKY_2: 7 + 1 + 2 = 10 → 20 %.
        // Mean over the four posts: (30 + 10 + 40 + 20) / 4 = 25 %. A third account without any count leaves its post out.
        Map<String, List<PostStats>> posts = new java.util.LinkedHashMap<>();
        posts.put("ig", List.of(IG_1, IG_2));
        posts.put("bsky", List.of(BSKY_1, BSKY_2));
        posts.put("new", List.of(post("n1", "2026-03-10T00:00:00Z", Map.of(PostMetrics.LIKES, 1L))));
        Map<String, FollowerHistory> followers = Map.of(
                "ig", new FollowerHistory(List.of(new FollowerCount(t("2026-03-01T00:00:00Z"), 400))),
                "bsky", new FollowerHistory(List.of(new FollowerCount(t("2026-03-01T00:00:00Z"), 50))));
        KpiResult.Value rate = (KpiResult.Value) EngagementRates.byFollowers(posts, followers);
        assertEquals(0, new java.math.BigDecimal("25").compareTo(rate.amount()), rate.amount().toPlainString());
        assertEquals(4, rate.basis());
        assertEquals(1, rate.excluded());
        assertNotComputable(Reason.NO_DATA, EngagementRates.byFollowers(Map.of("new", posts.get("new")), followers));
    }
}
