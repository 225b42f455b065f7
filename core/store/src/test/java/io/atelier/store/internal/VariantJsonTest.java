package io.atelier.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.atelier.api.post.Media;

/** The JSON of the media and thread columns: every string comes back as it was written. */
class VariantJsonTest {

    @Test
    void everyCharacterRoundTrips() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0xD800; c++) {
            all.append(c);
        }
        for (char c = 0xE000; c != 0; c++) {
            all.append(c);
        }
        all.appendCodePoint(0x1F389).appendCodePoint(0x10FFFF).append("\"\\/");
        List<String> thread = List.of(all.toString(), "", "[\"],{}:", " \u2028\u2029 ");
        assertEquals(thread, VariantJson.readThread(VariantJson.thread(thread)));
    }

    @Test
    void randomTextRoundTrips() {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(50); j > 0; j--) {
                int codePoint = random.nextInt(0x110000);
                if (codePoint < 0xD800 || codePoint > 0xDFFF) {
                    text.appendCodePoint(codePoint);
                }
            }
            List<Media> media = List.of(new Media(text.toString(), "image/png", random.nextLong(), text.toString()));
            assertEquals(media, VariantJson.readMedia(VariantJson.media(media)));
        }
    }

    @Test
    void controlCharactersAreEscapedAndEscapesAreRead() {
        assertEquals("[\"a\\u0000b\\n\\t\\\"\\\\\\u001f\"]", VariantJson.thread(List.of("a\u0000b\n\t\"\\\u001f")));
        assertEquals(List.of("\u00e9\ud83c\udf89/ \b\f\r"),
                VariantJson.readThread(" [ \"\\u00E9\\ud83c\\udf89\\/ \\b\\f\\r\" ] "));
        assertEquals(List.of(new Media("m", "image/gif", -1, "")),
                VariantJson.readMedia("[{\"altText\":\"\",\"size\":-1,\"mediaType\":\"image/gif\",\"id\":\"m\"}]"));
        assertEquals(List.of(new Media("m", "image/gif", 3, "")),
                VariantJson.readMedia("[{\"id\":\"m\",\"mediaType\":\"image/gif\",\"size\":3,\"altText\":null}]"));
        assertEquals(List.of(), VariantJson.readMedia(VariantJson.media(new ArrayList<>())));
    }

    @Test
    void malformedJsonIsRefused() {
        for (String bad : List.of("", "[", "[\"a\"", "[\"a\"]x", "[1]", "[\"\\x\"]", "[\"\\u12\"]", "[\"\\u+123\"]",
                "{}", "[\"a\" \"b\"]")) {
            assertThrows(IllegalArgumentException.class, () -> VariantJson.readThread(bad), bad);
        }
        for (String bad : List.of("[\"a\"]", "[{\"id\":1,\"mediaType\":\"t\",\"size\":1}]",
                "[{\"id\":\"m\",\"mediaType\":\"t\",\"size\":\"1\"}]", "[{\"id\":\"m\" \"size\":1}]")) {
            assertThrows(IllegalArgumentException.class, () -> VariantJson.readMedia(bad), bad);
        }
    }
}
