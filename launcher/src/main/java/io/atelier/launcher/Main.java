package io.atelier.launcher;

import java.io.Console;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Entry point of {@code bin/atelier}: starts the workbench on Felix, or with
 * {@code exec} runs a command in the running one. A plain Java program with only
 * the framework on its class path; everything else is a bundle.
 */
public final class Main {

    private Main() {
    }

    /** Parses the command line, then starts, execs, or prints help or version. */
    public static void main(String[] args) {
        // The JVM's own start time: the process start time of /proc is coarse and skewed in containers.
        long startedAt = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.exit(run(args, startedAt));
    }

    private static int run(String[] args, long startedAt) {
        try {
            CommandLine line = CommandLine.parse(args);
            if (line.help()) {
                System.out.print(CommandLine.USAGE);
                return 0;
            }
            if (line.version()) {
                System.out.println("Atelier " + version());
                return 0;
            }
            Settings settings = Settings.resolve(line);
            if (line.exec() != null) {
                List<String> exec = line.exec();
                return Exec.run(settings, exec.get(0), exec.subList(1, exec.size()), System.out, System.err);
            }
            Console console = System.console();
            return new Workbench(settings, version(), console != null, System.out, System.err).run(startedAt);
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            return UsageException.EXIT_CODE;
        } catch (Exception e) {
            System.err.println("Atelier cannot start: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    /** The product version, written into the launcher's manifest by the build. */
    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
