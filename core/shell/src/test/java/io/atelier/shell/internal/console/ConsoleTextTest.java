package io.atelier.shell.internal.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.shell.internal.workbench.CommandDescription;

class ConsoleTextTest {

    @Test
    void escapeSequencesFromDataReachTheTerminalAsPlainText() {
        assertEquals("?[2J?]0;title?name", ConsoleText.plain("\u001b[2J\u001b]0;title\u0007name"));
        assertEquals("a\nb\tc\nd?e", ConsoleText.plain("a\r\nb\tc\nd\u009be"));
    }

    @Test
    void helpListsEveryCommandWithItsDescription() {
        String help = ConsoleText.help(List.of(
                new CommandDescription("workspaces", "Lists the workspaces", "", "io.atelier.shell"),
                new CommandDescription("workspace-create", "Creates a workspace", "<name> <zone>", "io.atelier.shell")));
        assertTrue(help.contains("\nworkspaces        Lists the workspaces\n"), help);
        assertTrue(help.contains("\nworkspace-create  Creates a workspace\n"), help);
        assertFalse(help.contains("\u001b"), help);
    }

    @Test
    void helpForOneCommandShowsItsArguments() {
        assertEquals("usage: workspace-create <name> <zone>\nCreates a workspace\nfrom io.atelier.shell",
                ConsoleText.help(new CommandDescription("workspace-create", "Creates a workspace", "<name> <zone>",
                        "io.atelier.shell")));
        assertEquals("usage: health", ConsoleText.help(new CommandDescription("health", "", "", null)));
    }
}
