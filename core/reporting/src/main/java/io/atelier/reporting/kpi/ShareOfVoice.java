package io.atelier.reporting.kpi;

/**
 * The brand's share of the conversation: brand mentions / (brand + competitor
 * mentions) × 100. Meaningful only when brand and competitors are counted by the
 * same queries over the same sources.
 */
public final class ShareOfVoice {

    private ShareOfVoice() {
    }

    /** The brand's share of voice in percent. */
    public static KpiResult of(VoiceCounts counts) {
        long total = counts.brand();
        for (long c : counts.competitors().values()) {
            total = Math.addExact(total, c);
        }
        if (total == 0) {
            return new KpiResult.NotComputable(Kpi.SHARE_OF_VOICE, KpiResult.Reason.NO_DATA,
                    "no mention of the brand or of its " + counts.competitors().size() + " competitor(s)");
        }
        return new KpiResult.Value(Kpi.SHARE_OF_VOICE, Decimals.percent(counts.brand(), total), total, 0);
    }
}
