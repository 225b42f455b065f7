package io.atelier.shell.internal.rest;

import java.util.List;

/**
 * An answer whose status or headers depend on its content, such as health (200
 * when up, 503 when down, with the same body) or a sign-in (with its cookie).
 * Handlers return it instead of the bare body.
 *
 * @param status  HTTP status
 * @param body    written as JSON; {@code null} with 204
 * @param headers extra headers as name/value pairs, e.g. {@code Set-Cookie}
 */
public record Reply(int status, Object body, List<Header> headers) {

    public Reply {
        headers = List.copyOf(headers);
    }

    public Reply(int status, Object body) {
        this(status, body, List.of());
    }

    /** One header of a reply (a name may repeat). */
    public record Header(String name, String value) {
    }
}
