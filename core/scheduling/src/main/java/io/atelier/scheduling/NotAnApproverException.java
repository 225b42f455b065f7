package io.atelier.scheduling;

/**
 * Refuses a decision on a post in review by someone who is not an approver of the
 * step it waits at. The REST API answers it with 403.
 */
public final class NotAnApproverException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotAnApproverException(String message) {
        super(message, null, false, false);
    }
}
