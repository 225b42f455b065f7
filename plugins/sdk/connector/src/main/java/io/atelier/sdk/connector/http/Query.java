package io.atelier.sdk.connector.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** The query part of a request's address, built from name/value pairs. */
public final class Query {

    private Query() {
    }

    /**
     * {@code ?a=1&b=2} from name/value pairs, names and values encoded (names may
     * repeat, e.g. {@code types[]}); a pair whose value is {@code null} is left out;
     * {@code ""} when no pair is left.
     */
    public static String of(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("pairs: names and values come in pairs, not " + pairs.length + " strings");
        }
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                query.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }
}
