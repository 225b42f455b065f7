package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the command line, {@code etc/atelier.properties} and profiles combine, on a real directory. */
class SettingsTest {

    @TempDir
    Path home;

    @BeforeEach
    void layout() throws IOException {
        Files.createDirectories(home.resolve("system"));
        Files.createDirectories(home.resolve("etc/profiles"));
        Files.createDirectories(home.resolve("plugins"));
    }

    @Test
    void defaultsWithoutAFile() throws Exception {
        Settings settings = resolve();
        assertEquals(8080, settings.port());
        assertEquals("127.0.0.1", settings.bind());
        assertEquals(Set.of(), settings.plugins());
    }

    @Test
    void theCommandLineWinsOverTheFile() throws Exception {
        properties("port=9000\nbind=127.0.0.1\nplugins=bluesky, mastodon\n");
        assertEquals(9000, resolve().port());
        assertEquals(Set.of("bluesky", "mastodon"), resolve().plugins());

        Settings settings = resolve("--port", "9100", "--plugins", "sample");
        assertEquals(9100, settings.port());
        assertEquals(Set.of("sample"), settings.plugins());
    }

    @Test
    void aBadValueNamesTheFileAndKeyOrTheOption() throws Exception {
        properties("port=eighty\n");
        UsageException fromFile = assertThrows(UsageException.class, this::resolve);
        assertEquals("etc/atelier.properties, key port: 'eighty' is not a port number (1-65535, or 0 for a free port)",
                fromFile.getMessage());

        UsageException fromLine = assertThrows(UsageException.class, () -> resolve("--port", "70000"));
        assertEquals("--port: '70000' is not a port number (1-65535, or 0 for a free port)", fromLine.getMessage());

        assertThrows(UsageException.class, () -> resolve("--port"));
        assertThrows(UsageException.class, () -> resolve("--frobnicate"));
    }

    @Test
    void thePublicAddressEndsInASlashAndMustBeAWebAddress() throws Exception {
        assertEquals("", resolve().publicUrl());
        properties("publicUrl=https://atelier.example.com\n");
        assertEquals("https://atelier.example.com/", resolve().publicUrl());
        properties("publicUrl=https://example.com/atelier/\n");
        assertEquals("https://example.com/atelier/", resolve().publicUrl());

        for (String bad : List.of("atelier.example.com", "ftp://example.com/", "https://example.com/?a=b",
                "https://user:pw@example.com/")) {
            properties("publicUrl=" + bad + "\n");
            UsageException e = assertThrows(UsageException.class, this::resolve, bad);
            assertEquals("etc/atelier.properties, key publicUrl: '" + bad + "' is not an http(s) address such as"
                    + " https://atelier.example.com/", e.getMessage());
        }
    }

    @Test
    void aProfileListsOnePluginPerLine() throws Exception {
        Files.writeString(home.resolve("etc/profiles/freelance.txt"), "# my set\nbluesky\n\nwordpress  # blog\n");
        assertEquals(Set.of("bluesky", "wordpress"), resolve("--profile", "freelance").plugins());

        UsageException missing = assertThrows(UsageException.class, () -> resolve("--profile", "agency"));
        assertEquals(true, missing.getMessage().contains("etc/profiles/agency.txt"), missing.getMessage());

        Files.writeString(home.resolve("etc/profiles/empty.txt"), "# nothing\n");
        assertThrows(UsageException.class, () -> resolve("--profile", "empty"));
    }

    @Test
    void execTakesEverythingAfterItsName() throws Exception {
        CommandLine line = CommandLine.parse(new String[] { "--port", "9000", "exec", "workspace-create", "--port", "x" });
        assertEquals(List.of("workspace-create", "--port", "x"), line.exec());
        assertEquals("9000", line.port());
    }

    @Test
    void aPluginIsSelectedByTheLastSegmentOfItsNameOrItsJarName() throws Exception {
        bundle("atelier-plugin-sample-0.1.0-SNAPSHOT.jar", "io.atelier.platform.sample");
        bundle("atelier-plugin-other-1.0.0.jar", "io.atelier.platform.other");
        bundle("wordpress-connector-2.1.jar", "com.example.blog");
        Distribution dist = new Distribution(home);

        List<String> missing = new ArrayList<>();
        List<Path> chosen = dist.selectedPlugins(Set.of("sample", "wordpress-connector", "ghost"), missing);

        assertEquals(List.of("atelier-plugin-sample-0.1.0-SNAPSHOT.jar", "wordpress-connector-2.1.jar"),
                chosen.stream().map(p -> p.getFileName().toString()).sorted().toList());
        assertEquals(List.of("ghost"), missing);
        assertEquals(3, dist.selectedPlugins(Set.of(), new ArrayList<>()).size(), "no selection starts them all");
    }

    @Test
    void execPrintsTheTextOrTheErrorMessage() {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        assertEquals(0, Exec.print(200, "{\"text\":\"2 workspaces\\nAcme \\\"café\\\"\",\"data\":[1,{\"a\":null}]}",
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true)));
        assertEquals("2 workspaces\nAcme \"café\"\n", out.toString());
        assertEquals(1, Exec.print(404, "{\"code\":\"not_found\",\"message\":\"no command frob\",\"field\":\"name\"}",
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true)));
        assertEquals("no command frob (name)\n", err.toString());
    }

    private Settings resolve(String... args) throws UsageException {
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Settings.resolve(CommandLine.parse(all));
    }

    private void properties(String text) throws IOException {
        Files.writeString(home.resolve("etc/atelier.properties"), text);
    }

    private void bundle(String file, String bsn) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", bsn + ";singleton:=true");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(home.resolve("plugins").resolve(file)),
                manifest)) {
            out.finish();
        }
    }
}
