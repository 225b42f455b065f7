package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;


/**
 * The distribution configured for PostgreSQL by {@code etc/io.atelier.store.cfg}
 * keeps its data there from the first request: a real PostgreSQL server (binaries
 * from Maven Central), no local H2 database at any moment, and the configuration
 * file left exactly as written. This boot is provisioned through the file named
 * by {@code ATELIER_PROVISION_FILE} rather than the three variables, so both ways
 * are exercised without another boot.
 */
class PostgresIT {

    @TempDir
    Path tmp;

    @Test
    void storesInPostgresqlWhenTheConfigurationSaysSo() throws Exception {
        Postgres.Database database = Postgres.fresh();
        try (AtelierProcess atelier = AtelierProcess.copyOfDistribution(tmp)) {
            Path config = atelier.home().resolve("etc/io.atelier.store.cfg");
            String written = database.storeConfig();
            Files.writeString(config, written);

            atelier.provisionFromFile(tmp.resolve("provision.properties"))
                    .start("--port", Integer.toString(AtelierProcess.freePort())).awaitReady();
            Rest rest = atelier.rest();

            Rest.Answer session = rest.get("api/v1/session");
            assertEquals(200, session.status(), "the provisioned token signs in\n" + session.body() + "\n" + atelier.output());
            JsonObject person = session.object().getAsJsonObject("person");
            assertEquals(atelier.admin().email(), person.get("email").getAsString(), session.body());
            assertTrue(person.get("admin").getAsBoolean(), "the provisioned person is an administrator: " + session.body());

            JsonObject health = rest.get("api/v1/health").object();
            assertEquals("postgresql", health.get("store").getAsString(), atelier.output());
            Rest.Answer created = rest.post("api/v1/workspaces", "{\"name\":\"Brasserie Lune\",\"zone\":\"Europe/Paris\"}");
            assertEquals(201, created.status(), created.body());
            String id = created.object().get("id").getAsString();

            try (Connection c = database.connect();
                    Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("SELECT name FROM workspace WHERE id = '" + id + "'")) {
                assertTrue(rows.next(), "the workspace is a row of the PostgreSQL database");
                assertEquals("Brasserie Lune", rows.getString(1));
            }
            try (var files = Files.list(atelier.home().resolve("data"))) {
                assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".mv.db")),
                        "no H2 database was opened on a node configured for PostgreSQL");
            }

            atelier.terminate();
            assertTrue(atelier.waitForExit(Duration.ofSeconds(30)), atelier.output());
            assertEquals(written, Files.readString(config), "Atelier never writes to etc/");
        }
    }
}
