package io.atelier.shell.internal.workspace;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

import io.atelier.api.workspace.Workspace;
import io.atelier.shell.internal.rest.ApiException;

/**
 * The rules for what people type, applied the same way whether it comes from
 * the REST API, the web workbench or the console. Each rule names the field it
 * refuses.
 */
public final class Inputs {

    /** Longest handle, in characters (an e-mail address is the longest kind). */
    static final int MAX_HANDLE_LENGTH = 320;
    /** Longest endpoint URL. */
    static final int MAX_ENDPOINT_LENGTH = 2048;
    /** Longest credential value (a private key in PEM fits). */
    static final int MAX_CREDENTIAL_LENGTH = 16 * 1024;

    private Inputs() {
    }

    /** A display name: trimmed, 1 to 120 characters, no control characters. */
    public static String name(String raw, String field) {
        return text(raw, field, Workspace.MAX_NAME_LENGTH);
    }

    /** A handle on a network: trimmed, 1 to 320 characters, no control characters. */
    public static String handle(String raw, String field) {
        return text(raw, field, MAX_HANDLE_LENGTH);
    }

    /**
     * An IANA region id such as {@code Europe/Paris}. Bare offsets ({@code +02:00},
     * {@code UTC+2}) are refused: a workspace plans on wall-clock time, which only a
     * region can follow across daylight saving changes.
     */
    public static ZoneId zone(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalid(field, field + " is required: an IANA time zone such as Europe/Paris");
        }
        String id = raw.trim();
        ZoneId zone;
        try {
            zone = ZoneId.of(id);
        } catch (DateTimeException e) {
            throw ApiException.invalid(field, "'" + id + "' is not a known IANA time zone such as Europe/Paris");
        }
        if (zone instanceof ZoneOffset || !ZoneId.getAvailableZoneIds().contains(zone.getId())) {
            throw ApiException.invalid(field, "'" + id
                    + "' is an offset, not a region; use an IANA time zone such as Europe/Paris");
        }
        return zone;
    }

    /** An optional server address: empty means the network's default; otherwise an absolute http(s) URL. */
    public static String endpoint(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.trim();
        if (value.length() > MAX_ENDPOINT_LENGTH) {
            throw ApiException.invalid(field, field + " is longer than " + MAX_ENDPOINT_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw ApiException.invalid(field, field + " is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw ApiException.invalid(field, field + " must be an http or https URL with a host, e.g. https://example.org");
        }
        if (uri.getUserInfo() != null) {
            // A password in a URL would be stored and shown in clear: credentials belong in their own fields.
            throw ApiException.invalid(field, field + " must not contain a user or password");
        }
        return value;
    }

    /** A credential value: at most 16 KiB, no control characters other than line breaks and tabs. */
    public static String credential(String value, String field) {
        if (value.length() > MAX_CREDENTIAL_LENGTH) {
            throw ApiException.invalid(field, field + " is longer than " + MAX_CREDENTIAL_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw ApiException.invalid(field, field + " contains a control character");
            }
        }
        return value;
    }

    /** Longest e-mail address (RFC 5321 path limit). */
    public static final int MAX_EMAIL_LENGTH = 254;

    /**
     * An e-mail address used to sign in: trimmed, lower case, one {@code @} with
     * text on both sides and a dot in the domain, no spaces or control characters.
     */
    public static String email(String raw, String field) {
        if (raw == null) {
            throw ApiException.invalid(field, field + " is required");
        }
        String value = trim(raw).toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            throw ApiException.invalid(field, field + " must not be empty");
        }
        if (value.length() > MAX_EMAIL_LENGTH) {
            throw ApiException.invalid(field, field + " is longer than " + MAX_EMAIL_LENGTH + " characters");
        }
        int at = value.indexOf('@');
        boolean shaped = at > 0 && at == value.lastIndexOf('@') && value.indexOf('.', at) > at + 1
                && !value.endsWith(".") && value.codePoints().noneMatch(c -> blank(c) || Character.isISOControl(c));
        if (!shaped) {
            throw ApiException.invalid(field, field + " is not an e-mail address such as ada@example.org");
        }
        return value;
    }

    /** A role name such as {@code EDITOR} (any case). */
    public static io.atelier.api.team.Role role(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalid(field, field + " is required: one of " + roleNames());
        }
        try {
            return io.atelier.api.team.Role.valueOf(trim(raw).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "'" + raw + "' is not a role; one of " + roleNames());
        }
    }

    private static String roleNames() {
        return String.join(", ", java.util.Arrays.stream(io.atelier.api.team.Role.values()).map(Enum::name).toList());
    }

    /** {@code raw} without leading and trailing white space, no-break spaces included (pasted text has them). */
    static String trim(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && blank(raw.codePointAt(start))) {
            start += Character.charCount(raw.codePointAt(start));
        }
        while (end > start && blank(raw.codePointBefore(end))) {
            end -= Character.charCount(raw.codePointBefore(end));
        }
        return raw.substring(start, end);
    }

    private static boolean blank(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    private static String text(String raw, String field, int max) {
        if (raw == null) {
            throw ApiException.invalid(field, field + " is required");
        }
        String value = trim(raw);
        if (value.isEmpty()) {
            throw ApiException.invalid(field, field + " must not be empty");
        }
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            throw ApiException.invalid(field, field + " is " + length + " characters; at most " + max + " are allowed");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(field, field + " must not contain control characters (line breaks, tabs...)");
        }
        return value;
    }
}
