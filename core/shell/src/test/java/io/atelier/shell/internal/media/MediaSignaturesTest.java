package io.atelier.shell.internal.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MediaSignaturesTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
    private static final byte[] GIF87 = ascii("GIF87a\u0001\u0000");
    private static final byte[] GIF89 = ascii("GIF89a\u0001\u0000");
    private static final byte[] WEBP = ascii("RIFF\u0024\u0000\u0000\u0000WEBPVP8 ");
    private static final byte[] MP4 = ascii("\u0000\u0000\u0000\u0018ftypisom\u0000\u0000\u0002\u0000");

    @Test
    void eachTypeIsRecognisedByItsFirstBytes() {
        Map<String, List<byte[]>> files = Map.of("image/png", List.of(PNG), "image/jpeg", List.of(JPEG),
                "image/gif", List.of(GIF87, GIF89), "image/webp", List.of(WEBP), "video/mp4", List.of(MP4));
        for (String type : MediaSignatures.types()) {
            for (Map.Entry<String, List<byte[]>> kind : files.entrySet()) {
                for (byte[] bytes : kind.getValue()) {
                    assertEquals(type.equals(kind.getKey()), MediaSignatures.matches(type, bytes),
                            kind.getKey() + " bytes as " + type);
                }
            }
        }
        assertEquals(List.of("image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4"),
                List.copyOf(MediaSignatures.types()));
    }

    @Test
    void textAndHtmlAreNoImageWhateverTheyAreCalled() {
        byte[] html = ascii("<!DOCTYPE html><script>alert(1)</script>");
        byte[] text = ascii("just some notes\n");
        for (String type : MediaSignatures.types()) {
            assertFalse(MediaSignatures.matches(type, html), type);
            assertFalse(MediaSignatures.matches(type, text), type);
        }
        assertFalse(MediaSignatures.matches("text/html", html), "an unknown type matches nothing");
    }

    @Test
    void aTruncatedOrHalfRightHeaderIsRefused() {
        assertFalse(MediaSignatures.matches("image/png", new byte[] {(byte) 0x89, 'P', 'N'}));
        assertFalse(MediaSignatures.matches("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8}));
        assertFalse(MediaSignatures.matches("image/gif", ascii("GIF88a")));
        assertFalse(MediaSignatures.matches("image/webp", ascii("RIFF\u0024\u0000\u0000\u0000WAVEfmt ")),
                "a RIFF file that is not WebP (a WAV sound)");
        assertFalse(MediaSignatures.matches("video/mp4", ascii("ftypisom")), "ftyp must be at offset 4");
        assertFalse(MediaSignatures.matches("image/png", new byte[0]));
        assertTrue(MediaSignatures.matches("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
    }

    @Test
    void downloadsAreNamedWithTheTypesExtension() {
        assertEquals("jpg", MediaSignatures.extension("image/jpeg"));
        assertEquals("mp4", MediaSignatures.extension("video/mp4"));
        assertEquals("bin", MediaSignatures.extension("application/x-anything"));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
