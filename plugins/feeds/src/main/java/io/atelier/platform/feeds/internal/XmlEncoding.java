package io.atelier.platform.feeds.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides how a feed's bytes are decoded and opens them as characters for the
 * XML parser. The document's own word wins: a byte-order mark, then the
 * {@code encoding} of the XML declaration, then the {@code charset} of the HTTP
 * {@code Content-Type} (often a server default nobody set for the feed), then
 * UTF-8.
 * <p>
 * Bytes that are invalid in that encoding (a Windows-1252 {@code é} in a feed
 * that says UTF-8, a cut multi-byte sequence) are decoded as U+FFFD instead of
 * rejecting the feed: one broken character would otherwise silence a whole
 * source until its publisher notices, while the rest of the text is intact and
 * the replacement character shows where the damage is.
 */
final class XmlEncoding {

    private static final Pattern DECLARED = Pattern.compile("^<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']");
    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([A-Za-z0-9._:-]{1,40})");

    /** The decoding chosen and where the document starts after any byte-order mark. */
    record Choice(Charset charset, int offset, String reason) {
    }

    private XmlEncoding() {
    }

    /** The characters of {@code body}, decoded as {@link #choose} says, invalid bytes replaced. */
    static Reader open(byte[] body, String contentType) throws FeedException {
        Choice choice = choose(body, contentType);
        // InputStreamReader with a Charset (not a decoder) replaces malformed input: the choice documented above.
        return new InputStreamReader(new ByteArrayInputStream(body, choice.offset(), body.length - choice.offset()),
                choice.charset());
    }

    /** How {@code body} is decoded, given the answer's {@code Content-Type} (may be null). */
    static Choice choose(byte[] body, String contentType) throws FeedException {
        if (starts(body, 0xEF, 0xBB, 0xBF)) {
            return new Choice(StandardCharsets.UTF_8, 3, "byte-order mark");
        }
        if (starts(body, 0xFE, 0xFF)) {
            return new Choice(StandardCharsets.UTF_16BE, 2, "byte-order mark");
        }
        if (starts(body, 0xFF, 0xFE)) {
            return new Choice(StandardCharsets.UTF_16LE, 2, "byte-order mark");
        }
        if (starts(body, 0x3C, 0x00, 0x3F, 0x00)) {
            return new Choice(StandardCharsets.UTF_16LE, 0, "UTF-16 without byte-order mark");
        }
        if (starts(body, 0x00, 0x3C, 0x00, 0x3F)) {
            return new Choice(StandardCharsets.UTF_16BE, 0, "UTF-16 without byte-order mark");
        }
        String head = new String(body, 0, Math.min(body.length, 200), StandardCharsets.ISO_8859_1);
        Matcher declared = DECLARED.matcher(head);
        if (declared.find()) {
            String name = declared.group(1);
            Charset charset = charset(name).orElseThrow(() -> new FeedException("declares the encoding \"" + name
                    + "\" in its XML declaration, which this server cannot decode"));
            // A declaration of UTF-16 in bytes read as ASCII cannot be right: the bytes are the truth.
            return charset.name().startsWith("UTF-16") ? new Choice(StandardCharsets.UTF_8, 0, "XML declaration")
                    : new Choice(charset, 0, "XML declaration");
        }
        if (contentType != null) {
            Matcher m = CHARSET.matcher(contentType);
            if (m.find()) {
                Optional<Charset> charset = charset(m.group(1));
                if (charset.isPresent() && !charset.get().name().startsWith("UTF-16")) {
                    return new Choice(charset.get(), 0, "Content-Type");
                }
            }
        }
        return new Choice(StandardCharsets.UTF_8, 0, "default");
    }

    private static Optional<Charset> charset(String name) {
        try {
            String n = name.toUpperCase(Locale.ROOT);
            // Browsers and feed readers read Latin-1 labels as Windows-1252, a superset feeds rely on.
            if (n.equals("ISO-8859-1") || n.equals("LATIN1") || n.equals("US-ASCII") || n.equals("ASCII")) {
                n = "windows-1252";
            }
            return Optional.of(Charset.forName(n));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    private static boolean starts(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
