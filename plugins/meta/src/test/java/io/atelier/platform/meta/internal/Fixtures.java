package io.atelier.platform.meta.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.api.workspace.Account;
import io.atelier.sdk.tck.MemoryPluginStore;
import io.atelier.sdk.tck.TckAccount;

/** What the tests against {@link FakeGraph} share: quick settings, accounts of each network, requests. */
final class Fixtures {

    private Fixtures() {
    }

    /** Meta at the fake, short timeouts, container status read every 20 ms for up to 2 s. */
    static MetaSettings settings(FakeGraph meta) {
        return MetaSettings.defaults().at(URI.create(meta.url()))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(10))
                .withContainerWait(Duration.ofMillis(20), Duration.ofSeconds(2));
    }

    /** A store of its own for one connector; two connectors on one store are two nodes, or a restart. */
    static MemoryPluginStore store() {
        return new MemoryPluginStore();
    }

    /** The bakery's Page account, reached at the fake through its endpoint (so a proxy can stand in between). */
    static TckAccount page(FakeGraph meta) {
        Map<String, String> c = new HashMap<>();
        c.put(MetaConstants.CLIENT_ID, FakeGraph.APP_ID);
        c.put(MetaConstants.CLIENT_SECRET, FakeGraph.APP_SECRET);
        c.put(MetaConstants.ACCESS_TOKEN, meta.pageToken(meta.bakery));
        c.put(MetaConstants.PAGE_ID, meta.bakery.id());
        return TckAccount.of(MetaConstants.FACEBOOK_ID, "Atelier Bakery", meta.url(), c);
    }

    static TckAccount instagram(FakeGraph meta) {
        Map<String, String> c = new HashMap<>();
        c.put(MetaConstants.CLIENT_ID, FakeGraph.APP_ID);
        c.put(MetaConstants.CLIENT_SECRET, FakeGraph.APP_SECRET);
        c.put(MetaConstants.ACCESS_TOKEN, meta.pageToken(meta.bakery));
        c.put(MetaConstants.PAGE_ID, meta.bakery.id());
        c.put(MetaConstants.IG_USER_ID, meta.bakery.igId());
        return TckAccount.of(MetaConstants.INSTAGRAM_ID, meta.bakery.igUsername(), meta.url(), c);
    }

    static TckAccount threads(FakeGraph meta, java.time.Instant expiresAt) {
        Map<String, String> c = new HashMap<>();
        c.put(MetaConstants.CLIENT_ID, FakeGraph.THREADS_APP_ID);
        c.put(MetaConstants.CLIENT_SECRET, FakeGraph.THREADS_APP_SECRET);
        c.put(MetaConstants.ACCESS_TOKEN, meta.threadsToken(expiresAt));
        c.put(MetaConstants.EXPIRES_AT, expiresAt.toString());
        c.put(MetaConstants.THREADS_USER_ID, meta.threadsUser);
        return TckAccount.of(MetaConstants.THREADS_ID, meta.threadsUsername, meta.url(), c);
    }

    static PostVariant variant(String text, List<Media> media) {
        return new PostVariant("acc_tck", text, media, List.of());
    }

    static PublishRequest request(String key, String text) {
        return new PublishRequest(key, "post_" + key, variant(text, List.of()), null);
    }

    static PublishRequest request(String key, String text, List<Media> media) {
        return new PublishRequest(key, "post_" + key, variant(text, media), null);
    }

    /** A JPEG-looking payload: the fake checks the type it is served with, not the bytes. */
    static byte[] image(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    /**
     * <strong>The workbench's public address, played by a local server</strong>: what
     * {@code AccountContext.mediaUrl} hands Instagram and Threads, which fetch media by URL.
     * Serves each medium of the library at its own path with its own type.
     */
    static final class PublicMedia implements AutoCloseable {
        private final HttpServer server;
        private final Map<String, Media> media = new ConcurrentHashMap<>();
        private final Map<String, byte[]> bytes = new ConcurrentHashMap<>();

        PublicMedia() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/m/", x -> {
                try (x) {
                    String id = x.getRequestURI().getPath().substring(3);
                    byte[] b = bytes.get(id);
                    if (b == null) {
                        x.sendResponseHeaders(404, -1);
                        return;
                    }
                    x.getResponseHeaders().add("Content-Type", media.get(id).mediaType());
                    x.sendResponseHeaders(200, b.length);
                    x.getResponseBody().write(b);
                }
            });
            server.start();
        }

        Media put(String id, String type, byte[] content, String alt) {
            Media m = new Media(id, type, content.length, alt);
            media.put(id, m);
            bytes.put(id, content.clone());
            return m;
        }

        URI url(Media m) {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/m/" + m.id() + "?sig=t0k");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** {@code account}, with media URLs from {@code host}: a workbench reachable from the internet. */
    static AccountContext reachable(TckAccount account, PublicMedia host) {
        return new AccountContext() {
            @Override
            public Account account() {
                return account.account();
            }

            @Override
            public Credentials credentials() {
                return account.credentials();
            }

            @Override
            public void updateCredentials(Credentials refreshed) {
                account.updateCredentials(refreshed);
            }

            @Override
            public byte[] media(Media media) throws IOException {
                return account.media(media);
            }

            @Override
            public Optional<URI> mediaUrl(Media media, Duration validFor) {
                return Optional.of(host.url(media));
            }
        };
    }
}
