package io.atelier.shell.internal.console;

import java.util.List;

import io.atelier.shell.internal.workbench.CommandDescription;
import io.atelier.shell.internal.workbench.TextTable;

/**
 * What the console prints besides the commands' own text: the start hint, the
 * help listing, and the rule that text coming from data reaches the terminal as
 * plain text. Kept apart from JLine so it is tested on its own.
 */
final class ConsoleText {

    static final String PROMPT = "atelier> ";
    static final String HINT = "Type help for commands, Ctrl-C or Ctrl-D to stop Atelier.";
    static final String STOPPING = "Stopping Atelier...";

    private ConsoleText() {
    }

    /**
     * The text with every control character but newline and tab replaced by
     * {@code ?}: a name or a post holding an escape sequence must not move the
     * cursor, recolour or retitle the terminal.
     */
    static String plain(CharSequence text) {
        StringBuilder plain = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue;
            }
            plain.append(c != '\n' && c != '\t' && Character.isISOControl(c) ? '?' : c);
        }
        return plain.toString();
    }

    /** The listing {@code help} prints: every workbench command with its description. */
    static String help(List<CommandDescription> commands) {
        TextTable table = new TextTable("command", "description");
        for (CommandDescription command : commands) {
            table.row(command.name(), command.description());
        }
        return "Workbench commands (also as atelier:<command>):\n" + table
                + "\n\nhelp <command> shows its arguments; felix:help lists the framework's commands (lb, start,"
                + " stop...)."
                + "\nCtrl-C clears the line or interrupts a running command; at an empty prompt Ctrl-C, Ctrl-D"
                + " or exit stops Atelier.";
    }

    /** What {@code help <command>} prints for a workbench command. */
    static String help(CommandDescription command) {
        return "usage: " + (command.name() + " " + command.usage()).strip()
                + (command.description().isBlank() ? "" : "\n" + command.description())
                + (command.plugin() == null ? "" : "\nfrom " + command.plugin());
    }
}
