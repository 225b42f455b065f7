package io.atelier.api.platform;

/**
 * The network refused the account's credentials (expired or revoked token, changed password): the account needs reconnection; its posts wait.
 */
public final class AuthExpiredException extends PlatformException {

    private static final long serialVersionUID = 1L;

    public AuthExpiredException(String message) {
        super(message, null);
    }

    public AuthExpiredException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean safeToRetry() {
        return false;
    }
}
