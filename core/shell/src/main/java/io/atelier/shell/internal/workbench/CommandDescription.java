package io.atelier.shell.internal.workbench;

/**
 * A command as {@code /api/v1/commands} lists it.
 *
 * @param name        the command's name, e.g. {@code workspaces}
 * @param description one line saying what it does
 * @param usage       its arguments, e.g. {@code <workspace>}
 * @param plugin      symbolic name of the contributing bundle
 */
public record CommandDescription(String name, String description, String usage, String plugin) {
}
