package io.atelier.reports.internal;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * DejaVu Sans, the font every chart and every PDF of this bundle draws its text
 * with, read from the bundle's own jar so that the output looks the same on any
 * machine and never depends on the fonts a system happens to have. The file is
 * read once; {@link #awt(float)} gives the Java2D font (created with
 * {@link Font#createFont}, never registered with the graphics environment) and
 * {@link #open()} the bytes PDFBox embeds.
 */
final class BundledFont {

    /** Where bnd puts the font (bnd.bnd, -includeresource); its licence is in META-INF/licenses/dejavu-fonts. */
    static final String RESOURCE = "fonts/DejaVuSans.ttf";

    private BundledFont() {
    }

    /** The font at {@code size} pixels (Java2D) or points. */
    static Font awt(float size) {
        return Loaded.FONT.deriveFont(size);
    }

    /** The TrueType file, for a PDF to embed. */
    static InputStream open() {
        return new ByteArrayInputStream(Loaded.BYTES);
    }

    /** Read on first use, so a bundle that only writes CSV never loads it. */
    private static final class Loaded {
        static final byte[] BYTES = read();
        static final Font FONT = create(BYTES);

        private static byte[] read() {
            try (InputStream in = BundledFont.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the bundle lacks its font " + RESOURCE);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled font " + RESOURCE, e);
            }
        }

        private static Font create(byte[] bytes) {
            try {
                return Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes));
            } catch (FontFormatException | IOException e) {
                throw new IllegalStateException("the bundled font " + RESOURCE + " is not a usable TrueType font", e);
            }
        }
    }
}
