package io.atelier.sdk.connector.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.fileupload.FileItem;
import org.apache.commons.fileupload.FileItemIterator;
import org.apache.commons.fileupload.FileItemStream;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.UploadContext;
import org.apache.commons.fileupload.disk.DiskFileItemFactory;
import org.junit.jupiter.api.Test;

import io.atelier.sdk.connector.http.AddressKind;
import io.atelier.sdk.connector.http.AddressPolicy;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ConnectorHttp;
import io.atelier.sdk.connector.http.HttpSettings;
import io.atelier.sdk.connector.testing.LocalServer;

/** A multipart body sent to a real server and read back by an independent parser (Commons FileUpload). */
class MultipartTest {

    private static List<FileItem> parse(String contentType, byte[] body) throws Exception {
        UploadContext ctx = new UploadContext() {
            @Override
            public String getCharacterEncoding() {
                return "UTF-8";
            }

            @Override
            public String getContentType() {
                return contentType;
            }

            @Override
            public int getContentLength() {
                return body.length;
            }

            @Override
            public long contentLength() {
                return body.length;
            }

            @Override
            public InputStream getInputStream() {
                return new ByteArrayInputStream(body);
            }
        };
        List<FileItem> items = new java.util.ArrayList<>();
        DiskFileItemFactory factory = new DiskFileItemFactory();
        FileItemIterator it = new FileUpload(factory).getItemIterator(ctx);
        while (it.hasNext()) {
            FileItemStream part = it.next();
            FileItem item = factory.createItem(part.getFieldName(), part.getContentType(), part.isFormField(), part.getName());
            try (InputStream in = part.openStream(); java.io.OutputStream out = item.getOutputStream()) {
                in.transferTo(out);
            }
            items.add(item);
        }
        return items;
    }

    @Test
    void fieldsAndFilesArriveIntact() throws Exception {
        byte[] image = new byte[256 * 4];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) i; // every byte value, CR and LF included
        }
        Multipart body = Multipart.builder()
                .field("description", "Un café ☕ \"quoted\"\r\nsecond line")
                .file("file", "photo.png", "image/png", image)
                .build();
        List<FileItem> parsed = new CopyOnWriteArrayList<>();
        try (LocalServer server = new LocalServer((exchange, r) -> {
            try {
                parsed.addAll(parse(r.headers().getFirst("Content-Type"), r.body()));
            } catch (Exception e) {
                throw new java.io.IOException(e);
            }
            LocalServer.json(exchange, 200, "{\"id\":\"m1\"}");
        })) {
            ConnectorHttp http = new ConnectorHttp("Net", HttpSettings.defaults()
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                    .withAddresses(AddressPolicy.publicOnly().allowing(AddressKind.LOOPBACK)));
            http.require(http.request(server.uri("/api/v2/media")).header("Content-Type", body.contentType())
                    .POST(body.publisher()).build(), Call.repeatableWrite("uploading"));
            assertEquals(body.length(), server.received.get(0).body().length);
        }
        assertEquals(2, parsed.size());
        assertEquals("description", parsed.get(0).getFieldName());
        assertEquals("Un café ☕ \"quoted\"\r\nsecond line", parsed.get(0).getString("UTF-8"));
        assertNull(parsed.get(0).getName());
        assertEquals("file", parsed.get(1).getFieldName());
        assertEquals("photo.png", parsed.get(1).getName());
        assertEquals("image/png", parsed.get(1).getContentType());
        assertArrayEquals(image, parsed.get(1).get());
    }

    @Test
    void aFileNameCannotInjectAHeader() throws Exception {
        Multipart body = Multipart.builder()
                .file("file", "evil\"\r\nContent-Type: text/html\r\n\r\n.png", "image/png", new byte[] {1, 2, 3})
                .build();
        List<FileItem> parsed = parse(body.contentType(), body.bytes());
        assertEquals(1, parsed.size());
        assertEquals("image/png", parsed.get(0).getContentType());
        assertEquals("evil%22%0D%0AContent-Type: text/html%0D%0A%0D%0A.png", parsed.get(0).getName());
        assertArrayEquals(new byte[] {1, 2, 3}, parsed.get(0).get());
    }

    @Test
    void badPartsAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Multipart.builder().file("file", "a.png", "image/png\r\nX-Evil: 1", new byte[0]));
        assertEquals("part file: content type is not a media type: image/png\r\nX-Evil: 1", e.getMessage());
        assertThrows(IllegalStateException.class, () -> Multipart.builder().build());
        String text = new String(Multipart.builder().field("a", "b").build().bytes(), StandardCharsets.UTF_8);
        assertEquals(true, text.endsWith("--\r\n"));
    }
}
