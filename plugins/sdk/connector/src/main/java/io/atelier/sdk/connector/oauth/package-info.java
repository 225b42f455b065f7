/**
 * OAuth 2 authorization code with PKCE (RFC 6749, RFC 7636): the authorization
 * URL with its state and S256 challenge, the code exchange, refresh, and tokens kept
 * through the account context with a clock skew.
 */
package io.atelier.sdk.connector.oauth;
