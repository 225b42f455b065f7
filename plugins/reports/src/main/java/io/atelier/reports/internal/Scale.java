package io.atelier.reports.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A value axis with round ticks (1, 2 or 5 times a power of ten) that covers the
 * figures, and the short labels of those ticks.
 *
 * @param low  the axis's bottom, a multiple of {@code step}
 * @param high the axis's top, a multiple of {@code step}
 * @param step the distance between two ticks
 */
record Scale(double low, double high, double step) {

    /** An axis over {@code min}..{@code max} with about {@code ticks} ticks. */
    static Scale covering(double min, double max, int ticks) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        if (min == max) {
            // one figure, or only zeros: a band around it, so the line or bar has somewhere to be
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min = min == 0 ? 0 : min - pad;
            max += pad;
        }
        double step = round((max - min) / Math.max(1, ticks - 1));
        double low = Math.floor(min / step) * step;
        double high = Math.ceil(max / step) * step;
        return new Scale(low, high, step);
    }

    /** The ticks from bottom to top. */
    double[] ticks() {
        int n = (int) Math.round((high - low) / step);
        double[] t = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            t[i] = low + i * step;
        }
        return t;
    }

    /** Where {@code value} falls, from 0 (bottom) to 1 (top). */
    double position(double value) {
        return (value - low) / (high - low);
    }

    /** A tick's label: as many decimals as the step needs, thousands as k and millions as M. */
    String label(double value) {
        return CompactNumber.format(value, step);
    }

    private static double round(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / power;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * power;
    }

    /** Short labels for figures in tight places (ticks, heatmap cells). */
    static final class CompactNumber {

        private CompactNumber() {
        }

        /** A tick's label: the decimals the step needs, the same for every tick; 10,000 and up as k, M, G. */
        static String format(double value, double step) {
            double abs = Math.abs(value);
            double unit = abs >= 1e9 ? 1e9 : abs >= 1e6 ? 1e6 : abs >= 1e4 ? 1e3 : 1;
            return fixed(value / unit, step / unit) + suffix(unit);
        }

        /** A figure in about five characters at most: {@code 0.07}, {@code 12.3}, {@code 1234}, {@code 12.3k}. */
        static String brief(double value) {
            double abs = Math.abs(value);
            if (abs < 1e4) {
                return stripped(value, abs < 10 ? 2 : abs < 100 ? 1 : 0);
            }
            double unit = abs >= 1e9 ? 1e9 : abs >= 1e6 ? 1e6 : 1e3;
            double q = value / unit;
            return stripped(q, Math.abs(q) < 100 ? 1 : 0) + suffix(unit);
        }

        private static String suffix(double unit) {
            return unit == 1e9 ? "G" : unit == 1e6 ? "M" : unit == 1e3 ? "k" : "";
        }

        private static String fixed(double value, double step) {
            int decimals = step >= 1 ? 0 : (int) Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
            return plain(BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP));
        }

        private static String stripped(double value, int decimals) {
            BigDecimal d = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
            return plain(d.scale() < 0 ? d.setScale(0) : d);
        }

        private static String plain(BigDecimal d) {
            String s = d.toPlainString();
            return d.signum() == 0 && s.startsWith("-") ? s.substring(1) : s;
        }
    }
}
