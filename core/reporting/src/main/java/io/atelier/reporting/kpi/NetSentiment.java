package io.atelier.reporting.kpi;

/**
 * The balance of opinion in the mentions: (positive − negative) / mentions with a
 * sentiment × 100, from −100 (all negative) to 100 (all positive). Neutral mentions
 * count in the denominator; mentions without a sentiment are left out.
 */
public final class NetSentiment {

    private NetSentiment() {
    }

    /** The net sentiment in percent. */
    public static KpiResult of(SentimentCounts counts) {
        long rated = Math.addExact(Math.addExact(counts.positive(), counts.neutral()), counts.negative());
        if (rated == 0) {
            return new KpiResult.NotComputable(Kpi.NET_SENTIMENT, KpiResult.Reason.NO_DATA,
                    "no mention with a sentiment (" + Decimals.plural(counts.unrated(), "mention") + " without)");
        }
        return new KpiResult.Value(Kpi.NET_SENTIMENT,
                Decimals.percent(counts.positive() - counts.negative(), rated), rated, counts.unrated());
    }
}
