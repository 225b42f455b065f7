package io.atelier.reports.internal;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A4 pages filled from top to bottom: a cursor that moves down as text, pictures
 * and table rows are placed, and a new page when the next piece does not fit.
 * Text is drawn with DejaVu Sans embedded as a Unicode (Type 0) font, wrapped on
 * words (a word longer than the line is cut), every character the font lacks
 * drawn as {@code ?}. Coordinates are PDF points from the page's bottom left.
 */
final class PdfPages {

    static final PDRectangle PAGE = PDRectangle.A4;
    static final float MARGIN = 48;
    static final float BOTTOM = 56;
    static final Color TEXT = new Color(0x22, 0x22, 0x22);
    static final Color MUTED = new Color(0x66, 0x66, 0x66);

    private final PDDocument document;
    private final PDType0Font font;
    private final float ascent;
    private final Map<Integer, Boolean> glyphs = new HashMap<>();
    private PDPageContentStream content;
    private float y;

    PdfPages(PDDocument document) throws IOException {
        this.document = document;
        this.font = PDType0Font.load(document, BundledFont.open(), true);
        this.ascent = font.getFontDescriptor().getAscent() / 1000f;
        newPage();
    }

    /** The width text and pictures may take. */
    float width() {
        return PAGE.getWidth() - 2 * MARGIN;
    }

    float left() {
        return MARGIN;
    }

    /** The cursor: where the next piece's top goes. */
    float y() {
        return y;
    }

    /** Moves the cursor down by {@code distance} points. */
    void down(float distance) {
        y -= distance;
    }

    /** Whether {@code height} points still fit above the bottom margin. */
    boolean fits(float height) {
        return y - height >= BOTTOM;
    }

    /** Starts a new page unless {@code height} points fit on this one (or this one is still empty). */
    void keep(float height) throws IOException {
        if (!fits(height) && y < top()) {
            newPage();
        }
    }

    void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(PAGE);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        y = top();
    }

    private float top() {
        return PAGE.getHeight() - MARGIN;
    }

    /** The distance from a line's top to its baseline at {@code size}. */
    float ascent(float size) {
        return ascent * size;
    }

    /** {@code text} reduced to what the font can draw, on one line. */
    String drawable(String text) {
        return Glyphs.drawable(text == null ? "" : text, this::hasGlyph);
    }

    private boolean hasGlyph(int codePoint) {
        return glyphs.computeIfAbsent(codePoint, cp -> {
            try {
                font.encode(new String(Character.toChars(cp)));
                return true;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        });
    }

    /** The width of drawable text at {@code size}. */
    float textWidth(String drawable, float size) throws IOException {
        return font.getStringWidth(drawable) / 1000f * size;
    }

    /** Draws drawable text with its baseline at {@code baseline}. */
    void text(String drawable, float x, float baseline, float size, Color color) throws IOException {
        if (drawable.isEmpty()) {
            return;
        }
        content.beginText();
        content.setFont(font, size);
        content.setNonStrokingColor(color);
        content.newLineAtOffset(x, baseline);
        content.showText(drawable);
        content.endText();
    }

    /**
     * {@code text} broken into lines of at most {@code maxWidth} at {@code size}: its own line breaks are
     * kept, lines break between words, a word wider than a line is cut; at most {@code maxLines} lines, the
     * last one ending in an ellipsis when text was left out.
     */
    List<String> wrap(String text, float size, float maxWidth, int maxLines) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String paragraph : (text == null ? "" : text).split("\r\n|[\r\n\u0085\u2028\u2029]", -1)) {
            String words = drawable(paragraph).strip();
            StringBuilder line = new StringBuilder();
            for (String word : words.split(" +")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (textWidth(candidate, size) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (textWidth(rest, size) > maxWidth && rest.length() > 1) {
                    int cut = fitting(rest, size, maxWidth);
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        if (lines.size() > maxLines) {
            List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
            String last = kept.get(maxLines - 1);
            while (!last.isEmpty() && textWidth(last + "\u2026", size) > maxWidth) {
                last = last.substring(0, last.offsetByCodePoints(last.length(), -1));
            }
            kept.set(maxLines - 1, last + "\u2026");
            return kept;
        }
        return lines;
    }

    /** How many chars of {@code word} fit in {@code maxWidth}; at least one code point. */
    private int fitting(String word, float size, float maxWidth) throws IOException {
        int end = word.offsetByCodePoints(0, 1);
        while (end < word.length()) {
            int next = word.offsetByCodePoints(end, 1);
            if (textWidth(word.substring(0, next), size) > maxWidth) {
                break;
            }
            end = next;
        }
        return end;
    }

    /** Writes {@code text} wrapped to the full width, line by line, starting new pages as needed. */
    void paragraph(String text, float size, Color color) throws IOException {
        float leading = size * 1.35f;
        for (String line : wrap(text, size, width(), Integer.MAX_VALUE)) {
            keep(leading);
            text(line, left(), y - ascent(size), size, color);
            down(leading);
        }
    }

    /** Places {@code image} at the full width, keeping its proportions, on a new page if it does not fit. */
    void image(BufferedImage image) throws IOException {
        PDImageXObject picture = LosslessFactory.createFromImage(document, image);
        float w = width();
        float h = image.getHeight() * w / image.getWidth();
        keep(h);
        content.drawImage(picture, left(), y - h, w, h);
        down(h);
    }

    /**
     * Places a PNG or JPEG (a workspace's logo) at the left, at most {@code maxHeight}
     * high and {@code maxWidth} wide, keeping its proportions.
     */
    void logo(byte[] bytes, float maxHeight, float maxWidth) throws IOException {
        PDImageXObject picture = PDImageXObject.createFromByteArray(document, bytes, "logo");
        float scale = Math.min(maxHeight / picture.getHeight(), maxWidth / picture.getWidth());
        float w = picture.getWidth() * scale;
        float h = picture.getHeight() * scale;
        keep(h);
        content.drawImage(picture, left(), y - h, w, h);
        down(h);
    }

    /** Fills a rectangle whose top left corner is ({@code x}, {@code top}). */
    void fill(float x, float top, float w, float h, Color color) throws IOException {
        content.setNonStrokingColor(color);
        content.addRect(x, top - h, w, h);
        content.fill();
    }

    /** Draws a horizontal rule at {@code atY}. */
    void rule(float x, float atY, float w, float thickness, Color color) throws IOException {
        content.setStrokingColor(color);
        content.setLineWidth(thickness);
        content.moveTo(x, atY);
        content.lineTo(x + w, atY);
        content.stroke();
    }

    /** Ends the last page and writes {@code footer} and "Page i of n" at the bottom of every page. */
    void finish(String footer) throws IOException {
        content.close();
        content = null;
        int count = document.getNumberOfPages();
        float size = 7.5f;
        String left = drawable(footer);
        for (int i = 0; i < count; i++) {
            PDPage page = document.getPage(i);
            try (PDPageContentStream footerStream = new PDPageContentStream(document, page, AppendMode.APPEND, true,
                    true)) {
                content = footerStream;
                String number = "Page " + (i + 1) + " of " + count;
                float numberWidth = textWidth(number, size);
                List<String> fitted = wrap(left, size, width() - numberWidth - 24, 1);
                text(fitted.get(0), left(), 30, size, MUTED);
                text(number, left() + width() - numberWidth, 30, size, MUTED);
            } finally {
                content = null;
            }
        }
    }
}
