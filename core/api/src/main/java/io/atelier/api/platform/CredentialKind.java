package io.atelier.api.platform;

/** The way a network lets an account in, which decides the form the workbench shows. */
public enum CredentialKind {
    /** No credentials (a feed Atelier publishes itself, a public source). */
    NONE,
    /** A handle and an application password (Bluesky, WordPress). */
    APP_PASSWORD,
    /** OAuth 2 authorization code with PKCE, refreshed by the core. */
    OAUTH2_PKCE,
    /** A static API key or token (Ghost admin key, Telegram bot token). */
    API_KEY,
    /** A secret URL to post to (Discord, Slack incoming webhooks). */
    WEBHOOK_URL
}
