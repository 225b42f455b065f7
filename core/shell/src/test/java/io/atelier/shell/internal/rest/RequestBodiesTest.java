package io.atelier.shell.internal.rest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;

class RequestBodiesTest {

    private static final Route.RequestBody JSON = Route.RequestBody.json(Schemas.WORKSPACE_INPUT);

    private static JsonElement read(String body) throws Exception {
        return RequestBodies.readJson(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 1 << 20);
    }

    private static ApiException malformed(String body) {
        ApiException e = assertThrows(ApiException.class, () -> read(body));
        assertEquals("malformed_json", e.code());
        assertEquals(400, e.status());
        return e;
    }

    @Test
    void parsesAJsonObject() throws Exception {
        assertEquals("Acme", read("{\"name\":\"Acme\"}").getAsJsonObject().get("name").getAsString());
    }

    @Test
    void emptyBodyIsNull() throws Exception {
        assertNull(read(""));
    }

    @Test
    void malformedJsonIsRefused() {
        malformed("{\"name\":");
        malformed("{name:'Acme'}");
        malformed("{\"name\":\"Acme\"} trailing");
        malformed("{\"a\":1}{\"b\":2}");
        malformed("// comment\n{}");
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] bytes = { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };
        ApiException e = assertThrows(ApiException.class, () -> RequestBodies.parseJson(bytes));
        assertEquals("malformed_json", e.code());
    }

    @Test
    void declaredLengthOverTheLimitIsRefusedBeforeReading() {
        ApiException e = assertThrows(ApiException.class,
                () -> RequestBodies.checkDeclaredLength(JSON, 10L * 1024 * 1024));
        assertEquals(413, e.status());
        assertEquals("too_large", e.code());
        assertDoesNotThrow(() -> RequestBodies.checkDeclaredLength(JSON, 1 << 20));
        assertDoesNotThrow(() -> RequestBodies.checkDeclaredLength(JSON, -1));
    }

    @Test
    void aStreamWithoutDeclaredLengthIsCappedWhileReading() {
        InputStream endless = new InputStream() {
            private long served;

            @Override
            public int read() {
                served++;
                if (served > 3L << 20) {
                    throw new AssertionError("read far past the limit");
                }
                return ' ';
            }
        };
        ApiException e = assertThrows(ApiException.class, () -> RequestBodies.readJson(endless, 1 << 20));
        assertEquals(413, e.status());
    }

    @Test
    void mediaTypeMustMatch() {
        assertDoesNotThrow(() -> RequestBodies.checkMediaType(JSON, "application/json"));
        assertDoesNotThrow(() -> RequestBodies.checkMediaType(JSON, "Application/JSON; charset=UTF-8"));
        for (String wrong : new String[] { "text/plain", "application/x-www-form-urlencoded", null, "" }) {
            ApiException e = assertThrows(ApiException.class, () -> RequestBodies.checkMediaType(JSON, wrong));
            assertEquals(415, e.status());
            assertEquals("unsupported_media_type", e.code());
        }
        ApiException latin = assertThrows(ApiException.class,
                () -> RequestBodies.checkMediaType(JSON, "application/json; charset=ISO-8859-1"));
        assertTrue(latin.getMessage().contains("UTF-8"));
    }

    @Test
    void binaryRoutesAcceptTheirOwnTypes() {
        Route.RequestBody jar = Route.RequestBody.binary(64 << 20, "application/java-archive");
        assertDoesNotThrow(() -> RequestBodies.checkMediaType(jar, "application/java-archive"));
        assertThrows(ApiException.class, () -> RequestBodies.checkMediaType(jar, "application/json"));
    }
}
