package io.atelier.alerts.email.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A scripted SMTP server on 127.0.0.1 for what a real server cannot be made to do
 * on demand (refuse a recipient, go silent after the message, echo a password) —
 * a fake speaking the SMTP of RFC 5321 line by line, one connection at a time.
 * The script gets each command line ({@code ""} for the greeting, {@code "."} for
 * the end of the message) and returns the reply, or {@code null} to stay silent
 * until the client gives up.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;
    final List<String> commands = new CopyOnWriteArrayList<>();
    final StringBuilder data = new StringBuilder();

    ScriptedSmtpServer(UnaryOperator<String> script) throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serve(script), "scripted-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(UnaryOperator<String> script) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = s.getOutputStream();
                if (!reply(out, script.apply(""), s)) {
                    continue;
                }
                String line;
                while ((line = in.readLine()) != null) {
                    commands.add(line);
                    String answer = script.apply(line);
                    if (!reply(out, answer, s)) {
                        break;
                    }
                    if (line.equalsIgnoreCase("DATA") && answer.startsWith("354")) {
                        String d;
                        while ((d = in.readLine()) != null && !d.equals(".")) {
                            data.append(d).append('\n');
                        }
                        commands.add(".");
                        if (!reply(out, script.apply("."), s)) {
                            break;
                        }
                    }
                    if (line.equalsIgnoreCase("QUIT")) {
                        break;
                    }
                }
            } catch (IOException e) {
                // the client hung up, or the server was closed
            }
        }
    }

    /** Writes {@code answer}; for {@code null} waits, silent, until the client closes the connection. */
    private static boolean reply(OutputStream out, String answer, Socket s) throws IOException {
        if (answer == null) {
            while (s.getInputStream().read() >= 0) {
                // swallow whatever comes until the client gives up
            }
            return false;
        }
        out.write((answer + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return true;
    }

    /** The usual answers of a polite server, for scripts that change only one. */
    static String polite(String line) {
        String c = line.toUpperCase();
        if (line.isEmpty()) {
            return "220 scripted.test ESMTP";
        }
        if (c.startsWith("EHLO")) {
            return "250-scripted.test\r\n250 8BITMIME";
        }
        if (c.startsWith("HELO") || c.startsWith("MAIL") || c.startsWith("RCPT") || c.startsWith("RSET")
                || c.startsWith("NOOP") || line.equals(".")) {
            return "250 2.0.0 OK";
        }
        if (c.equals("DATA")) {
            return "354 go ahead";
        }
        if (c.equals("QUIT")) {
            return "221 bye";
        }
        return "502 5.5.2 not implemented";
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
