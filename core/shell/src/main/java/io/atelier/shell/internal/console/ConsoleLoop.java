package io.atelier.shell.internal.console;

import java.io.IOError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.felix.service.command.Job;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.ArgumentCompleter;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.shell.internal.workbench.CommandRegistry;
import io.atelier.shell.internal.workbench.GogoCommandAdapter;

/**
 * The console's read-run-print loop on its own thread, over a JLine terminal and
 * a Gogo session. Ctrl-C clears a half-typed line, interrupts a running command,
 * and at an empty prompt stops the workbench, as Ctrl-D and {@code exit} do.
 * Only {@link InteractiveConsole} creates it, and only when the console is on:
 * this class is the one that needs JLine.
 */
final class ConsoleLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleLoop.class);
    /** Lines never written to the history file: they may carry credentials. */
    private static final String HISTORY_IGNORE = "*account-add*";

    private final BundleContext context;
    private final CommandProcessor processor;
    private final CommandRegistry commands;
    private final Thread thread;
    private volatile boolean closing;
    /** Set when Ctrl-C interrupted the running command, so its failure reads as such. */
    private volatile boolean interrupted;
    private Terminal terminal;

    ConsoleLoop(BundleContext context, CommandProcessor processor, CommandRegistry commands) {
        this.context = context;
        this.processor = processor;
        this.commands = commands;
        this.thread = new Thread(this, "atelier-console");
        // Never what keeps the process alive: the framework's stop ends it.
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Ends the loop and gives the terminal back in its original mode, waiting at most {@code timeoutMs}. */
    void close(long timeoutMs) throws InterruptedException {
        closing = true;
        thread.interrupt();
        thread.join(timeoutMs);
        closeTerminal();
    }

    @Override
    public void run() {
        // JLine finds its terminal providers through the context class loader; without its own, a dumb terminal.
        Thread.currentThread().setContextClassLoader(Terminal.class.getClassLoader());
        CommandSession session = null;
        try {
            Terminal opened = TerminalBuilder.builder().system(true).name("atelier").build();
            if (!open(opened)) {
                return;
            }
            session = processor.createSession(opened.input(), opened.output(), opened.output());
            CommandSession running = session;
            opened.handle(Terminal.Signal.INT, signal -> interruptCommand(running));
            loop(opened.writer(), reader(opened, session), session);
        } catch (IOException | IOError | RuntimeException e) {
            if (!closing) {
                LOG.warn("The console ended: {}; the workbench runs on (bin/atelier exec reaches it)", e.toString());
            }
        } finally {
            if (session != null) {
                session.close();
            }
            closeTerminal();
        }
    }

    private void loop(PrintWriter out, LineReader reader, CommandSession session) {
        print(out, ConsoleText.HINT);
        while (!closing) {
            String line;
            try {
                line = reader.readLine(ConsoleText.PROMPT);
            } catch (UserInterruptException e) {
                if (closing) {
                    return;
                }
                if (e.getPartialLine().isEmpty()) {
                    stopWorkbench(out);
                    return;
                }
                continue;
            } catch (EndOfFileException e) {
                if (!closing) {
                    stopWorkbench(out);
                }
                return;
            }
            String command = line.strip();
            if (command.equals("exit")) {
                stopWorkbench(out);
                return;
            }
            if (!command.isEmpty()) {
                run(command, out, session);
            }
        }
    }

    private void run(String command, PrintWriter out, CommandSession session) {
        Optional<String> help = help(command);
        if (help.isPresent()) {
            print(out, help.get());
            return;
        }
        interrupted = false;
        try {
            Object result = session.execute(command);
            if (result != null) {
                print(out, session.format(result, Converter.INSPECT));
            }
        } catch (Exception e) {
            // After Ctrl-C the terminal has echoed ^C: the message goes on a line of its own.
            print(out, interrupted ? "\nInterrupted" : describe(e));
        } finally {
            // An interrupt that arrived after the command ended must not cut the next prompt short.
            Thread.interrupted();
        }
    }

    /**
     * An error as the console shows it: workbench commands fail with their message
     * as {@code toString()}; other errors keep their exception's name, except
     * Gogo's unknown command, which points to {@code help} instead.
     */
    private static String describe(Exception e) {
        return e.getClass().getName().equals("org.apache.felix.gogo.runtime.CommandNotFoundException")
                ? e.getMessage() + " (help lists the commands)" : e.toString();
    }

    /** {@code help} and {@code help <workbench command>}; anything else is Gogo's. */
    private Optional<String> help(String command) {
        String[] words = command.split("\\s+");
        if (!words[0].equals("help") || words.length > 2) {
            return Optional.empty();
        }
        if (words.length == 1) {
            return Optional.of(ConsoleText.help(commands.list()));
        }
        String name = words[1].startsWith(GogoCommandAdapter.SCOPE + ":")
                ? words[1].substring(GogoCommandAdapter.SCOPE.length() + 1) : words[1];
        return commands.list().stream().filter(c -> c.name().equals(name)).findFirst().map(ConsoleText::help);
    }

    private void interruptCommand(CommandSession session) {
        Job job = session.foregroundJob();
        if (job != null) {
            interrupted = true;
            job.interrupt();
        }
    }

    private void stopWorkbench(PrintWriter out) {
        print(out, ConsoleText.STOPPING);
        try {
            // The system bundle stops on a thread of its own: this returns at once, and the launcher ends the process.
            context.getBundle(0).stop();
        } catch (BundleException | IllegalStateException | SecurityException e) {
            print(out, "Atelier could not be stopped from the console: " + e.getMessage());
        }
    }

    private LineReader reader(Terminal terminal, CommandSession session) {
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("atelier")
                // Only the command name completes; the arguments are free text.
                .completer(new ArgumentCompleter(new StringsCompleter(() -> commandNames(session)),
                        NullCompleter.INSTANCE))
                // "!" is ordinary text in a post or a name, not a history reference.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .variable(LineReader.HISTORY_IGNORE, HISTORY_IGNORE);
        historyFile().ifPresent(file -> builder.variable(LineReader.HISTORY_FILE, file));
        return builder.build();
    }

    /** {@code data/console.history}, readable by its owner only; none without {@code atelier.home}. */
    private Optional<Path> historyFile() {
        String home = context.getProperty("atelier.home");
        if (home == null) {
            return Optional.empty();
        }
        Path file = Path.of(home, "data", "console.history");
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("History file {} left as it is: {}", file, e.toString());
        }
        return Optional.of(file);
    }

    /** Every command Gogo knows, as {@code scope:name} and as the bare name it also answers to. */
    private static Collection<String> commandNames(CommandSession session) {
        TreeSet<String> names = new TreeSet<>(List.of("help", "exit"));
        if (session.get(".commands") instanceof Collection<?> scoped) {
            for (Object command : scoped) {
                String name = command.toString();
                names.add(name);
                names.add(name.substring(name.indexOf(':') + 1));
            }
        }
        return names;
    }

    private static void print(PrintWriter out, CharSequence text) {
        out.println(ConsoleText.plain(text));
        out.flush();
    }

    private synchronized boolean open(Terminal opened) throws IOException {
        if (closing) {
            opened.close();
            return false;
        }
        terminal = opened;
        return true;
    }

    private synchronized void closeTerminal() {
        if (terminal != null) {
            try {
                terminal.close();
            } catch (IOException e) {
                LOG.debug("Closing the terminal: {}", e.toString());
            }
            terminal = null;
        }
    }
}
