package io.atelier.sdk.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QueryTest {

    @Test
    void pairsAreEncodedAndANullValueLeavesItsPairOut() {
        assertEquals("", Query.of());
        assertEquals("", Query.of("since", null));
        assertEquals("?filter=slug%3Aa%2Bb&types%5B%5D=mention&types%5B%5D=reply&q=caf%C3%A9+cr%C3%A8me",
                Query.of("filter", "slug:a+b", "types[]", "mention", "max", null, "types[]", "reply", "q",
                        "café crème"));
        assertThrows(IllegalArgumentException.class, () -> Query.of("limit"));
    }
}
