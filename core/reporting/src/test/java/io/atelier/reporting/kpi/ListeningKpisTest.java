package io.atelier.reporting.kpi;

import static io.atelier.reporting.kpi.Fixtures.assertNotComputable;
import static io.atelier.reporting.kpi.Fixtures.assertValue;
import static io.atelier.reporting.kpi.Fixtures.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atelier.api.monitoring.Mention;
import io.atelier.reporting.kpi.KpiResult.Reason;

class ListeningKpisTest {

    @Test
    void shareOfVoiceIsTheBrandsShareOfAllMentions() {
        // 120 / (120 + 200 + 80) = 120 / 400 × 100 = 30
        assertValue("30", 400, 0, ShareOfVoice.of(new VoiceCounts(120, Map.of("rival", 200L, "other", 80L))));
        // no competitor: 5 / 5 × 100 = 100
        assertValue("100", 5, 0, ShareOfVoice.of(new VoiceCounts(5, Map.of())));
        // brand silent, competitor heard: 0 / 7 → a real 0
        assertValue("0", 7, 0, ShareOfVoice.of(new VoiceCounts(0, Map.of("rival", 7L))));
    }

    @Test
    void shareOfVoiceWithoutAnyMentionIsNotComputable() {
        assertNotComputable(Reason.NO_DATA, ShareOfVoice.of(new VoiceCounts(0, Map.of("rival", 0L))));
    }

    @Test
    void badVoiceCountsNameTheField() {
        assertEquals("competitors.rival is -2, must be a count of at least 0",
                assertThrows(IllegalArgumentException.class,
                        () -> new VoiceCounts(1, Map.of("rival", -2L))).getMessage());
    }

    @Test
    void netSentimentCountsNeutralInTheDenominatorAndLeavesUnratedOut() {
        // (30 − 12) / (30 + 18 + 12) = 18 / 60 × 100 = 30 ; 7 unrated excluded
        assertValue("30", 60, 7, NetSentiment.of(new SentimentCounts(30, 18, 12, 7)));
        // more negative than positive: (2 − 6) / (2 + 0 + 6) = −4 / 8 × 100 = −50
        assertValue("-50", 8, 0, NetSentiment.of(new SentimentCounts(2, 0, 6, 0)));
    }

    @Test
    void netSentimentWithoutRatedMentionsIsNotComputable() {
        assertNotComputable(Reason.NO_DATA, NetSentiment.of(new SentimentCounts(0, 0, 0, 4)));
    }

    @Test
    void sentimentCountsReadTheEnrichersAnnotation() {
        List<Mention> mentions = List.of(mention("1", "positive"), mention("2", "positive"), mention("3", "negative"),
                mention("4", "neutral"), mention("5", null), mention("6", "unknown"));
        SentimentCounts c = SentimentCounts.of(mentions);
        assertEquals(new SentimentCounts(2, 1, 1, 2), c);
        // (2 − 1) / 4 × 100 = 25 ; 2 unrated
        assertValue("25", 4, 2, NetSentiment.of(c));
    }

    private static Mention mention(String id, String sentiment) {
        return new Mention(id, "bluesky", null, "someone", "text " + id, t("2026-03-02T10:00:00Z"), null,
                sentiment == null ? Map.of() : Map.of(Mention.SENTIMENT, sentiment));
    }
}
