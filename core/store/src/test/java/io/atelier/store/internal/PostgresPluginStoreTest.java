package io.atelier.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/**
 * The plugin store's contract on a real PostgreSQL server (a new database per test),
 * where two stores on one database are two nodes racing for the same keys.
 */
class PostgresPluginStoreTest extends PluginStoreContractTest {

    @Override
    StoreSettings freshDatabase(Path home) throws Exception {
        return PostgresServer.freshDatabase("plugins", 4, home);
    }

    /**
     * The test server runs in the C locale, where the contract's order test would pass
     * without the migration's collation; servers in production often run en_US.UTF-8,
     * where 'a' sorts before 'B'. So the key column's own collation is checked here.
     */
    @Test
    void keysCompareByCharacterCodesWhateverTheServersLocale() throws Exception {
        try (Connection connection = pool.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT collation_name FROM information_schema.columns"
                        + " WHERE table_name = 'plugin_entry' AND column_name = 'entry_key'")) {
            assertTrue(row.next(), "plugin_entry.entry_key exists");
            assertEquals("C", row.getString(1));
        }
    }
}
