package io.atelier.store.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atelier.api.post.Media;

/**
 * The JSON of a variant's {@code media} and {@code thread} columns: an array of media
 * objects ({@code id}, {@code mediaType}, {@code size}, {@code altText}) and an array of
 * strings. The store has no JSON library (it keeps its imports to JDBC), so this class
 * writes and reads exactly these two shapes. Strings keep every character: quotes,
 * backslashes and control characters are escaped, everything else (emoji included) is
 * written as it is, and {@code \}{@code uXXXX} escapes are read back, surrogate pairs
 * included, so any text comes back as it was written.
 */
final class VariantJson {

    private VariantJson() {
    }

    /** The media column for {@code media}. */
    static String media(List<Media> media) {
        StringBuilder json = new StringBuilder("[");
        for (Media item : media) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"id\":");
            string(json, item.id());
            json.append(",\"mediaType\":");
            string(json, item.mediaType());
            json.append(",\"size\":").append(item.size()).append(",\"altText\":");
            string(json, item.altText());
            json.append('}');
        }
        return json.append(']').toString();
    }

    /** The thread column for {@code parts}. */
    static String thread(List<String> parts) {
        StringBuilder json = new StringBuilder("[");
        for (String part : parts) {
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, part);
        }
        return json.append(']').toString();
    }

    /** Reads a media column. */
    static List<Media> readMedia(String json) {
        List<Media> media = new ArrayList<>();
        for (Object item : new Parser(json).document()) {
            if (!(item instanceof Map<?, ?> object)) {
                throw new IllegalArgumentException("a media entry is not an object");
            }
            media.add(new Media(text(object, "id"), text(object, "mediaType"), number(object, "size"),
                    (String) object.get("altText")));
        }
        return media;
    }

    /** Reads a thread column. */
    static List<String> readThread(String json) {
        List<String> parts = new ArrayList<>();
        for (Object item : new Parser(json).document()) {
            if (!(item instanceof String part)) {
                throw new IllegalArgumentException("a thread part is not a string");
            }
            parts.add(part);
        }
        return parts;
    }

    private static String text(Map<?, ?> object, String key) {
        if (!(object.get(key) instanceof String value)) {
            throw new IllegalArgumentException("media " + key + " is not a string");
        }
        return value;
    }

    private static long number(Map<?, ?> object, String key) {
        if (!(object.get(key) instanceof Long value)) {
            throw new IllegalArgumentException("media " + key + " is not a whole number");
        }
        return value;
    }

    /** Appends {@code value} as a JSON string. */
    static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /** A reader for the subset written above: arrays, objects, strings and whole numbers. */
    private static final class Parser {

        private final String json;
        private int at;

        Parser(String json) {
            this.json = json;
        }

        /** The top-level array, checked to be the whole text. */
        List<Object> document() {
            skipSpace();
            List<Object> items = array();
            skipSpace();
            if (at != json.length()) {
                throw error("text after the array");
            }
            return items;
        }

        private Object value() {
            skipSpace();
            if (at >= json.length()) {
                throw error("a value is missing");
            }
            char c = json.charAt(at);
            if (c == '[') {
                return array();
            }
            if (c == '{') {
                return object();
            }
            if (c == '"') {
                return string();
            }
            if (json.startsWith("null", at)) {
                at += 4;
                return null;
            }
            return number();
        }

        private List<Object> array() {
            expect('[');
            List<Object> items = new ArrayList<>();
            skipSpace();
            if (peek(']')) {
                at++;
                return items;
            }
            while (true) {
                items.add(value());
                skipSpace();
                if (peek(',')) {
                    at++;
                } else {
                    expect(']');
                    return items;
                }
            }
        }

        private Map<String, Object> object() {
            expect('{');
            Map<String, Object> members = new LinkedHashMap<>();
            skipSpace();
            if (peek('}')) {
                at++;
                return members;
            }
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                members.put(key, value());
                skipSpace();
                if (peek(',')) {
                    at++;
                } else {
                    expect('}');
                    return members;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                if (at >= json.length()) {
                    throw error("a string is not closed");
                }
                char c = json.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (at >= json.length()) {
                    throw error("an escape is cut off");
                }
                char escaped = json.charAt(at++);
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'u' -> {
                        if (at + 4 > json.length()) {
                            throw error("a \\u escape is cut off");
                        }
                        int unit = 0;
                        for (int end = at + 4; at < end; at++) {
                            int digit = Character.digit(json.charAt(at), 16);
                            if (digit < 0) {
                                throw error("a \\u escape is not four hexadecimal digits");
                            }
                            unit = unit * 16 + digit;
                        }
                        // A surrogate pair arrives as two escapes, each appended as its own UTF-16 unit.
                        value.append((char) unit);
                    }
                    default -> throw error("unknown escape \\" + escaped);
                }
            }
        }

        private Long number() {
            int start = at;
            if (peek('-')) {
                at++;
            }
            while (at < json.length() && Character.isDigit(json.charAt(at))) {
                at++;
            }
            try {
                return Long.parseLong(json.substring(start, at));
            } catch (NumberFormatException e) {
                throw error("a value is not a string, an array, an object or a whole number");
            }
        }

        private boolean peek(char c) {
            return at < json.length() && json.charAt(at) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("'" + c + "' expected");
            }
            at++;
        }

        private void skipSpace() {
            while (at < json.length() && Character.isWhitespace(json.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("stored variant JSON is malformed at character " + at + ": " + what);
        }
    }
}
