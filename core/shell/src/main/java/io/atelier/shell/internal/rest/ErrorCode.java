package io.atelier.shell.internal.rest;

import java.util.Arrays;

/**
 * The stable error codes of the REST API and the HTTP status each one answers
 * with. Commands of other bundles report codes as strings; {@link #statusOf}
 * maps them here so a code means the same status everywhere.
 */
public enum ErrorCode {
    MALFORMED_JSON("malformed_json", 400),
    VALIDATION_FAILED("validation_failed", 400),
    CREDENTIALS_REJECTED("credentials_rejected", 400),
    UNAUTHENTICATED("unauthenticated", 401),
    FORBIDDEN("forbidden", 403),
    CSRF_FAILED("csrf_failed", 403),
    NOT_FOUND("not_found", 404),
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    CONFLICT("conflict", 409),
    GONE("gone", 410),
    TOO_LARGE("too_large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    TOO_MANY_ATTEMPTS("too_many_attempts", 429),
    INTERNAL_ERROR("internal_error", 500),
    PLATFORM_UNAVAILABLE("platform_unavailable", 502),
    STORE_UNAVAILABLE("store_unavailable", 503),
    SETUP_REQUIRED("setup_required", 503),
    TIMEOUT("timeout", 504);

    private final String code;
    private final int status;

    ErrorCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The code as it appears in JSON, e.g. {@code not_found}. */
    public String code() {
        return code;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The status of a code reported by a command; an unknown code is the caller's mistake: 400. */
    public static int statusOf(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst()
                .map(ErrorCode::status).orElse(400);
    }
}
