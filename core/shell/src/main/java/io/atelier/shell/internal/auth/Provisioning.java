package io.atelier.shell.internal.auth;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * What an installation is given to start without interaction: an administrator
 * and an API token, from the environment ({@code ATELIER_ADMIN_EMAIL},
 * {@code ATELIER_ADMIN_PASSWORD}, {@code ATELIER_ADMIN_NAME},
 * {@code ATELIER_API_TOKEN}) or from a properties file ({@code admin.email},
 * {@code admin.password}, {@code admin.name}, {@code api.token}) named by
 * {@code ATELIER_PROVISION_FILE} or the framework property
 * {@code atelier.provision.file}. The environment wins key by key.
 *
 * @param adminEmail    the administrator to create while nobody exists, or {@code null}
 * @param adminPassword their password, or {@code null}
 * @param adminName     their display name, or {@code null} for "Administrator"
 * @param apiToken      a token to register for that administrator, or {@code null}
 * @param problem       why the file could not be read, or {@code null}
 */
public record Provisioning(String adminEmail, String adminPassword, String adminName, String apiToken,
        String problem) {

    public static final String FILE_PROPERTY = "atelier.provision.file";
    public static final String FILE_VARIABLE = "ATELIER_PROVISION_FILE";

    /** Reads the settings from {@code env} and the file it or {@code fileProperty} names. */
    public static Provisioning read(Map<String, String> env, String fileProperty) {
        String fileName = blankToNull(env.get(FILE_VARIABLE));
        if (fileName == null) {
            fileName = blankToNull(fileProperty);
        }
        Properties file = new Properties();
        String problem = null;
        if (fileName != null) {
            try (Reader reader = Files.newBufferedReader(Path.of(fileName), StandardCharsets.UTF_8)) {
                file.load(reader);
            } catch (IOException | RuntimeException e) {
                problem = "cannot read the provisioning file " + fileName + ": " + e.getClass().getSimpleName();
            }
        }
        return new Provisioning(
                pick(env, "ATELIER_ADMIN_EMAIL", file, "admin.email"),
                pick(env, "ATELIER_ADMIN_PASSWORD", file, "admin.password"),
                pick(env, "ATELIER_ADMIN_NAME", file, "admin.name"),
                pick(env, "ATELIER_API_TOKEN", file, "api.token"),
                problem);
    }

    /** Whether anything is provisioned at all. */
    public boolean any() {
        return adminEmail != null || adminPassword != null || apiToken != null;
    }

    private static String pick(Map<String, String> env, String variable, Properties file, String key) {
        String value = blankToNull(env.get(variable));
        return value != null ? value : blankToNull(file.getProperty(key));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Never shows the password or the token. */
    @Override
    public String toString() {
        return "Provisioning[adminEmail=" + adminEmail + ", adminPassword=" + (adminPassword == null ? "none" : "***")
                + ", apiToken=" + (apiToken == null ? "none" : "***") + "]";
    }
}
