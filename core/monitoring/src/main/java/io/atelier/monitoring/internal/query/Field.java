package io.atelier.monitoring.internal.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.atelier.api.monitoring.Mention;

/**
 * The fields a query may filter on, each read from a {@link Mention}: its language
 * and sentiment as the enrichers annotated them, and the source it came from.
 */
public enum Field {

    /** {@code lang:fr}: the {@link Mention#LANGUAGE} annotation. */
    LANG("lang"),
    /** {@code source:bluesky}: {@link Mention#source()}. */
    SOURCE("source"),
    /** {@code sentiment:negative}: the {@link Mention#SENTIMENT} annotation. */
    SENTIMENT("sentiment");

    private final String key;

    Field(String key) {
        this.key = key;
    }

    /** The name written in a query. */
    public String key() {
        return key;
    }

    /** The field named {@code name} (any case), if there is one. */
    static Optional<Field> named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.key.equals(lower)).findFirst();
    }

    /** The names, for error messages. */
    static String names() {
        return Arrays.stream(values()).map(Field::key).collect(Collectors.joining(", "));
    }

    /** The folded value of this field in {@code mention}, or {@code null} when it has none. */
    public String valueOf(Mention mention) {
        String raw = this == SOURCE ? mention.source()
                : mention.annotations().get(this == LANG ? Mention.LANGUAGE : Mention.SENTIMENT);
        return raw == null ? null : Folding.fold(raw.strip());
    }

    /**
     * Why {@code value} (folded) cannot be a value of this field, or {@code null} when
     * it can: a language is an ISO 639 code or {@code unknown}, a sentiment one of the
     * three the enrichers write, a source an id of letters, digits, {@code . _ -}.
     */
    String problemWith(String value) {
        switch (this) {
            case LANG:
                return value.matches("[a-z]{2,3}|unknown") ? null
                        : "lang: expects a language code such as fr or en, not '" + value + "'";
            case SENTIMENT:
                return value.matches("negative|neutral|positive") ? null
                        : "sentiment: expects negative, neutral or positive, not '" + value + "'";
            default:
                return value.matches("[a-z0-9._-]+") ? null
                        : "source: expects a source id such as bluesky or feed, not '" + value + "'";
        }
    }
}
