package io.atelier.store;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the running store is: shown in the About view and {@code /api/v1/health}.
 * Registered once the schema is migrated, so a service depending on it starts on a
 * ready database.
 */
@ProviderType
public interface StoreInfo {

    /** {@code h2} or {@code postgresql}. */
    String kind();

    /** The JDBC URL without user or password. */
    String location();

    /** This node's id, stable across restarts (from configuration or generated once under {@code data/}). */
    String nodeId();

    /** The highest migration applied. */
    int schemaVersion();

    /** Whether the database answers right now (a cheap round trip). */
    boolean isUp();
}
