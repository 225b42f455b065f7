package io.atelier.sdk.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class FakeHttpTest {

    @Test
    void aMultipartBodyWrittenByHandIsReadIntoItsParts() throws Exception {
        String body = "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"description\"\r\n"
                + "\r\n"
                + "A loaf, \u00e9t\u00e9\r\n"
                + "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"bread.png\"\r\n"
                + "Content-Type: image/png\r\n"
                + "\r\n"
                + "\u0089PNG\r\n\u0000\u00ff\r\n"
                + "--XyZ--\r\n";
        // ISO-8859-1 so that each char above is one byte: the file's bytes are 0x89 'P' 'N' 'G' CR LF 0 0xFF.
        byte[] bytes = body.replace("A loaf, \u00e9t\u00e9", "A loaf, \u00c3\u00a9t\u00c3\u00a9")
                .getBytes(StandardCharsets.ISO_8859_1);
        List<FakeHttp.Part> parts = FakeHttp.multipart("multipart/form-data; boundary=XyZ", bytes);

        assertEquals(2, parts.size());
        FakeHttp.Part field = parts.get(0);
        assertEquals("description", field.name());
        assertNull(field.fileName());
        assertNull(field.contentType());
        assertEquals("A loaf, \u00e9t\u00e9", field.text());
        FakeHttp.Part file = parts.get(1);
        assertEquals("file", file.name());
        assertEquals("bread.png", file.fileName());
        assertEquals("image/png", file.contentType());
        assertArrayEquals(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0, (byte) 0xff }, file.content());
    }

    @Test
    void aBodyThatIsNotMultipartIsAnIOException() {
        assertThrows(IOException.class, () -> FakeHttp.multipart("application/json",
                "{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFormIsDecodedWithEveryValueInOrder() {
        Map<String, List<String>> form = FakeHttp.form("b=2&a=one+two&b=%E2%9C%93&flag&&media_ids%5B%5D=7");
        assertEquals(List.of("b", "a", "flag", "media_ids[]"), List.copyOf(form.keySet()));
        assertEquals(List.of("2", "\u2713"), form.get("b"));
        assertEquals(List.of("one two"), form.get("a"));
        assertEquals(List.of(""), form.get("flag"));
        assertEquals("2", FakeHttp.first(form, "b"));
        assertNull(FakeHttp.first(form, "absent"));
        assertEquals(Map.of(), FakeHttp.form(null));
        assertEquals(Map.of(), FakeHttp.form(""));
    }

    @Test
    void aJsonAnswerCarriesItsStatusTypeAndBody() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", x -> FakeHttp.json(x, 201, "{\"id\":\"\u00e9\"}"));
        server.createContext("/typed", x -> {
            x.getResponseHeaders().add("Content-Type", "application/problem+json");
            FakeHttp.json(x, 400, "{}");
        });
        server.createContext("/empty", x -> FakeHttp.json(x, 204, ""));
        server.start();
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(base + "/ok")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, ok.statusCode());
            assertEquals("application/json; charset=utf-8", ok.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("{\"id\":\"\u00e9\"}", ok.body());
            HttpResponse<String> typed = client.send(HttpRequest.newBuilder(URI.create(base + "/typed")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, typed.statusCode());
            assertEquals(List.of("application/problem+json"), typed.headers().allValues("Content-Type"));
            HttpResponse<String> empty = client.send(HttpRequest.newBuilder(URI.create(base + "/empty")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, empty.statusCode());
            assertEquals("", empty.body());
        } finally {
            server.stop(0);
        }
    }
}
