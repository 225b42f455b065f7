package io.atelier.api.platform;

/**
 * The request may have been applied (a timeout after sending, a dropped connection, a 5xx after the request was accepted): {@link PlatformConnector#reconcile} must run before anything is sent again.
 */
public final class OutcomeUnknownException extends PlatformException {

    private static final long serialVersionUID = 1L;

    public OutcomeUnknownException(String message) {
        super(message, null);
    }

    public OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean safeToRetry() {
        return false;
    }
}
