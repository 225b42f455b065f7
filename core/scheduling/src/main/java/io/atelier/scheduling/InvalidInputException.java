package io.atelier.scheduling;

import java.util.List;
import java.util.Objects;

import io.atelier.api.platform.Problem;

/**
 * The input breaks a rule: every problem found, each naming its field (such as
 * {@code at}, {@code accounts[1]} or {@code variants.acc_1.text}) in the REST API's
 * terms. Nothing was written.
 */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(Objects.requireNonNull(problems, "problems").isEmpty() ? "invalid input" : problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new Problem(field, message)));
    }

    /** Every problem, the first one being the exception's message. */
    public List<Problem> problems() {
        return problems;
    }

    /** The field of the first problem. */
    public String field() {
        return problems.isEmpty() ? null : problems.get(0).field();
    }
}
