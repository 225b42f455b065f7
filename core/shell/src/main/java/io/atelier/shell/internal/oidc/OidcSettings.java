package io.atelier.shell.internal.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of sign-in through a company's OpenID Connect provider, PID
 * {@value #PID}, read from {@value #FILE}. Every problem is an
 * {@link IllegalArgumentException} naming the file and the key; the client
 * secret is never repeated in a message or in {@link #toString()}.
 *
 * @param issuer       the provider's issuer: {@code https}, or {@code http} on 127.0.0.1 only; without a
 *                     trailing slash unless the provider's issuer has one (it is compared exactly)
 * @param clientId     the workbench's client id at the provider
 * @param clientSecret its secret, sent with {@code client_secret_basic}; {@code null} for a public client
 * @param scopes       the scopes asked for, {@code openid} among them
 * @param label        the sign-in button's text
 */
public record OidcSettings(URI issuer, String clientId, String clientSecret, String scopes, String label) {

    /** The configuration PID. */
    public static final String PID = "io.atelier.shell.oidc";
    /** Where the settings live, for messages. */
    public static final String FILE = "etc/" + PID + ".cfg";
    static final String DEFAULT_SCOPES = "openid email profile";
    static final String DEFAULT_LABEL = "Sign in with your company account";
    private static final int MAX_LABEL = 80;
    /** The file's keys. */
    private static final Set<String> KEYS = Set.of("issuer", "clientId", "clientSecret", "scopes", "label");
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    /**
     * Reads a configuration's properties.
     *
     * @throws IllegalArgumentException naming {@value #FILE} and the key of the first bad value
     */
    public static OidcSettings from(Map<String, ?> properties) {
        for (String key : properties.keySet()) {
            // Config Admin, FileInstall and DS add keys of their own, all with dots (service.pid,
            // felix.fileinstall.filename, component.name...): a plain name is the file's, maybe misspelt.
            if (!KEYS.contains(key) && !key.contains(".")) {
                throw bad(key, "is not a setting; use issuer, clientId, clientSecret, scopes or label");
            }
        }
        String issuerText = text(properties, "issuer");
        if (issuerText.isEmpty()) {
            throw bad("issuer", "is required, e.g. issuer=https://login.example.com/realms/agency");
        }
        URI issuer = issuer(issuerText);
        String clientId = text(properties, "clientId");
        if (clientId.isEmpty()) {
            throw bad("clientId", "is required: the client id the provider gave the workbench");
        }
        if (clientId.length() > 255 || !clientId.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw bad("clientId", "must be 1 to 255 printable ASCII characters without spaces");
        }
        String secret = text(properties, "clientSecret");
        if (!secret.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw bad("clientSecret", "must be printable ASCII");
        }
        String scopes = text(properties, "scopes");
        scopes = scopes.isEmpty() ? DEFAULT_SCOPES : String.join(" ", scopes.split("\\s+"));
        for (String scope : scopes.split(" ")) {
            if (!SCOPE.matcher(scope).matches()) {
                throw bad("scopes", "holds \"" + scope + "\", which is not a scope (RFC 6749 §3.3)");
            }
        }
        if (!(" " + scopes + " ").contains(" openid ")) {
            throw bad("scopes", "must contain openid (it has: " + scopes + ")");
        }
        if (!(" " + scopes + " ").contains(" email ")) {
            throw bad("scopes", "must contain email: people are found by their verified e-mail (it has: "
                    + scopes + ")");
        }
        String label = text(properties, "label");
        label = label.isEmpty() ? DEFAULT_LABEL : label;
        if (label.length() > MAX_LABEL || label.chars().anyMatch(Character::isISOControl)) {
            throw bad("label", "must be at most " + MAX_LABEL + " characters, without control characters");
        }
        return new OidcSettings(issuer, clientId, secret.isEmpty() ? null : secret, scopes, label);
    }

    /**
     * Whether a configuration sets none of the keys, such as the distribution's
     * file with every line commented out: company sign-in is then simply off.
     */
    public static boolean isBlank(Map<String, ?> properties) {
        return KEYS.stream().allMatch(key -> text(properties, key).isEmpty());
    }

    private static URI issuer(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw bad("issuer", "=" + text + " is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw bad("issuer", "=" + text + " must be an absolute https URL without query, fragment or user");
        }
        if (scheme.equals("http")) {
            if (!uri.getHost().equals("127.0.0.1")) {
                throw bad("issuer", "=" + text + " must use https (http only for a provider on 127.0.0.1)");
            }
        } else if (!scheme.equals("https")) {
            throw bad("issuer", "=" + text + " must use https");
        }
        return uri;
    }

    /** Where the provider describes itself (OpenID Connect Discovery 1.0 §4). */
    public URI discoveryUrl() {
        String base = issuer.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + ".well-known/openid-configuration");
    }

    private static String text(Map<String, ?> properties, String key) {
        Object value = properties.get(key);
        return value == null ? "" : String.valueOf(value).trim();
    }

    private static IllegalArgumentException bad(String key, String problem) {
        return new IllegalArgumentException(FILE + ": " + key + (problem.startsWith("=") ? "" : " ") + problem);
    }

    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? "none" : "(set)") + ", scopes=" + scopes + ", label=" + label + "]";
    }
}
