package io.atelier.platform.feeds.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.PlatformException;
import io.atelier.sdk.connector.http.AddressKind;

/**
 * What the feed source tests share: a {@link FeedServer} on 127.0.0.1 and a
 * source allowed to read loopback feeds, on a fixed clock.
 */
abstract class ServedFeeds {

    /** The fetch time: the date of entries without one. */
    static final Instant NOW = Instant.parse("2024-06-15T10:00:00Z");
    static final String RSS = "application/rss+xml; charset=UTF-8";
    static final String ATOM = "application/atom+xml";

    FeedServer server;
    FeedSource source;

    @BeforeEach
    void startServer() throws Exception {
        server = new FeedServer();
        source = source(options());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** Loopback allowed (the server is on 127.0.0.1), short timeouts. */
    static FeedOptions options() {
        return FeedOptions.defaults().withAllowed(AddressKind.LOOPBACK).withTimeout(Duration.ofSeconds(5));
    }

    static FeedSource source(FeedOptions options) {
        return new FeedSource(options, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    Map<String, String> settings(String path) {
        return Map.of(FeedSettings.URL, server.uri(path).toString());
    }

    MentionPage poll(String path, String cursor) throws PlatformException {
        return source.poll(settings(path), cursor);
    }

    static List<String> ids(MentionPage page) {
        return page.mentions().stream().map(Mention::id).toList();
    }
}
