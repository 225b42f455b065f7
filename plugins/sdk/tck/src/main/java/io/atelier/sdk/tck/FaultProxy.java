package io.atelier.sdk.tck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reverse proxy on 127.0.0.1 in front of a real server (or a fake), which
 * passes every request on except those its {@link RequestMatcher} picks: to
 * those it does its {@link Fault} — answers 401, 429, 500… in the server's place,
 * or forwards the request and then answers 500, drops the connection or never
 * answers. Real TCP, the connector's real HTTP client: only the server's side is
 * scripted. Plain HTTP/1.1, one request per connection ({@code Connection: close}).
 * <p>
 * Plugin authors may use it in their own tests; the conformance kit uses it for
 * its fault checks.
 */
public final class FaultProxy implements AutoCloseable {

    /** One request the proxy received. */
    public record Seen(String method, String path, boolean faulted) {
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "date", "from", "via", "warning");
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final URI target;
    private final RequestMatcher matcher;
    private final Fault fault;
    private final ServerSocket server;
    private final HttpClient forwarder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger injected = new AtomicInteger();
    /** Every request received, in order. */
    public final List<Seen> seen = new CopyOnWriteArrayList<>();

    /**
     * Starts a proxy to {@code target} (a base URL such as {@code http://127.0.0.1:2583}) doing
     * {@code fault} to the requests {@code matcher} picks.
     */
    public FaultProxy(URI target, RequestMatcher matcher, Fault fault) throws IOException {
        this.target = Objects.requireNonNull(target, "target");
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.fault = Objects.requireNonNull(fault, "fault");
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "fault-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The proxy's base URL, to use as the account's endpoint. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** How many requests got the fault. */
    public int injected() {
        return injected.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            open.add(s);
            Thread t = new Thread(() -> serve(s), "fault-proxy-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            Request r = Request.read(in);
            if (r == null) {
                return;
            }
            String path = URI.create(r.target).getRawPath();
            boolean hit = matcher.matches(r.method, path);
            seen.add(new Seen(r.method, path, hit));
            if (!hit) {
                write(out, forward(r));
                return;
            }
            injected.incrementAndGet();
            switch (fault) {
                case UNAUTHORIZED -> write(out, error(401, "Unauthorized", Map.of(), "AuthenticationRequired"));
                case FORBIDDEN -> write(out, error(403, "Forbidden", Map.of(), "Forbidden"));
                case RATE_LIMITED -> write(out, error(429, "Too Many Requests",
                        Map.of("Retry-After", String.valueOf(Fault.RETRY_AFTER_SECONDS)), "RateLimitExceeded"));
                case RATE_LIMITED_UNTIL_DATE -> {
                    Instant now = Instant.now();
                    write(out, error(429, "Too Many Requests", Map.of("Date", HTTP_DATE.format(now),
                            "Retry-After", HTTP_DATE.format(now.plusSeconds(Fault.RETRY_AFTER_DATE_SECONDS))),
                            "RateLimitExceeded"));
                }
                case UNAVAILABLE -> write(out, error(503, "Service Unavailable",
                        Map.of("Retry-After", String.valueOf(Fault.RETRY_AFTER_SECONDS)), "Unavailable"));
                case SERVER_ERROR -> write(out, error(500, "Internal Server Error", Map.of(), "InternalServerError"));
                case SERVER_ERROR_AFTER_APPLYING -> {
                    forward(r);
                    write(out, error(500, "Internal Server Error", Map.of(), "InternalServerError"));
                }
                case DROPPED_AFTER_SENDING -> {
                    forward(r);
                    s.setSoLinger(true, 0); // a reset, as a crashed server or a middlebox gives
                }
                case NO_ANSWER -> {
                    forward(r);
                    // Hold the connection until the client gives up (closes it) or the proxy closes.
                    while (in.read() >= 0) {
                        // discard
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // the client went away, or the proxy was closed
        } finally {
            open.remove(s);
        }
    }

    private static byte[] error(int status, String reason, Map<String, String> headers, String code) {
        String body = "{\"error\":\"" + code + "\",\"message\":\"injected by the conformance kit's fault proxy\"}";
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Content-Type", "application/json");
        return response(status, reason, h, body.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] forward(Request r) throws IOException, InterruptedException {
        String base = target.toString().replaceAll("/+$", "");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + r.target)).timeout(Duration.ofSeconds(60))
                .method(r.method, r.body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(r.body));
        for (String[] h : r.headers) {
            if (!HOP_BY_HOP.contains(h[0].toLowerCase(Locale.ROOT))) {
                b.header(h[0], h[1]);
            }
        }
        HttpResponse<byte[]> answer;
        try {
            answer = forwarder.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return response(502, "Bad Gateway", Map.of(), new byte[0]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        answer.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                headers.put(name, String.join(", ", values));
            }
        });
        answer.headers().firstValue("date").ifPresent(d -> headers.put("Date", d));
        return response(answer.statusCode(), "Proxied", headers, answer.body());
    }

    private static byte[] response(int status, String reason, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** An HTTP/1.1 request as read from the socket, with its body de-chunked. */
    private record Request(String method, String target, List<String[]> headers, byte[] body) {

        static Request read(InputStream in) throws IOException {
            String line = line(in);
            if (line == null || line.isEmpty()) {
                return null;
            }
            String[] parts = line.split(" ");
            if (parts.length < 3) {
                throw new IOException("not an HTTP request line: " + line);
            }
            List<String[]> headers = new ArrayList<>();
            long length = 0;
            boolean chunked = false;
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                headers.add(new String[] {name, value});
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            byte[] body;
            if (chunked) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                for (String size = line(in); size != null; size = line(in)) {
                    int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                    if (n == 0) {
                        while (true) {
                            String trailer = line(in);
                            if (trailer == null || trailer.isEmpty()) {
                                break;
                            }
                        }
                        break;
                    }
                    b.writeBytes(in.readNBytes(n));
                    line(in);
                }
                body = b.toByteArray();
            } else {
                body = in.readNBytes((int) length);
            }
            return new Request(parts[0], parts[1], headers, body);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    String s = b.toString(StandardCharsets.ISO_8859_1);
                    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                }
                b.write(c);
            }
            return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Stops accepting and closes every open connection, which ends the hold of {@link Fault#NO_ANSWER}. */
    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            try {
                s.close();
            } catch (SocketException ignored) {
                // already gone
            }
        }
    }

    @Override
    public String toString() {
        return "FaultProxy[" + fault + " on " + matcher + " → " + target + "]";
    }
}
