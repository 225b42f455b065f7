package io.atelier.shell.internal.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers every answer of the shell carries. The policy allows scripts and
 * styles from the workbench itself only — no inline code — so text that slips
 * into the page as markup still cannot run.
 */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    private SecurityHeaders() {
    }

    /** Sets the security headers on {@code response}. */
    public static void apply(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
    }
}
