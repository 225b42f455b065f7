package io.atelier.shell.internal.auth;

import java.util.Set;

import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.ErrorCode;

/**
 * The cross-site request forgery rule. A browser sends the session cookie on its
 * own, even for a request another site makes it send; so a state-changing request
 * authenticated by the cookie must also echo the session's CSRF token in
 * {@code X-CSRF-Token}, which another site cannot read. Bearer tokens are never
 * sent on their own and need no echo. Public routes (sign-in, set-up) are exempt:
 * they create the session, and they take JSON only, which a cross-site form
 * cannot send.
 */
public final class Csrf {

    /** The header carrying the token. */
    public static final String HEADER = "X-CSRF-Token";

    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private Csrf() {
    }

    /**
     * Refuses a request that needs the echo and lacks it.
     *
     * @param header the request's {@code X-CSRF-Token}, or {@code null}
     * @throws ApiException {@code csrf_failed} (403)
     */
    public static void check(String method, Access access, Principal principal, String header) {
        if (!required(method, access, principal)) {
            return;
        }
        if (header == null || !Secrets.equal(header, principal.session().csrfToken())) {
            throw new ApiException(ErrorCode.CSRF_FAILED, "missing or wrong " + HEADER
                    + " header; take the token from GET /api/v1/session", HEADER);
        }
    }

    /** Whether a request must carry the session's CSRF token. */
    public static boolean required(String method, Access access, Principal principal) {
        return STATE_CHANGING.contains(method) && principal.bySessionCookie() && access.level() != Access.Level.PUBLIC;
    }
}
