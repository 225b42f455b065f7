package io.atelier.reporting.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * The one place where KPI values are rounded: for display. Percentages get one
 * decimal, durations whole seconds (whole minutes from one hour on), counts are
 * whole and growth carries its sign; all rounding is half-up, the way people round
 * by hand (12.25 % shows as 12.3 %). A value that is not computable shows as
 * {@code n/a}; its reason is in {@link KpiResult.NotComputable#detail()}.
 */
public final class KpiFormat {

    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    private KpiFormat() {
    }

    /** The value for display in {@code locale}. */
    public static String format(KpiResult result, Locale locale) {
        if (!(result instanceof KpiResult.Value v)) {
            return "n/a";
        }
        BigDecimal amount = v.amount();
        switch (v.kpi().unit()) {
            case PERCENT -> {
                NumberFormat f = NumberFormat.getPercentInstance(locale);
                f.setMinimumFractionDigits(1);
                f.setMaximumFractionDigits(1);
                f.setRoundingMode(RoundingMode.HALF_UP);
                // DecimalFormat formats a BigDecimal exactly, without going through double.
                return f.format(amount.movePointLeft(2));
            }
            case COUNT -> {
                DecimalFormat f = (DecimalFormat) NumberFormat.getIntegerInstance(locale);
                f.setRoundingMode(RoundingMode.HALF_UP);
                if (v.kpi() == Kpi.AUDIENCE_GROWTH && amount.signum() > 0) {
                    f.setPositivePrefix("+");
                }
                return f.format(amount);
            }
            default -> {
                return duration(amount);
            }
        }
    }

    private static String duration(BigDecimal seconds) {
        long s = seconds.setScale(0, RoundingMode.HALF_UP).longValueExact();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + String.format(Locale.ROOT, "%02d", s % 60) + " s";
        }
        long minutes = seconds.divide(SIXTY, 0, RoundingMode.HALF_UP).longValueExact();
        return (minutes / 60) + " h " + String.format(Locale.ROOT, "%02d", minutes % 60) + " min";
    }
}
