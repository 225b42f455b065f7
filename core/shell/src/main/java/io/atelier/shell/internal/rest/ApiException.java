package io.atelier.shell.internal.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atelier.api.platform.Problem;

/**
 * The one error type of the shell's operations: a stable code, a message for a
 * person and the field concerned. The REST API answers it as
 * {@code {"code","message","field"}} with the code's status; the console shows
 * the message. Messages never contain secrets or stack traces.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final int status;
    private final String field;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private List<Problem> problems = List.of();
    /** Where in the text of {@link #field()} the problem is, or -1. */
    private int position = -1;

    /** An error with one of the shell's own codes. */
    public ApiException(ErrorCode code, String message, String field) {
        this(code.code(), code.status(), message, field);
    }

    /** An error with a code reported by someone else (a command), answered with {@code status}. */
    public ApiException(String code, int status, String message, String field) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.field = field;
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, message, field);
    }

    public static ApiException notFound(String field, String message) {
        return new ApiException(ErrorCode.NOT_FOUND, message, field);
    }

    public static ApiException conflict(String field, String message) {
        return new ApiException(ErrorCode.CONFLICT, message, field);
    }

    /** Adds a header to the error answer, e.g. {@code Retry-After}. */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /**
     * Lists every problem found in the answer ({@code "problems"}), besides the first
     * one that {@code message} and {@code field} name.
     */
    public ApiException withProblems(List<Problem> found) {
        this.problems = List.copyOf(found);
        return this;
    }

    /** Every problem found; empty when the error is only its message. */
    /** Says where in the text of the field the problem is ({@code "position"} in the answer). */
    public ApiException at(int index) {
        this.position = index;
        return this;
    }

    /** Where in the text of {@link #field()} the problem is, or -1 when the error says nothing of it. */
    public int position() {
        return position;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Headers of the error answer besides the usual ones. */
    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    /** Stable machine-readable code, e.g. {@code validation_failed}. */
    public String code() {
        return code;
    }

    /** HTTP status to answer with. */
    public int status() {
        return status;
    }

    /** The field or argument concerned, or {@code null}. */
    public String field() {
        return field;
    }

    /** The JSON body of the answer: {@link ErrorBody}, with {@code problems} only when there are some. */
    public Object body() {
        if (position >= 0) {
            return new ErrorBody.AtPosition(code, getMessage(), field, position);
        }
        return problems.isEmpty() ? new ErrorBody(code, getMessage(), field)
                : new ErrorBody.WithProblems(code, getMessage(), field, problems);
    }
}
