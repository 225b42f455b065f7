package io.atelier.api.platform;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decrypted credentials of one account, handed to a connector for one call. Its
 * {@link #toString()} names the fields and never their values, so a credential
 * that reaches a log line leaks nothing.
 */
public final class Credentials {

    private static final Credentials NONE = new Credentials(Map.of());

    private final Map<String, String> values;

    private Credentials(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Credentials holding {@code values}, keyed by {@link CredentialField#name()}. */
    public static Credentials of(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        return values.isEmpty() ? NONE : new Credentials(values);
    }

    /** No credentials. */
    public static Credentials none() {
        return NONE;
    }

    /** The value of {@code field}, if present and not blank. */
    public Optional<String> get(String field) {
        String value = values.get(field);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** The value of {@code field}; fails with a message naming the field when it is missing. */
    public String require(String field) {
        return get(field).orElseThrow(() -> new IllegalStateException("credential field '" + field + "' is missing"));
    }

    /** All values, keyed by field name. */
    public Map<String, String> asMap() {
        return values;
    }

    /**
     * These credentials updated with {@code changes}. A blank value never replaces
     * a present one: a refresh that returns no new refresh token keeps the old one.
     */
    public Credentials merge(Map<String, String> changes) {
        Map<String, String> merged = new TreeMap<>(values);
        changes.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                merged.put(k, v);
            }
        });
        return of(merged);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Credentials" + new TreeMap<>(values).keySet();
    }
}
