package io.atelier.monitoring;

/**
 * A listening query that cannot run, with the position of the problem: the 0-based
 * index of the character where it is, so an editor can point at it.
 */
public class InvalidQueryException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int position;

    public InvalidQueryException(int position, String message) {
        super(message);
        this.position = position;
    }

    /** The 0-based index of the character where the problem is. */
    public int position() {
        return position;
    }
}
