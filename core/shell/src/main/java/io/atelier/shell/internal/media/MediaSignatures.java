package io.atelier.shell.internal.media;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The media types an upload may have and the first bytes ("magic number") each
 * one's files start with. An upload is kept only when its bytes agree with its
 * {@code Content-Type}, so a text or HTML file cannot enter the library labelled as
 * an image and come back out with an image's type.
 */
public final class MediaSignatures {

    /** The accepted types, each with the file name extension its downloads get. */
    private static final Map<String, String> EXTENSIONS = extensions();

    private MediaSignatures() {
    }

    private static Map<String, String> extensions() {
        Map<String, String> extensions = new LinkedHashMap<>();
        extensions.put("image/jpeg", "jpg");
        extensions.put("image/png", "png");
        extensions.put("image/gif", "gif");
        extensions.put("image/webp", "webp");
        extensions.put("video/mp4", "mp4");
        return extensions;
    }

    /** The accepted media types, in the order the API lists them. */
    public static Set<String> types() {
        return EXTENSIONS.keySet();
    }

    /** The file name extension of {@code mediaType} ({@code png}), or {@code bin} for another type. */
    public static String extension(String mediaType) {
        return EXTENSIONS.getOrDefault(mediaType, "bin");
    }

    /**
     * Whether {@code bytes} start as a file of {@code mediaType} does: PNG
     * {@code 89 50 4E 47}, JPEG {@code FF D8 FF}, GIF {@code GIF87a} or {@code GIF89a},
     * WebP {@code RIFF} and {@code WEBP} at offset 8, MP4 {@code ftyp} at offset 4.
     * An unknown type matches nothing.
     */
    public static boolean matches(String mediaType, byte[] bytes) {
        return switch (mediaType) {
            case "image/png" -> startsWith(bytes, 0, 0x89, 'P', 'N', 'G');
            case "image/jpeg" -> startsWith(bytes, 0, 0xFF, 0xD8, 0xFF);
            case "image/gif" -> startsWith(bytes, 0, "GIF87a") || startsWith(bytes, 0, "GIF89a");
            case "image/webp" -> startsWith(bytes, 0, "RIFF") && startsWith(bytes, 8, "WEBP");
            case "video/mp4" -> startsWith(bytes, 4, "ftyp");
            default -> false;
        };
    }

    private static boolean startsWith(byte[] bytes, int offset, String ascii) {
        byte[] expected = ascii.getBytes(StandardCharsets.US_ASCII);
        int[] values = new int[expected.length];
        for (int i = 0; i < expected.length; i++) {
            values[i] = expected[i];
        }
        return startsWith(bytes, offset, values);
    }

    private static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
