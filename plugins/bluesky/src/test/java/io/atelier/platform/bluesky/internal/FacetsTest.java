package io.atelier.platform.bluesky.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.platform.bluesky.internal.Facets.Facet;
import io.atelier.platform.bluesky.internal.Facets.Kind;

class FacetsTest {

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void offsetsAreUtf8BytesAfterMultiByteText() {
        String text = "Caf\u00e9 \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 @alice.test lit https://example.com/a?b=1 #atelier";
        List<Facet> facets = Facets.detect(text);
        assertEquals(3, facets.size(), facets.toString());
        // "Café " is 6 bytes, the family 18, the space 1: the mention starts at byte 25.
        assertEquals(new Facet(25, 36, Kind.MENTION, "alice.test"), facets.get(0));
        int link = bytes("Caf\u00e9 \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 @alice.test lit ");
        assertEquals(41, link);
        assertEquals(new Facet(41, 41 + 25, Kind.LINK, "https://example.com/a?b=1"), facets.get(1));
        assertEquals(new Facet(67, 75, Kind.TAG, "atelier"), facets.get(2));
        assertEquals(75, bytes(text));
    }

    @Test
    void trailingPunctuationIsNotPartOfALinkOrTag() {
        List<Facet> facets = Facets.detect("See (https://example.com/x). Also #news! and https://a.example/p(1)");
        assertEquals(new Facet(5, 26, Kind.LINK, "https://example.com/x"), facets.get(0));
        assertEquals(new Facet(34, 39, Kind.TAG, "news"), facets.get(1));
        assertEquals(new Facet(45, 67, Kind.LINK, "https://a.example/p(1)"), facets.get(2));
    }

    @Test
    void notEverythingWithAnAtOrAHashIsAFacet() {
        assertEquals(List.of(), Facets.detect("mail me at bob@example.com, issue#12, #123, @nodot, # alone"));
        assertEquals(List.of(new Facet(0, 9, Kind.MENTION, "bob.test")), Facets.detect("@bob.test. thanks"));
        assertEquals(List.of(new Facet(0, 4, Kind.TAG, "v2a")), Facets.detect("#v2a"));
    }

    @Test
    void tagsMayBeNonLatinAndMentionsAreLowerCased() {
        String text = "#\u65e5\u672c\u8a9e @Alice.Test";
        List<Facet> facets = Facets.detect(text);
        assertEquals(new Facet(0, 10, Kind.TAG, "\u65e5\u672c\u8a9e"), facets.get(0));
        assertEquals(new Facet(11, 22, Kind.MENTION, "alice.test"), facets.get(1));
    }
}
