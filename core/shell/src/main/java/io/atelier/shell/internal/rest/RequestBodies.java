package io.atelier.shell.internal.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Reads request bodies the same careful way for every route: the media type is
 * checked first (415), a declared length over the limit is refused before a byte
 * is read (413), and the stream itself is capped so a chunked body cannot grow
 * past the limit either. JSON is parsed strictly (no comments, no single quotes,
 * no trailing data).
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    /** The media type of a {@code Content-Type} header, lower case and without parameters; empty when absent. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Checks the {@code Content-Type} against what the route accepts.
     *
     * @throws ApiException {@code unsupported_media_type}
     */
    public static void checkMediaType(Route.RequestBody spec, String contentType) {
        String type = mediaType(contentType);
        if (!spec.mediaTypes().contains(type)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be " + String.join(" or ", spec.mediaTypes())
                            + (type.isEmpty() ? "; none was given" : "; got " + type), "Content-Type");
        }
        String charset = charset(contentType);
        if (spec.isJson() && charset != null && !charset.equals("utf-8")) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "JSON bodies must be UTF-8; got " + charset,
                    "Content-Type");
        }
    }

    /** The {@code charset} parameter of a {@code Content-Type}, lower case and unquoted, or {@code null}. */
    static String charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                return pair[1].trim().replace("\"", "").toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /**
     * Refuses a body whose declared length is over the limit, before reading it.
     *
     * @param contentLength the declared length, or -1 when unknown (chunked)
     */
    public static void checkDeclaredLength(Route.RequestBody spec, long contentLength) {
        if (contentLength > spec.maxBytes()) {
            throw tooLarge(spec.maxBytes());
        }
    }

    /** {@code in}, failing with {@code too_large} as soon as more than {@code maxBytes} are read. */
    public static InputStream capped(InputStream in, long maxBytes) {
        return new CappedInputStream(in, maxBytes);
    }

    /**
     * A text body (a CSV file) as characters: read whole — the stream is capped, so
     * at most the route's limit — and decoded strictly as UTF-8, so a file saved in
     * another encoding is refused instead of read with garbled letters.
     *
     * @param what what the body is, for the message, e.g. {@code the CSV file}
     * @throws ApiException {@code too_large}, or {@code validation_failed} on field {@code body}
     */
    public static Reader text(InputStream in, String what) throws IOException {
        byte[] bytes = in.readAllBytes();
        try {
            return new StringReader(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw ApiException.invalid("body", what + " is not UTF-8 text: save it as CSV in UTF-8 and send it again");
        }
    }

    /**
     * Reads and parses a JSON body.
     *
     * @return the parsed value, or {@code null} when the body is empty
     * @throws ApiException {@code malformed_json} or {@code too_large}
     */
    public static JsonElement readJson(InputStream in, long maxBytes) throws IOException {
        byte[] bytes = capped(in, maxBytes).readAllBytes();
        if (bytes.length == 0) {
            return null;
        }
        return parseJson(bytes);
    }

    /**
     * Parses {@code bytes} as one strict JSON document in UTF-8.
     *
     * @throws ApiException {@code malformed_json}
     */
    public static JsonElement parseJson(byte[] bytes) {
        Reader text = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        try (JsonReader reader = new JsonReader(text)) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement value = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw malformed("unexpected data after the JSON value");
            }
            return value;
        } catch (JsonParseException | IOException | IllegalStateException | NumberFormatException e) {
            throw malformed(describe(e));
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof java.nio.charset.CharacterCodingException) {
            return "the body is not valid UTF-8";
        }
        String message = cause.getMessage();
        if (message == null) {
            return "the body is not valid JSON";
        }
        // Gson appends a link to its troubleshooting guide; the position is what helps a caller.
        int see = message.indexOf("\nSee ");
        return "the body is not valid JSON: " + (see < 0 ? message : message.substring(0, see));
    }

    private static ApiException malformed(String message) {
        return new ApiException(ErrorCode.MALFORMED_JSON, message, null);
    }

    static ApiException tooLarge(long maxBytes) {
        return new ApiException(ErrorCode.TOO_LARGE, "the body is larger than " + human(maxBytes), null);
    }

    private static String human(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    /** A stream that fails once it has delivered more than its limit. */
    private static final class CappedInputStream extends InputStream {

        private final InputStream in;
        private final long maxBytes;
        private long count;

        CappedInputStream(InputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > maxBytes) {
                throw tooLarge(maxBytes);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
