package io.atelier.reports.internal;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/** Reads a chart's pixels: how coloured, how light, how many of which colour. */
final class Pixels {

    private Pixels() {
    }

    /** How far from grey: the spread between the strongest and the weakest channel (0 for any grey). */
    static int chroma(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
    }

    /** Perceived lightness from 0 (black) to 255 (white). */
    static double luminance(int rgb) {
        Color c = new Color(rgb);
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }

    /** Strongly coloured: a series' line or bar, never text, grid or axis (all grey). */
    static boolean saturated(int rgb) {
        return chroma(rgb) > 90;
    }

    static int count(BufferedImage image, Rectangle area, IntPredicate test) {
        int n = 0;
        Rectangle a = area.intersection(new Rectangle(0, 0, image.getWidth(), image.getHeight()));
        for (int y = a.y; y < a.y + a.height; y++) {
            for (int x = a.x; x < a.x + a.width; x++) {
                if (test.test(image.getRGB(x, y) & 0xffffff)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** How many pixels of each exact colour that passes {@code test}. */
    static Map<Integer, Integer> histogram(BufferedImage image, Rectangle area, IntPredicate test) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = area.y; y < area.y + area.height; y++) {
            for (int x = area.x; x < area.x + area.width; x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                if (test.test(rgb)) {
                    counts.merge(rgb, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    static double distance(int a, int b) {
        int dr = ((a >> 16) & 0xff) - ((b >> 16) & 0xff);
        int dg = ((a >> 8) & 0xff) - ((b >> 8) & 0xff);
        int db = (a & 0xff) - (b & 0xff);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }
}
