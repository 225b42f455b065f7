package io.atelier.api.workbench;

import java.util.Objects;

/**
 * What a command produced: text for a person at the console, data for the REST
 * API and scripts.
 *
 * @param text the human-readable outcome, shown by the console
 * @param data the structured outcome (records, lists, maps, strings, numbers), returned as JSON; may be {@code null}
 */
public record CommandResult(String text, Object data) {

    public CommandResult {
        Objects.requireNonNull(text, "text");
    }

    /** A result that is text only. */
    public static CommandResult text(String text) {
        return new CommandResult(text, null);
    }
}
