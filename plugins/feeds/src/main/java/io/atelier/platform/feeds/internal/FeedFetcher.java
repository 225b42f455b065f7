package io.atelier.platform.feeds.internal;

import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.util.Optional;

import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.sdk.connector.http.AddressKind;
import io.atelier.sdk.connector.http.AddressPolicy;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ConnectorHttp;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.HttpSettings;

/**
 * Fetches a feed over HTTP with the SDK's client: a conditional GET with the
 * cursor's validators, a body read up to the size cap, the whole answer within
 * the timeout, and the feed's address and every redirect checked against the
 * address policy (public addresses only unless the configuration allows more).
 * Statuses a feed reader must read its own way: 304 means unchanged, 404 and
 * 410 a feed that is gone, 401 and 403 one that is not public (rejected: this
 * source signs in nowhere); the rest is the SDK's mapping (5xx and timeouts
 * retryable, 429 rate limited, other 4xx rejected).
 */
final class FeedFetcher {

    /** How messages name this source. */
    static final String NETWORK = "Feed source";

    private static final String ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9,"
            + " application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";

    /** What a fetch found. */
    sealed interface Fetched permits NotModified, Document {
    }

    /** 304: the feed did not change since the cursor's validators. */
    record NotModified() implements Fetched {
    }

    /**
     * A 2xx answer.
     *
     * @param body         its bytes, at most the cap
     * @param contentType  its {@code Content-Type}, or null
     * @param uri          where it came from, after redirects
     * @param etag         its {@code ETag}, or null
     * @param lastModified its {@code Last-Modified}, or null
     */
    record Document(byte[] body, String contentType, URI uri, String etag, String lastModified) implements Fetched {
    }

    private final AddressPolicy addresses;
    private final ConnectorHttp http;
    private final long maxBytes;

    FeedFetcher(FeedOptions options) {
        addresses = AddressPolicy.publicOnly().allowing(options.allowed().toArray(new AddressKind[0]));
        http = new ConnectorHttp(NETWORK, HttpSettings.defaults()
                .withTimeouts(options.connectTimeout(), options.timeout())
                .withAddresses(addresses));
        maxBytes = options.maxBytes();
    }

    Fetched fetch(URI url, FeedCursor cursor) throws PlatformException {
        refuseForbiddenAddress(url);
        HttpRequest.Builder get = http.request(url).GET().header("Accept", ACCEPT);
        if (!cursor.etag().isEmpty()) {
            get.header("If-None-Match", cursor.etag());
        }
        if (!cursor.lastModified().isEmpty()) {
            get.header("If-Modified-Since", cursor.lastModified());
        }
        Call call = Call.read("fetching the feed");
        HttpAnswer answer = http.send(get.build(), call, maxBytes);
        int status = answer.status();
        String host = answer.uri().getHost();
        if (status == 304) {
            return new NotModified();
        }
        if (status == 404 || status == 410) {
            throw new RejectedException(NETWORK + ": " + host + " has no feed at this address (HTTP " + status
                    + "); check the source's url");
        }
        if (status == 401 || status == 403) {
            throw new RejectedException(NETWORK + ": " + host + " refused to serve the feed (HTTP " + status
                    + "); this source reads public feeds only");
        }
        if (!answer.ok()) {
            throw http.errors().failure(answer, call);
        }
        return new Document(answer.body(), answer.header("Content-Type").orElse(null), answer.uri(),
                answer.header("ETag").orElse(null), answer.header("Last-Modified").orElse(null));
    }

    /** The feed's own address is checked as redirects are: a feed URL must not reach into this machine's networks. */
    private void refuseForbiddenAddress(URI url) throws PlatformException {
        Optional<String> refusal;
        try {
            refusal = addresses.refusal(url);
        } catch (UnknownHostException e) {
            throw new RetryableException(NETWORK + ": could not resolve " + url.getHost() + "; nothing was sent", e);
        }
        if (refusal.isPresent()) {
            throw new RejectedException(NETWORK + ": the feed's address is refused: " + refusal.get()
                    + ". Feeds on this machine or a private network are read only when allowAddresses in "
                    + FeedSourceConfig.FILE + " allows them (e.g. allowAddresses=loopback,private)");
        }
    }
}
