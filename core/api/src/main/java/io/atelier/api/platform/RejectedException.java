package io.atelier.api.platform;

/**
 * The network refused the content (too long, bad media, duplicate text): sending it again would fail again; the message says why.
 */
public final class RejectedException extends PlatformException {

    private static final long serialVersionUID = 1L;

    public RejectedException(String message) {
        super(message, null);
    }

    public RejectedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean safeToRetry() {
        return false;
    }
}
