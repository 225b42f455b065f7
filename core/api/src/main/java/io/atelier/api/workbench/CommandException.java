package io.atelier.api.workbench;

/**
 * A command could not do what was asked because of its arguments or of the
 * state of things; the message says what to change. The REST API answers it with
 * a 4xx naming {@link #field()}.
 */
public class CommandException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String field;

    /**
     * @param code    stable machine-readable code, e.g. {@code not_found}, {@code validation_failed}
     * @param message what is wrong, for a person
     * @param field   the argument or field concerned, or {@code null}
     */
    public CommandException(String code, String message, String field) {
        super(message);
        this.code = code;
        this.field = field;
    }

    /** Stable machine-readable code, e.g. {@code not_found}. */
    public String code() {
        return code;
    }

    /** The argument or field concerned, or {@code null}. */
    public String field() {
        return field;
    }
}
