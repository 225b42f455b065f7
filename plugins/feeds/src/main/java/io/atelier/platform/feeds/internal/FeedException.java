package io.atelier.platform.feeds.internal;

/**
 * A document that cannot be read as a feed: empty, not XML, malformed XML (the
 * message names the line and column), not a feed (it names the root element), or
 * in an encoding this JVM does not know. The message is a clause completing "the
 * document at host…", e.g. {@code is not a feed: its root element is <html>}.
 * Reading it again would fail again, so the source reports it as a
 * {@code RejectedException}.
 */
final class FeedException extends Exception {

    private static final long serialVersionUID = 1L;

    FeedException(String message) {
        super(message);
    }

    FeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
