package io.atelier.shell.internal.rest;

/**
 * An answer whose status depends on its content, such as health: 200 when up,
 * 503 when down, with the same body. Handlers return it instead of the bare body.
 *
 * @param status HTTP status
 * @param body   written as JSON
 */
public record Reply(int status, Object body) {
}
