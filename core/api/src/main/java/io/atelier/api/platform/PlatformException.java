package io.atelier.api.platform;

/**
 * A typed failure of a connector call. The type tells the core what it may do
 * next, so no connector ever decides on its own to re-send a post:
 * <ul>
 * <li>{@link RetryableException}: nothing was sent; trying again is safe;</li>
 * <li>{@link RateLimitedException}: the network asked to wait; try again after {@code retryAfter};</li>
 * <li>{@link AuthExpiredException}: the account needs reconnection; its posts wait, nothing is lost;</li>
 * <li>{@link RejectedException}: the network refused the content; trying again would fail again;</li>
 * <li>{@link OutcomeUnknownException}: the request may have been applied; call
 * {@link PlatformConnector#reconcile} before anything is sent again.</li>
 * </ul>
 */
public abstract sealed class PlatformException extends Exception
        permits RetryableException, RateLimitedException, AuthExpiredException, RejectedException,
        OutcomeUnknownException {

    private static final long serialVersionUID = 1L;

    protected PlatformException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the same call may be made again without risking a duplicate. */
    public abstract boolean safeToRetry();
}
