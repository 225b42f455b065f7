package io.atelier.sdk.connector.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted TCP server on 127.0.0.1 for misbehaviour a real HTTP server does not
 * produce on demand: it reads each request's head (and a {@code Content-Length}
 * body), records it, then runs the script — which may answer, hang, or drop the
 * connection.
 */
public final class RawServer implements AutoCloseable {

    /** What to do with one connection once its request was read. */
    @FunctionalInterface
    public interface Script {
        void run(Socket socket, String head) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    public final List<String> heads = new CopyOnWriteArrayList<>();
    public final AtomicInteger connections = new AtomicInteger();

    public RawServer(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException e) {
                    return;
                }
                connections.incrementAndGet();
                Thread c = new Thread(() -> {
                    try (s) {
                        String head = readRequest(s.getInputStream());
                        heads.add(head);
                        script.run(s, head);
                    } catch (IOException | InterruptedException e) {
                        // the client went away or the test ended
                    }
                });
                c.setDaemon(true);
                c.start();
            }
        }, "raw-server");
        t.setDaemon(true);
        t.start();
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.write(c);
            matched = c == "\r\n\r\n".charAt(matched) ? matched + 1 : c == '\r' ? 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
        return text;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    /** A complete HTTP/1.1 answer that closes the connection. */
    public static byte[] answer(String status, String headers, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return ("HTTP/1.1 " + status + "\r\nContent-Length: " + b.length + "\r\n" + headers + "Connection: close\r\n\r\n"
                + body).getBytes(StandardCharsets.UTF_8);
    }

    /** A port on 127.0.0.1 where nothing listens. */
    public static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
