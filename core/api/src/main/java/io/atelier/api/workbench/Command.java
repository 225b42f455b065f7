package io.atelier.api.workbench;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An action any bundle offers to the workbench, registered as a service of this
 * type with {@link #NAME}. The shell offers every command in three places: the
 * console (as {@code atelier:<name>}, also headless through {@code bin/atelier exec}),
 * the REST API ({@code POST /api/v1/commands/<name>}) and the web workbench. A
 * bundle never imports the console's own API.
 */
@ConsumerType
public interface Command {

    /** Service property: the command's name, {@code [a-z][a-z0-9-]*}, e.g. {@code workspaces}. */
    String NAME = "atelier.command.name";
    /** Service property: one line saying what it does. */
    String DESCRIPTION = "atelier.command.description";
    /** Service property: its arguments, e.g. {@code <workspace> [<zone>]}. */
    String USAGE = "atelier.command.usage";

    /**
     * Runs the command. Called on a console or request thread: a long action
     * hands its work to its own executor and returns what it started.
     *
     * @param args the arguments as typed, without the command's name
     * @throws CommandException when the arguments or the state of things do not allow it
     */
    CommandResult execute(List<String> args) throws CommandException;
}
