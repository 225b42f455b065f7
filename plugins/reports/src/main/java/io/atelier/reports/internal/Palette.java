package io.atelier.reports.internal;

import java.awt.Color;

/**
 * The colours of charts: one per series, from the Okabe–Ito set that people with
 * the common colour-vision deficiencies can tell apart, and a sequential blue
 * scale for heatmaps whose darker cells mean larger figures.
 */
final class Palette {

    private static final Color[] SERIES = {
        new Color(0x00, 0x72, 0xB2), // blue
        new Color(0xE6, 0x9F, 0x00), // orange
        new Color(0x00, 0x9E, 0x73), // bluish green
        new Color(0xCC, 0x79, 0xA7), // reddish purple
        new Color(0xD5, 0x5E, 0x00), // vermillion
        new Color(0x56, 0xB4, 0xE9), // sky blue
        new Color(0x8C, 0x6D, 0x1F), // brown: instead of Okabe–Ito's yellow, unreadable on white
        new Color(0x44, 0x44, 0x44), // dark grey
    };

    /** From small to large figures: light to dark blue. */
    private static final Color[] HEAT = {
        new Color(0xEF, 0xF3, 0xFF),
        new Color(0xC6, 0xDB, 0xEF),
        new Color(0x9E, 0xCA, 0xE1),
        new Color(0x6B, 0xAE, 0xD6),
        new Color(0x42, 0x92, 0xC6),
        new Color(0x21, 0x71, 0xB5),
        new Color(0x08, 0x45, 0x94),
    };

    /** A heatmap cell nobody reported. */
    static final Color NO_DATA = new Color(0xE6, 0xE6, 0xE6);
    static final Color NO_DATA_HATCH = new Color(0xC4, 0xC4, 0xC4);

    private Palette() {
    }

    /** The colour of series {@code index} (from 0); after eight the colours repeat. */
    static Color series(int index) {
        return SERIES[Math.floorMod(index, SERIES.length)];
    }

    /** The heat colour of {@code t} between 0 (smallest) and 1 (largest). */
    static Color heat(double t) {
        double x = Math.max(0, Math.min(1, t)) * (HEAT.length - 1);
        int i = Math.min((int) Math.floor(x), HEAT.length - 2);
        double f = x - i;
        Color a = HEAT[i];
        Color b = HEAT[i + 1];
        return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f),
                mix(a.getBlue(), b.getBlue(), f));
    }

    /** Text that reads on {@code background}: white on dark, near-black on light. */
    static Color textOn(Color background) {
        double luminance = (0.2126 * background.getRed() + 0.7152 * background.getGreen()
                + 0.0722 * background.getBlue()) / 255;
        return luminance < 0.5 ? Color.WHITE : new Color(0x1A, 0x1A, 0x1A);
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
