/** Credential forms of the usual kinds (app password, OAuth 2, API key, webhook URL) and checks of what a person filled in. */
package io.atelier.sdk.connector.credentials;
