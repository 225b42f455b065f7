/**
 * HTTP for connectors: {@link io.atelier.sdk.connector.http.ConnectorHttp} sends
 * requests over HTTP/1.1 with timeouts, follows redirects only to addresses its
 * {@link io.atelier.sdk.connector.http.AddressPolicy} allows, and turns every
 * failure into the platform SPI's typed exceptions
 * ({@link io.atelier.sdk.connector.http.ErrorMapping}), never showing a credential.
 */
package io.atelier.sdk.connector.http;
