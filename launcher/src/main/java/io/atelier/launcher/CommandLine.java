package io.atelier.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line as typed, before the configuration file is read: each value is
 * {@code null} when the option was not given, so the file can fill the gaps
 * ("the command line wins").
 *
 * @param port    {@code --port}
 * @param bind    {@code --bind}
 * @param plugins {@code --plugins}, as typed
 * @param profile {@code --profile}
 * @param home    {@code --home}
 * @param help    {@code --help}
 * @param version {@code --version}
 * @param exec    {@code exec <name> [args…]}: the command's name then its arguments; {@code null} to start Atelier
 */
record CommandLine(String port, String bind, String plugins, String profile, Path home, boolean help,
        boolean version, List<String> exec) {

    static final String USAGE = """
            Usage: atelier [options]                    start the workbench
                   atelier [options] exec <name> [args…] run a command in the running workbench

            Options (they override etc/atelier.properties):
              --port N             HTTP port (default 8080; 0 picks a free port)
              --bind ADDR          address to listen on (default 127.0.0.1)
              --plugins a,b        start only these plugins of plugins/ (default: all)
              --profile NAME|FILE  start the plugins listed in etc/profiles/NAME.txt or FILE,
                                   one per line
              --home DIR           the distribution's root (default: where this launcher lies)
              --help               print this help
              --version            print the version

            Environment: JAVA_HOME selects the Java runtime, JAVA_OPTS adds JVM options.
            At the first start, ATELIER_ADMIN_EMAIL, ATELIER_ADMIN_PASSWORD and ATELIER_API_TOKEN
            (or a properties file named by ATELIER_PROVISION_FILE) create the first administrator
            and an API token; without them the log shows a one-time set-up link.
            `exec` signs in with the token the running workbench writes to data/exec.token.
            """;

    /** Parses {@code args}; everything after {@code exec <name>} belongs to the command. */
    static CommandLine parse(String[] args) throws UsageException {
        String port = null;
        String bind = null;
        String plugins = null;
        String profile = null;
        Path home = null;
        boolean help = false;
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--port" -> port = inline != null ? inline : value(args, ++i, name);
                case "--bind" -> bind = inline != null ? inline : value(args, ++i, name);
                case "--plugins" -> plugins = inline != null ? inline : value(args, ++i, name);
                case "--profile" -> profile = inline != null ? inline : value(args, ++i, name);
                case "--home" -> home = Path.of(inline != null ? inline : value(args, ++i, name));
                case "exec" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException("exec: give the command's name, e.g. `atelier exec health`");
                    }
                    List<String> exec = new ArrayList<>(List.of(args).subList(i + 1, args.length));
                    return new CommandLine(port, bind, plugins, profile, home, help, version, List.copyOf(exec));
                }
                default -> throw new UsageException("unknown option or command '" + arg + "' (see --help)");
            }
        }
        return new CommandLine(port, bind, plugins, profile, home, help, version, null);
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(option + " needs a value (see --help)");
        }
        return args[index];
    }
}
