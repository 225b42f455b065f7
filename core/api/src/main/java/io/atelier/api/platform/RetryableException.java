package io.atelier.api.platform;

/**
 * Nothing reached the network (connection refused, a 5xx before the request was accepted, a timeout while connecting): the same call may be made again.
 */
public final class RetryableException extends PlatformException {

    private static final long serialVersionUID = 1L;

    public RetryableException(String message) {
        super(message, null);
    }

    public RetryableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean safeToRetry() {
        return true;
    }
}
