package io.atelier.shell.internal.oidc;

/**
 * A provider that cannot be used or refused a step (discovery, code exchange,
 * keys). The message is fit for the workbench's log: it never holds a code, a
 * token or the client secret.
 */
public final class ProviderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProviderException(String message) {
        super(message, null, false, false);
    }
}
