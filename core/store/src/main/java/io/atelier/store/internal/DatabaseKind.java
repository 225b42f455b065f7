package io.atelier.store.internal;

import java.util.Arrays;
import java.util.Optional;

/** The databases the store runs on, named as in the {@code type} setting. */
public enum DatabaseKind {
    /** Embedded H2 in file mode: the single-machine default. */
    H2("h2", "jdbc:h2:"),
    /** A PostgreSQL server, shared by every node of a scaled-out installation. */
    POSTGRESQL("postgresql", "jdbc:postgresql:");

    private final String id;
    private final String urlPrefix;

    DatabaseKind(String id, String urlPrefix) {
        this.id = id;
        this.urlPrefix = urlPrefix;
    }

    /** The name used in configuration and shown by {@code StoreInfo.kind()}. */
    public String id() {
        return id;
    }

    /** How a JDBC URL for this database starts. */
    public String urlPrefix() {
        return urlPrefix;
    }

    /** The kind named {@code id}, ignoring case. */
    public static Optional<DatabaseKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equalsIgnoreCase(id.trim())).findFirst();
    }
}
