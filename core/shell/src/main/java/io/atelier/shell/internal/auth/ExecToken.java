package io.atelier.shell.internal.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local exec token: a random secret made at each start and written to
 * {@code ${atelier.home}/data/exec.token} (owner read/write only), so
 * {@code bin/atelier exec} on this machine can call the running workbench as the
 * {@code system} principal. It lives in memory only and serves this node only;
 * without {@code atelier.home} no file is written and nobody can present it.
 */
@Component(service = ExecToken.class)
public final class ExecToken {

    /** The file, relative to {@code atelier.home}. */
    public static final String FILE = "data/exec.token";

    private static final Logger LOG = LoggerFactory.getLogger(ExecToken.class);

    private final String token = Secrets.random(32);

    @Activate
    public ExecToken(BundleContext context) {
        String home = context.getProperty("atelier.home");
        if (home != null && !home.isBlank()) {
            write(Path.of(home).resolve(FILE));
        }
    }

    /** Whether {@code presented} is this start's exec token (constant-time). */
    public boolean matches(String presented) {
        return Secrets.equal(presented, token);
    }

    /** Replaces the file atomically, created owner-only so the secret is never readable by others. */
    private void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            Path temporary = posix
                    ? Files.createTempFile(file.getParent(), ".exec.token", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(file.getParent(), ".exec.token", ".tmp");
            try {
                Files.writeString(temporary, token, StandardCharsets.UTF_8);
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("Could not write {}: {}; bin/atelier exec will not be able to sign in", file, e.getMessage());
        }
    }
}
