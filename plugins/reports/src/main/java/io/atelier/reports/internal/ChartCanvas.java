package io.atelier.reports.internal;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * One chart's image and its Java2D graphics, with the few drawing steps every
 * chart shares: white background, anti-aliasing, and text in the bundled font
 * (characters it lacks drawn as {@code ?}) measured and aligned. Only this
 * image's own graphics are touched; nothing global is set.
 */
final class ChartCanvas implements AutoCloseable {

    static final Color TEXT = new Color(0x33, 0x33, 0x33);
    static final Color MUTED = new Color(0x6b, 0x6b, 0x6b);
    static final Color GRID = new Color(0xe4, 0xe4, 0xe4);
    static final Color AXIS = new Color(0x8a, 0x8a, 0x8a);

    /** Horizontal alignment of a text on its anchor. */
    enum Align { LEFT, CENTER, RIGHT }

    private final BufferedImage image;
    private final Graphics2D g;

    ChartCanvas(int width, int height) {
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        this.g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setFont(BundledFont.awt(13f));
    }

    Graphics2D g() {
        return g;
    }

    BufferedImage image() {
        return image;
    }

    int width() {
        return image.getWidth();
    }

    int height() {
        return image.getHeight();
    }

    /** Sets the text size in pixels. */
    void textSize(float size) {
        if (g.getFont().getSize2D() != size) {
            g.setFont(BundledFont.awt(size));
        }
    }

    /** {@code text} as it will be drawn: on one line, unknown characters as {@code ?}. */
    String drawable(String text) {
        Font font = g.getFont();
        return Glyphs.drawable(text, font::canDisplay);
    }

    /** The width of {@code text} in the current size. */
    int textWidth(String text) {
        return (int) Math.ceil(g.getFontMetrics().getStringBounds(drawable(text), g).getWidth());
    }

    /** The ascent of the current size: what a line of text needs above its baseline. */
    int ascent() {
        return g.getFontMetrics().getAscent();
    }

    /** Draws {@code text} with its baseline at {@code y}, aligned on {@code x}, kept inside the image. */
    void text(String text, int x, int y, Align align, Color color) {
        String s = drawable(text);
        FontMetrics metrics = g.getFontMetrics();
        int w = (int) Math.ceil(metrics.getStringBounds(s, g).getWidth());
        int left = switch (align) {
            case LEFT -> x;
            case CENTER -> x - w / 2;
            case RIGHT -> x - w;
        };
        left = Math.max(0, Math.min(left, width() - w));
        g.setColor(color);
        g.drawString(s, left, y);
    }

    /** Draws {@code text} vertically and horizontally centred on ({@code cx}, {@code cy}). */
    void centred(String text, int cx, int cy, Color color) {
        FontMetrics metrics = g.getFontMetrics();
        int baseline = cy + (metrics.getAscent() - metrics.getDescent()) / 2;
        text(text, cx, baseline, Align.CENTER, color);
    }

    @Override
    public void close() {
        g.dispose();
    }
}
