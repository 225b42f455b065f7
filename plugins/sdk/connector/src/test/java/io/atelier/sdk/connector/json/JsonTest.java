package io.atelier.sdk.connector.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonParseException;

class JsonTest {

    record Status(String text, Instant createdAt, List<String> tags) {
    }

    @Test
    void writesTextAsItIsAndInstantsAsIso() {
        String json = Json.write(new Status("<b>café</b> & 'quotes' ☕", Instant.parse("2026-03-01T10:00:00Z"), List.of("a")));
        assertEquals("{\"text\":\"<b>café</b> & 'quotes' ☕\",\"createdAt\":\"2026-03-01T10:00:00Z\",\"tags\":[\"a\"]}", json);
    }

    @Test
    void readsRecordsAndInstantsWithAnyOffset() {
        Status s = Json.read("{\"text\":\"hi\",\"createdAt\":\"2026-03-01T12:00:00+02:00\",\"tags\":[]}", Status.class);
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), s.createdAt());
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> Json.read("{\"createdAt\":\"yesterday\"}", Status.class));
        assertTrue(e.getMessage().contains("$.createdAt"), e.getMessage());
    }

    @Test
    void lenientParsingAnswersEmptyInsteadOfThrowing() {
        assertEquals(0, Json.object("<html>502 Bad Gateway</html>").size());
        assertEquals(0, Json.object("[1,2]").size());
        assertEquals(0, Json.object("").size());
        assertEquals("x", Json.object("{\"a\":\"x\"}").get("a").getAsString());
        assertNull(Json.element("{not json"));
    }
}
