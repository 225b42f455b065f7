package io.atelier.store;

/**
 * The store could not do its job (the database is unreachable, a migration
 * failed). Its message is safe to show: it never contains credentials or SQL
 * values.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
