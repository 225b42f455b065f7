package io.atelier.store;

/**
 * A change would break a uniqueness rule, e.g. the same account added twice to a
 * workspace. The REST API answers it with 409.
 */
public class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
