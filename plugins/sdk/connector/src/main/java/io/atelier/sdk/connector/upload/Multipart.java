package io.atelier.sdk.connector.upload;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code multipart/form-data} body (RFC 7578), as media uploads of Mastodon,
 * WordPress and many others take: text fields and files, each with its
 * {@code Content-Disposition}, separated by a random boundary that is checked not
 * to occur in any part. Names and file names are escaped the way browsers do
 * ({@code "} as {@code %22}, CR and LF as {@code %0D} and {@code %0A}), so a file
 * name cannot inject a header.
 * <p>
 * Send it with {@link #contentType()} as the {@code Content-Type} and
 * {@link #publisher()} as the body; the body can be sent again (after a redirect).
 */
public final class Multipart {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BOUNDARY_CHARS =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private record Part(String name, String filename, String contentType, byte[] content) {
    }

    private final String boundary;
    private final byte[] body;

    private Multipart(String boundary, byte[] body) {
        this.boundary = boundary;
        this.body = body;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code multipart/form-data; boundary=…}. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The boundary between parts. */
    public String boundary() {
        return boundary;
    }

    /** The body's size in bytes. */
    public long length() {
        return body.length;
    }

    /** The whole body. */
    public byte[] bytes() {
        return body.clone();
    }

    /** A body publisher over the bytes, which can be subscribed to more than once. */
    public HttpRequest.BodyPublisher publisher() {
        return HttpRequest.BodyPublishers.ofByteArray(body);
    }

    /** Collects the parts, in order. */
    public static final class Builder {

        private final List<Part> parts = new ArrayList<>();

        private Builder() {
        }

        /** A text field, sent as UTF-8. */
        public Builder field(String name, String value) {
            Objects.requireNonNull(value, "value of field " + name);
            parts.add(new Part(checked(name), null, null, value.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        /** A file: its field name, the file name the network sees, its media type and content. */
        public Builder file(String name, String filename, String contentType, byte[] content) {
            Objects.requireNonNull(filename, "filename of part " + name);
            Objects.requireNonNull(content, "content of part " + name);
            if (contentType == null || !contentType.matches("[\\w.+-]+/[\\w.+-]+(\\s*;.*)?")
                    || contentType.contains("\r") || contentType.contains("\n")) {
                throw new IllegalArgumentException("part " + name + ": content type is not a media type: " + contentType);
            }
            parts.add(new Part(checked(name), filename, contentType, content.clone()));
            return this;
        }

        private static String checked(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a part needs a name");
            }
            return name;
        }

        public Multipart build() {
            if (parts.isEmpty()) {
                throw new IllegalStateException("a multipart body needs at least one part");
            }
            String boundary;
            do {
                boundary = randomBoundary();
            } while (occurs(boundary));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Part p : parts) {
                StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                        .append("Content-Disposition: form-data; name=\"").append(escape(p.name())).append('"');
                if (p.filename() != null) {
                    head.append("; filename=\"").append(escape(p.filename())).append('"');
                }
                head.append("\r\n");
                if (p.contentType() != null) {
                    head.append("Content-Type: ").append(p.contentType()).append("\r\n");
                }
                head.append("\r\n");
                out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
                out.writeBytes(p.content());
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            return new Multipart(boundary, out.toByteArray());
        }

        private boolean occurs(String boundary) {
            byte[] b = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
            for (Part p : parts) {
                if (indexOf(p.content(), b) >= 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String randomBoundary() {
        char[] c = new char[32];
        for (int i = 0; i < c.length; i++) {
            c[i] = BOUNDARY_CHARS[RANDOM.nextInt(BOUNDARY_CHARS.length)];
        }
        return "atelier-" + new String(c);
    }

    private static String escape(String s) {
        return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        return "Multipart[" + body.length + " bytes, boundary " + boundary + "]";
    }
}
