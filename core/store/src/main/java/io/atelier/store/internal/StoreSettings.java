package io.atelier.store.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * The store's configuration, checked: every problem is reported as an
 * {@link IllegalArgumentException} naming {@code etc/io.atelier.store.cfg} and the
 * key. Values that may hold secrets ({@code url}, {@code password}, {@code key}) are
 * never repeated in messages or in {@link #toString()}.
 *
 * @param kind     the database
 * @param url      the JDBC URL
 * @param user     the database user, empty for none
 * @param password the database password, empty for none
 * @param poolSize most connections kept open
 * @param dataDir  the installation's {@code data/} folder
 * @param keyFile  the key file, used when {@code key} is empty
 * @param key      the base64 key from configuration, or empty
 * @param nodeId   the configured node id, or empty to use {@code data/node-id}
 */
public record StoreSettings(DatabaseKind kind, String url, String user, String password, int poolSize,
        Path dataDir, Path keyFile, String key, String nodeId) {

    static final int MAX_POOL_SIZE = 200;
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * Reads {@code config} for an installation rooted at {@code home}.
     *
     * @throws IllegalArgumentException naming the file and the key of the first bad value
     */
    public static StoreSettings from(StoreConfig config, Path home) {
        Path dataDir = home.resolve("data").toAbsolutePath().normalize();

        String type = trim(config.type());
        DatabaseKind kind = DatabaseKind.byId(type.isEmpty() ? "h2" : type)
                .orElseThrow(() -> bad("type=" + type + " is not supported: use h2 or postgresql"));

        String url = trim(config.url());
        if (url.isEmpty()) {
            if (kind == DatabaseKind.POSTGRESQL) {
                throw bad("url is required when type=postgresql, e.g. url=jdbc:postgresql://db.example:5432/atelier");
            }
            url = "jdbc:h2:file:" + dataDir.resolve("atelier");
        } else if (!url.startsWith(kind.urlPrefix())) {
            throw bad("url must start with " + kind.urlPrefix() + " when type=" + kind.id());
        }

        int poolSize;
        String pool = trim(config.poolSize());
        try {
            poolSize = pool.isEmpty() ? 10 : Integer.parseInt(pool);
        } catch (NumberFormatException e) {
            poolSize = -1;
        }
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw bad("poolSize=" + pool + " must be a whole number from 1 to " + MAX_POOL_SIZE);
        }

        String keyFile = trim(config.keyFile());
        Path keyPath = keyFile.isEmpty() ? dataDir.resolve("secret.key") : home.resolve(keyFile).toAbsolutePath();

        String nodeId = trim(config.nodeId());
        if (!nodeId.isEmpty() && !NODE_ID.matcher(nodeId).matches()) {
            throw bad("nodeId=" + nodeId + " must be 1 to 64 letters, digits, '.', '_' or '-'");
        }

        return new StoreSettings(kind, url, trim(config.user()), nullToEmpty(config.password()), poolSize, dataDir,
                keyPath, trim(config.key()), nodeId);
    }

    /** The URL without user or password parameters: safe to show and log. */
    public String location() {
        return redact(url);
    }

    /**
     * A JDBC URL without its user and password parameters, whether written H2 style
     * ({@code ;USER=sa;PASSWORD=x}) or as a query ({@code ?user=a&password=x&sslpassword=y}).
     */
    static String redact(String url) {
        int query = url.indexOf('?');
        String[] path = (query < 0 ? url : url.substring(0, query)).split(";", -1);
        StringBuilder redacted = new StringBuilder(path[0]);
        for (int i = 1; i < path.length; i++) {
            if (!isCredential(path[i])) {
                redacted.append(';').append(path[i]);
            }
        }
        if (query >= 0) {
            String kept = Arrays.stream(url.substring(query + 1).split("&"))
                    .filter(parameter -> !isCredential(parameter))
                    .collect(Collectors.joining("&"));
            if (!kept.isEmpty()) {
                redacted.append('?').append(kept);
            }
        }
        return redacted.toString();
    }

    private static boolean isCredential(String parameter) {
        String name = parameter.split("=", 2)[0].strip().toLowerCase(Locale.ROOT);
        return name.equals("user") || name.contains("password");
    }

    /** An error naming the configuration file and the key. */
    static IllegalArgumentException bad(String problem) {
        return new IllegalArgumentException(StoreConfig.FILE + ": " + problem);
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    public String toString() {
        return "StoreSettings[kind=" + kind.id() + ", location=" + location() + ", user=" + user + ", poolSize="
                + poolSize + ", dataDir=" + dataDir + ", keyFile=" + keyFile + ", key=" + (key.isEmpty() ? "" : "***")
                + ", nodeId=" + nodeId + "]";
    }
}
