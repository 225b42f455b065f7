package io.atelier.shell.internal.rest;

import java.util.List;

import io.atelier.api.platform.Problem;

/**
 * The JSON of every error answer: {@code {"code","message","field"}}, with
 * {@code field} null when the error concerns no field.
 *
 * @param code    stable machine-readable code
 * @param message what is wrong, for a person
 * @param field   the field concerned, or {@code null}
 */
public record ErrorBody(String code, String message, String field) {

    /**
     * An error that found several problems at once (a post with a past time and a
     * text too long): the first one is {@code message} and {@code field}, and
     * {@code problems} lists them all, so a form can mark every field at once.
     *
     * @param problems every problem, each {@code {"field","message"}}
     */
    public record WithProblems(String code, String message, String field, List<Problem> problems) {

        public WithProblems {
            problems = List.copyOf(problems);
        }
    }

    /**
     * An error at a place in a text the caller sent (a listening query): {@code position}
     * is the 0-based index of the character where the problem is.
     */
    public record AtPosition(String code, String message, String field, int position) {
    }
}
