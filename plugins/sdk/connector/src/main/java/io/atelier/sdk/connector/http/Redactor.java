package io.atelier.sdk.connector.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of messages: collects the secret values a request carries
 * (its {@code Authorization} header, headers and query parameters named like keys
 * and tokens) and blanks them, and any value a {@link Call} names, out of text.
 */
final class Redactor {

    static final String MARK = "[redacted]";
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(auth|token|secret|password|passwd|key|signature|cookie|session|code_verifier|^code$).*");

    private Redactor() {
    }

    /** The secret values in {@code headers} and in the query of {@code uri}. */
    static Set<String> secretsOf(HttpHeaders headers, URI uri) {
        Set<String> found = new HashSet<>();
        headers.map().forEach((name, values) -> {
            if (secretName(name)) {
                for (String v : values) {
                    addCredential(found, v);
                }
            }
        });
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && secretName(pair.substring(0, eq))) {
                    add(found, pair.substring(eq + 1));
                    add(found, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String userInfo = uri.getUserInfo();
        if (userInfo != null) {
            add(found, userInfo);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                add(found, userInfo.substring(colon + 1));
            }
        }
        return found;
    }

    /** Whether a header or parameter of this name carries a secret; an idempotency key is not one. */
    private static boolean secretName(String name) {
        return SECRET_NAME.matcher(name).matches() && !name.toLowerCase(Locale.ROOT).contains("idempotency");
    }

    /** A header value, its credential after the scheme ({@code Bearer x}), and a Basic credential's parts. */
    private static void addCredential(Set<String> found, String value) {
        add(found, value);
        int space = value.indexOf(' ');
        if (space > 0) {
            String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
            String credential = value.substring(space + 1).trim();
            add(found, credential);
            if (scheme.equals("basic")) {
                try {
                    String plain = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
                    add(found, plain);
                    int colon = plain.indexOf(':');
                    if (colon >= 0) {
                        add(found, plain.substring(colon + 1));
                    }
                } catch (IllegalArgumentException notBase64) {
                    // nothing more to hide
                }
            }
        }
    }

    private static void add(Set<String> found, String v) {
        if (v != null && v.length() >= Call.MIN_SECRET_LENGTH) {
            found.add(v);
        }
    }

    /** {@code text} with every value of {@code secrets} replaced by {@value #MARK}, the longest first. */
    static String redact(String text, Collection<String> secrets) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        List<String> longestFirst = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String s : longestFirst) {
            out = out.replace(s, MARK);
        }
        return out;
    }

    /**
     * {@code cause} itself when no message in its chain shows a secret, else an
     * exception of the same story with the secrets blanked, so a logged stack
     * trace leaks nothing either.
     */
    static Throwable safeCause(Throwable cause, Collection<String> secrets) {
        boolean leaks = false;
        for (Throwable t = cause; t != null && !leaks; t = t.getCause()) {
            String text = String.valueOf(t.getMessage());
            leaks = !redact(text, secrets).equals(text);
        }
        if (!leaks) {
            return cause;
        }
        IOException copy = new IOException(redact(cause.toString(), secrets));
        copy.setStackTrace(cause.getStackTrace());
        return copy;
    }
}
