package io.atelier.monitoring.internal.query;

/**
 * Thrown when a listening query cannot be parsed; {@link #error()} says what and where.
 */
public final class QueryException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient QueryError error;

    public QueryException(QueryError error) {
        super("at " + error.position() + ": " + error.message());
        this.error = error;
    }

    /** The problem and its position. */
    public QueryError error() {
        return error;
    }
}
