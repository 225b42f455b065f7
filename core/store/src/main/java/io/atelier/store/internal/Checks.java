package io.atelier.store.internal;

/**
 * Argument checks shared by the repositories. A bad value fails before any SQL runs,
 * with a message naming the field, which the REST API can pass on as it is.
 */
final class Checks {

    private Checks() {
    }

    /** {@code value}, when it is 1 to {@code max} characters and not blank. */
    static String text(String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(field + " must be 1 to " + max + " characters");
        }
        return value;
    }
}
