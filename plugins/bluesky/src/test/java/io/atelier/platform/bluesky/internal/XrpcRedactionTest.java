package io.atelier.platform.bluesky.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import io.atelier.api.platform.RejectedException;

/**
 * A careless server on a raw socket that echoes the sign-in password and the
 * bearer token in its error message: neither reaches the exception.
 */
class XrpcRedactionTest {

    @Test
    void aPasswordOrTokenEchoedByTheServerIsHidden() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    StringBuilder head = new StringBuilder();
                    while (!head.toString().endsWith("\r\n\r\n")) {
                        head.append((char) in.read());
                    }
                    String h = head.toString();
                    int length = Integer.parseInt(h.replaceAll("(?s).*[Cc]ontent-[Ll]ength: (\\d+).*", "$1"));
                    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                    String token = h.replaceAll("(?s).*Authorization: Bearer (\\S+).*", "$1");
                    String echo = "{\"error\":\"InvalidRequest\",\"message\":\"got " + body.replace("\"", "'")
                            + " with token " + token + "\"}";
                    s.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + echo.getBytes(StandardCharsets.UTF_8).length
                            + "\r\nConnection: close\r\n\r\n" + echo).getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the test ended
                }
            });
            t.setDaemon(true);
            t.start();
            Xrpc xrpc = new Xrpc(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5));
            JsonObject login = new JsonObject();
            login.addProperty("identifier", "alice.test");
            login.addProperty("password", "abcd-efgh-ijkl-mnop");
            Xrpc.Response r = xrpc.procedure("http://127.0.0.1:" + server.getLocalPort(),
                    "com.atproto.server.createSession", login, "access-token-0123456789", Xrpc.Effect.REPEATABLE);
            RejectedException e = assertThrows(RejectedException.class,
                    () -> Xrpc.successOrThrow(r, "signing in alice.test", Xrpc.Effect.REPEATABLE));
            assertTrue(e.getMessage().contains("InvalidRequest: got {'identifier':'alice.test','password':'[redacted]'}"
                    + " with token [redacted]"), e.getMessage());
            assertFalse(e.getMessage().contains("abcd-efgh-ijkl-mnop"), e.getMessage());
            assertFalse(e.getMessage().contains("access-token-0123456789"), e.getMessage());
        }
    }
}
