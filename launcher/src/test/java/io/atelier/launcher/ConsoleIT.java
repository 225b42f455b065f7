package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The interactive console in a real pseudo-terminal (util-linux {@code script},
 * part of Debian's essential bsdutils), typed at as a person would: a workbench
 * command runs and its text shows, {@code help} lists the commands, Ctrl-C on a
 * half-typed line only clears it, and Ctrl-C at the empty prompt stops Atelier
 * cleanly. One boot.
 */
class ConsoleIT {

    private static final Path SCRIPT = Path.of("/usr/bin/script");
    private static final String PROMPT = "atelier> ";
    private static final String CTRL_C = "\u0003";
    private static final Duration ANSWER = Duration.ofSeconds(30);
    /** Terminal control sequences (CSI, OSC, and the two-byte ones JLine sends), left out of what the screen says. */
    private static final Pattern ESCAPES = Pattern.compile(
            "\u001b(\\[[0-9;?<=>]*[ -/]*[@-~]|\\][^\u0007\u001b]*(\u0007|\u001b\\\\)|[()][0-9A-Za-z]|[=>78])");
    private static final Pattern CREATED = Pattern.compile("Created workspace (ws_[a-z0-9]+) \\(Console, Europe/Paris\\)");

    @TempDir
    Path tmp;

    @Test
    void runsCommandsAndStopsOnCtrlCAtTheEmptyPrompt() throws Exception {
        assertTrue(Files.isExecutable(SCRIPT), SCRIPT + " is missing: run `apt-get install -y bsdutils`");
        try (AtelierProcess atelier = AtelierProcess.copyOfDistribution(tmp)) {
            atelier.startInTerminal("--port", Integer.toString(AtelierProcess.freePort())).awaitReady();
            Rest rest = atelier.rest();
            int mark = awaitPromptAfter(atelier, "Type help for commands, Ctrl-C or Ctrl-D to stop Atelier.", 0);

            atelier.type("atelier:workspace-create Console Europe/Paris\r");
            mark = awaitPromptAfter(atelier, "Created workspace ws_", mark);
            Matcher created = CREATED.matcher(screen(atelier));
            assertTrue(created.find(), "the console shows the command's text\n" + atelier.output());
            assertEquals("Console", workspaceName(rest, created.group(1)), "REST lists the workspace");

            atelier.type("help\r");
            int help = mark;
            mark = awaitPromptAfter(atelier, "felix:help lists", mark);
            String listing = screen(atelier).substring(help, mark);
            assertTrue(Pattern.compile("(?m)^workspaces +Lists").matcher(listing).find(), listing);
            assertTrue(Pattern.compile("(?m)^workspace-create +\\S").matcher(listing).find(), listing);

            // Ctrl-C on a half-typed line clears the line; the workbench runs on.
            atelier.type("works");
            int typed = mark;
            await(atelier, "the typed text to show", () -> screen(atelier).indexOf("works", typed) >= 0);
            atelier.type(CTRL_C);
            mark = awaitPromptAfter(atelier, "works", mark);
            assertEquals(200, rest.get("api/v1/health").status(), "Ctrl-C on a typed line must not stop Atelier");

            atelier.type(CTRL_C);
            assertTrue(atelier.waitForExit(Duration.ofSeconds(20)),
                    "Ctrl-C at the empty prompt must stop Atelier within 20 s\n" + atelier.output());
            assertTrue(atelier.stdout().contains("Stopping Atelier"), atelier.output());
            assertTrue(atelier.stdout().contains("Atelier stopped"), atelier.output());
            assertEquals(0, atelier.exitCode(), atelier.output());
        }
    }

    /**
     * Waits for {@code text} at or after {@code from} in what the terminal shows,
     * then for a prompt after it; returns where the text after that prompt begins.
     */
    private static int awaitPromptAfter(AtelierProcess atelier, String text, int from) throws InterruptedException {
        int[] after = new int[1];
        await(atelier, "\"" + text + "\" then a prompt", () -> {
            String screen = screen(atelier);
            int at = screen.indexOf(text, from);
            int prompt = at < 0 ? -1 : screen.indexOf(PROMPT, at + text.length());
            after[0] = prompt + PROMPT.length();
            return prompt >= 0;
        });
        return after[0];
    }

    /** {@link Poll#until}, failing with everything the terminal showed. */
    private static void await(AtelierProcess atelier, String what, Poll.Check check) throws InterruptedException {
        try {
            Poll.until(what, ANSWER, check);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + atelier.output(), e);
        }
    }

    /** What the terminal showed, as text. */
    private static String screen(AtelierProcess atelier) {
        return ESCAPES.matcher(atelier.stdout()).replaceAll("");
    }

    private static String workspaceName(Rest rest, String id) throws Exception {
        for (JsonElement element : rest.get("api/v1/workspaces").array()) {
            JsonObject workspace = element.getAsJsonObject();
            if (workspace.get("id").getAsString().equals(id)) {
                return workspace.get("name").getAsString();
            }
        }
        return null;
    }
}
