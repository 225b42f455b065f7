package io.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second Atelier on a taken port refuses to start, says why, and leaves nothing behind. */
class PortTakenIT {

    @TempDir
    Path tmp;

    @Test
    void refusesATakenPortNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            AtelierProcess atelier = AtelierProcess.copyOfDistribution(tmp);
            int code = atelier.runToEnd(Duration.ofSeconds(60), "--port", Integer.toString(port));

            assertEquals(2, code, atelier.output());
            assertTrue(atelier.stderr().contains("Port " + port + " "), atelier.output());
            assertFalse(atelier.stdout().contains("ready"), atelier.output());
            assertFalse(Files.exists(atelier.home().resolve("data/felix-cache")), "refused before Felix starts");
        }
    }
}
