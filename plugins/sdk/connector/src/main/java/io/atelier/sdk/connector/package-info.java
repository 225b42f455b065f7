/**
 * The connector library of Atelier's plugin author kit: what every platform plugin
 * needs and nobody should write twice. {@link io.atelier.sdk.connector.http} talks
 * HTTP with timeouts, typed errors and SSRF-safe redirects;
 * {@link io.atelier.sdk.connector.json} is the one JSON setup;
 * {@link io.atelier.sdk.connector.upload} builds multipart bodies and sends media in
 * chunks; {@link io.atelier.sdk.connector.oauth} does OAuth 2 with PKCE and token
 * refresh; {@link io.atelier.sdk.connector.credentials} builds the credential forms;
 * {@link io.atelier.sdk.connector.text} turns HTML into the plain text a person reads;
 * {@link io.atelier.sdk.connector.blog} and {@link io.atelier.sdk.connector.post} check
 * blog posts and short posts before they are sent;
 * {@link io.atelier.sdk.connector.attempts} remembers what was sent, for networks
 * with no lookup by idempotency key.
 * <p>
 * The library is not a bundle: a plugin embeds it privately with
 * {@code -conditionalpackage: io.atelier.sdk.*} in its {@code bnd.bnd}, so every
 * plugin jar stays self-contained and hot-deployable. Nothing here is exported.
 */
package io.atelier.sdk.connector;
