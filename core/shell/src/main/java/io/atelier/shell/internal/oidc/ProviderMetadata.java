package io.atelier.shell.internal.oidc;

import java.net.URI;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;

/**
 * What the workbench needs of a provider's discovery document
 * ({@code <issuer>/.well-known/openid-configuration}): where to send people, where
 * to exchange codes and where its signing keys are. The document must name the
 * configured issuer exactly (OpenID Connect Discovery 1.0 §4.3), so a document
 * served for another issuer is refused, and every endpoint must be https (http
 * only on 127.0.0.1, like the issuer).
 *
 * @param authorizationEndpoint where people sign in
 * @param tokenEndpoint         where codes are exchanged
 * @param jwksUri               the provider's public keys
 * @param supportsS256          whether it announces PKCE with S256 (absent: assumed, as many providers omit it)
 */
public record ProviderMetadata(URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri, boolean supportsS256) {

    /**
     * Reads a discovery document.
     *
     * @throws ProviderException saying what is missing or wrong
     */
    public static ProviderMetadata parse(String json, URI issuer) {
        JsonObject document;
        try {
            JsonElement parsed = JsonParser.parseString(json);
            if (!parsed.isJsonObject()) {
                throw new ProviderException("the provider's discovery document is not a JSON object");
            }
            document = parsed.getAsJsonObject();
        } catch (JsonSyntaxException e) {
            throw new ProviderException("the provider's discovery document is not JSON");
        }
        String named = string(document, "issuer");
        if (!issuer.toString().equals(named)) {
            throw new ProviderException("the provider's discovery document names the issuer " + named + ", not "
                    + issuer + " (issuer in " + OidcSettings.FILE + " must be exactly the provider's)");
        }
        boolean s256 = true;
        JsonElement methods = document.get("code_challenge_methods_supported");
        if (methods != null && methods.isJsonArray()) {
            s256 = methods.getAsJsonArray().contains(new com.google.gson.JsonPrimitive("S256"));
        }
        return new ProviderMetadata(endpoint(document, "authorization_endpoint"),
                endpoint(document, "token_endpoint"), endpoint(document, "jwks_uri"), s256);
    }

    private static URI endpoint(JsonObject document, String name) {
        String value = string(document, name);
        if (value == null) {
            throw new ProviderException("the provider's discovery document has no " + name);
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new ProviderException("the provider's " + name + " is not a URL");
        }
        boolean https = "https".equals(uri.getScheme());
        boolean local = "http".equals(uri.getScheme()) && "127.0.0.1".equals(uri.getHost());
        if (uri.getHost() == null || !(https || local)) {
            throw new ProviderException("the provider's " + name + " " + value + " is not an https URL");
        }
        return uri;
    }

    private static String string(JsonObject document, String name) {
        JsonElement value = document.get(name);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
                ? value.getAsString() : null;
    }
}
