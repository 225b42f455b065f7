package io.atelier.shell.internal.rest;

/**
 * The JSON of every error answer: {@code {"code","message","field"}}, with
 * {@code field} null when the error concerns no field.
 *
 * @param code    stable machine-readable code
 * @param message what is wrong, for a person
 * @param field   the field concerned, or {@code null}
 */
public record ErrorBody(String code, String message, String field) {
}
