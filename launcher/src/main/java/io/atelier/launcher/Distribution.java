package io.atelier.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The directories of an Atelier distribution and the bundles they hold. The
 * launcher installs what lies there at every start (the framework cache is
 * wiped), so the directories are the only state: adding or removing a jar and
 * restarting is all there is to it.
 */
final class Distribution {

    private final Path home;

    Distribution(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    Path system() {
        return home.resolve("system");
    }

    Path core() {
        return home.resolve("core");
    }

    Path plugins() {
        return home.resolve("plugins");
    }

    Path deploy() {
        return home.resolve("deploy");
    }

    Path etc() {
        return home.resolve("etc");
    }

    Path data() {
        return home.resolve("data");
    }

    /** The jars of {@code dir}, by name; none when it does not exist. */
    static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted().toList();
        }
    }

    /**
     * The jars of {@code plugins/} whose name is in {@code selection}, or all of
     * them when it is empty. A plugin's names are the last segment of its bundle
     * symbolic name ({@code io.atelier.platform.sample} is {@code sample}) and its
     * file name without version ({@code atelier-plugin-sample}).
     *
     * @param missing receives the selected names that match no jar
     */
    List<Path> selectedPlugins(Set<String> selection, List<String> missing) throws IOException {
        List<Path> all = jars(plugins());
        if (selection.isEmpty()) {
            return all;
        }
        List<Path> chosen = new ArrayList<>();
        Set<String> found = new TreeSet<>();
        for (Path jar : all) {
            for (String name : names(jar)) {
                if (selection.contains(name)) {
                    chosen.add(jar);
                    found.add(name);
                    break;
                }
            }
        }
        for (String name : selection) {
            if (!found.contains(name)) {
                missing.add(name);
            }
        }
        return chosen;
    }

    /** The names a plugin jar answers to. */
    static List<String> names(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        String bsn = symbolicName(jar);
        if (bsn != null) {
            names.add(bsn.substring(bsn.lastIndexOf('.') + 1));
            names.add(bsn);
        }
        String file = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        names.add(file.replaceFirst("-\\d.*$", ""));
        names.add(file);
        return names;
    }

    /** The bundle symbolic name in {@code jar}'s manifest, without directives; {@code null} if none. */
    static String symbolicName(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getManifest() == null) {
                return null;
            }
            String value = file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
            return value == null ? null : value.split(";")[0].strip();
        }
    }

    /** Whether {@code jar} is a fragment: RESOLVED is its normal state, it is never started. */
    static boolean isFragment(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes main = file.getManifest() == null ? null : file.getManifest().getMainAttributes();
            return main != null && main.getValue("Fragment-Host") != null;
        }
    }
}
