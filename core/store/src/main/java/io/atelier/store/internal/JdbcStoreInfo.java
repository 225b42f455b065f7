package io.atelier.store.internal;

import java.sql.Connection;
import java.sql.SQLException;

import io.atelier.store.StoreInfo;

/** What the running store is, as fixed at start, plus a live round trip for {@link #isUp()}. */
final class JdbcStoreInfo implements StoreInfo {

    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final Database database;
    private final String location;
    private final String nodeId;
    private final int schemaVersion;

    JdbcStoreInfo(Database database, String location, String nodeId, int schemaVersion) {
        this.database = database;
        this.location = location;
        this.nodeId = nodeId;
        this.schemaVersion = schemaVersion;
    }

    @Override
    public String kind() {
        return database.kind().id();
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    @Override
    public boolean isUp() {
        try (Connection connection = database.dataSource().getConnection()) {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return kind() + " " + location + " (schema " + schemaVersion + ", node " + nodeId + ")";
    }
}
