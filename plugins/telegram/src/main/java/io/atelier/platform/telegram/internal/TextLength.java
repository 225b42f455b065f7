package io.atelier.platform.telegram.internal;

/**
 * The length of a text as the Bot API counts it. Telegram measures texts and
 * the offsets of its message entities in UTF-16 code units, so a character
 * outside the Basic Multilingual Plane (most emoji) counts two. The SPI's
 * {@code LengthRule} has no such rule: the plugin declares
 * {@code CODE_POINTS} (equal for every text without such characters, and never
 * more than this count) and {@code validate} checks this count, which is the
 * binding one.
 */
final class TextLength {

    private TextLength() {
    }

    /** The number of UTF-16 code units of {@code text}. */
    static int of(String text) {
        return text.length(); // a Java String is a sequence of UTF-16 code units
    }

    /** Whether counting code points would give a smaller number (the text holds surrogate pairs). */
    static boolean differsFromCodePoints(String text) {
        return text.codePointCount(0, text.length()) != text.length();
    }
}
