package io.atelier.shell.internal.rest;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;

/**
 * Reading a request's query parameters, written once: a blank value is a missing
 * one, and a malformed value is a 400 naming the parameter.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** The trimmed value of {@code name}, or {@code null} when it is missing or blank. */
    public static String text(Map<String, String> query, String name) {
        String value = query.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * The instant {@code name} holds, or {@code null} when it is missing.
     *
     * @throws ApiException {@code validation_failed} on {@code name} when it is not an ISO-8601 instant
     */
    public static Instant instant(Map<String, String> query, String name) {
        String given = text(query, name);
        if (given == null) {
            return null;
        }
        try {
            return Instant.parse(given);
        } catch (DateTimeException e) {
            throw ApiException.invalid(name, name + " must be an ISO-8601 instant such as 2030-01-31T12:00:00Z");
        }
    }

    /**
     * The {@code limit} parameter: {@code fallback} when it is missing.
     *
     * @throws ApiException {@code validation_failed} on {@code limit} when it is not a whole number from 1 to {@code max}
     */
    public static Integer limit(Map<String, String> query, Integer fallback, int max) {
        String given = text(query, "limit");
        if (given == null) {
            return fallback;
        }
        int limit;
        try {
            limit = Integer.parseInt(given);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > max) {
            throw ApiException.invalid("limit", "limit must be a whole number from 1 to " + max);
        }
        return limit;
    }
}
