package io.atelier.platform.feeds.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's) for feed tests. It serves
 * documents as a blog engine does — with an {@code ETag} (the SHA-256 of the
 * bytes) and a {@code Last-Modified}, answering 304 to a matching conditional
 * GET when told to honour validators, and counting those 304s — and runs
 * scripted handlers for the misbehaviour tests (errors, redirects, hangs).
 */
final class FeedServer implements AutoCloseable {

    /** A scripted answer. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    /** A request as received. */
    record Received(String path, Headers headers) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private record Doc(byte[] body, String contentType, String etag, String lastModified) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Doc> documents = new ConcurrentHashMap<>();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    /** Released when the server closes: scripted handlers that hang wait on it. */
    final CountDownLatch closing = new CountDownLatch(1);
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger notModified = new AtomicInteger();
    volatile boolean honourValidators = true;

    FeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                received.add(new Received(path, exchange.getRequestHeaders()));
                Handler handler = handlers.get(path);
                if (handler != null) {
                    handler.handle(exchange);
                } else {
                    serveDocument(exchange, documents.get(path));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client went away (a timeout, a body cap): nothing to answer
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    private void serveDocument(HttpExchange exchange, Doc doc) throws IOException {
        if (doc == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        Headers h = exchange.getResponseHeaders();
        if (doc.etag() != null) {
            h.set("ETag", doc.etag());
        }
        if (doc.lastModified() != null) {
            h.set("Last-Modified", doc.lastModified());
        }
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        boolean unchanged = ifNoneMatch != null ? ifNoneMatch.equals(doc.etag())
                : ifModifiedSince != null && ifModifiedSince.equals(doc.lastModified());
        if (honourValidators && unchanged) {
            notModified.incrementAndGet();
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        h.set("Content-Type", doc.contentType());
        exchange.sendResponseHeaders(200, doc.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(doc.body());
        }
    }

    /**
     * Serves {@code body} at {@code path} with an ETag (its SHA-256, quoted) and the given Last-Modified (may be
     * null); returns the ETag.
     */
    String serve(String path, byte[] body, String contentType, String lastModified) {
        String etag = "\"" + sha256(body) + "\"";
        documents.put(path, new Doc(body, contentType, etag, lastModified));
        handlers.remove(path);
        return etag;
    }

    /** Serves {@code body} at {@code path} with a Last-Modified but no ETag. */
    void serveLastModifiedOnly(String path, byte[] body, String contentType, String lastModified) {
        documents.put(path, new Doc(body, contentType, null, lastModified));
        handlers.remove(path);
    }

    /** Serves {@code body} at {@code path} with neither ETag nor Last-Modified. */
    void serveWithoutValidators(String path, byte[] body, String contentType) {
        documents.put(path, new Doc(body, contentType, null, null));
        handlers.remove(path);
    }

    /** Serves the test resource {@code feeds/<name>} at {@code path}. */
    String serveResource(String path, String name, String contentType, String lastModified) {
        return serve(path, resource(name), contentType, lastModified);
    }

    /** Answers requests to {@code path} with {@code handler}. */
    void handle(String path, Handler handler) {
        handlers.put(path, handler);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** How many requests reached {@code path}. */
    long requests(String path) {
        return received.stream().filter(r -> r.path().equals(path)).count();
    }

    static byte[] resource(String name) {
        try (InputStream in = FeedServer.class.getResourceAsStream("/feeds/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource feeds/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
