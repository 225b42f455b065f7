package io.atelier.sdk.tck;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.fileupload.FileItemIterator;
import org.apache.commons.fileupload.FileItemStream;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.FileUploadException;
import org.apache.commons.fileupload.UploadContext;
import org.apache.commons.fileupload.disk.DiskFileItemFactory;

import com.sun.net.httpserver.HttpExchange;

/**
 * The plumbing of a fake server written on the JDK's {@code HttpServer}, so that
 * a plugin's fake holds only the network's behaviour: a multipart/form-data body
 * read into its parts by Commons FileUpload (a parser independent of the
 * connector's {@code Multipart} writer, so a fake does not agree with the
 * connector by sharing its bugs), a query string or form body decoded, and a JSON
 * answer sent.
 */
public final class FakeHttp {

    private FakeHttp() {
    }

    /**
     * One part of a multipart body.
     *
     * @param name        the part's field name
     * @param fileName    the file name, or null for a plain field
     * @param contentType the part's {@code Content-Type}, or null when it has none
     * @param content     the part's bytes
     */
    public record Part(String name, String fileName, String contentType, byte[] content) {

        public Part {
            Objects.requireNonNull(name, "name");
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        /** The content read as UTF-8, for a plain field. */
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    /**
     * The parts of a multipart/form-data body, in order.
     *
     * @param contentType the request's {@code Content-Type}, with its {@code boundary}
     * @throws IOException when the body is not multipart as its content type says
     */
    @SuppressWarnings("deprecation") // UploadContext still requires the int content length of FileUpload 1.x
    public static List<Part> multipart(String contentType, byte[] body) throws IOException {
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
        List<Part> parts = new ArrayList<>();
        try {
            FileItemIterator it = new FileUpload(new DiskFileItemFactory()).getItemIterator(ctx);
            while (it.hasNext()) {
                FileItemStream item = it.next();
                try (InputStream in = item.openStream()) {
                    parts.add(new Part(item.getFieldName(), item.getName(), item.getContentType(), in.readAllBytes()));
                }
            }
        } catch (FileUploadException e) {
            throw new IOException("not a multipart body of " + contentType + ": " + e.getMessage(), e);
        }
        return parts;
    }

    /**
     * A query string or {@code application/x-www-form-urlencoded} body decoded (UTF-8,
     * {@code +} is a space): every name with its values in order, names in the order
     * they first come. A pair without {@code =} has the value {@code ""}; empty pairs
     * are skipped; null or empty input gives an empty map.
     */
    public static Map<String, List<String>> form(String raw) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.computeIfAbsent(name, x -> new ArrayList<>()).add(value);
        }
        return m;
    }

    /** The query of {@code uri} decoded as a {@link #form}, each name with its first value. */
    public static Map<String, String> query(URI uri) {
        Map<String, String> first = new LinkedHashMap<>();
        form(uri.getRawQuery()).forEach((name, values) -> first.put(name, values.get(0)));
        return first;
    }

    /** The first value of {@code name} in a decoded {@link #form}, or null when it is absent. */
    public static String first(Map<String, List<String>> form, String name) {
        List<String> v = form.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * Answers {@code exchange} with {@code status} and {@code body} in UTF-8, as
     * {@code application/json; charset=utf-8} unless the handler set a
     * {@code Content-Type} already; an empty body is sent as no body at all.
     */
    public static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        }
        exchange.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(b);
            }
        }
    }
}
