package io.atelier.itest;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.AuthorizationGrant;
import io.atelier.api.platform.AuthorizationStart;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.CredentialKind;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.platform.SignInPage;
import io.atelier.api.platform.SignedIn;
import io.atelier.api.post.PostVariant;

/**
 * A platform whose accounts connect by signing in on its page, registered by the
 * tests as a plugin would. The network's side of OAuth 2 with PKCE (RFC 6749
 * §4.1, RFC 7636) is played in memory: {@link #visit} is what its sign-in page
 * does when a person opens the authorization URL (signs in {@link #user} and
 * sends the browser back to the redirect URI with a code); {@link #signIn}
 * accepts a code once, only with the redirect URI it was given for and a
 * verifier matching the challenge. Like a network without a global client, it
 * makes an app secret for each sign-in at its start ({@link #beginSignIn}) and
 * wants it back with the code ({@link #kept}).
 */
final class SignInConnector implements PlatformConnector {

    static final String ID = "itest-signin";

    static final PlatformInfo INFO = new PlatformInfo(ID, "Sign-in Network", EnumSet.of(Capability.PUBLISH),
            new Limits(500, LengthRule.CODE_POINTS, 0, 0, Set.of()),
            new CredentialForm(CredentialKind.OAUTH2_PKCE, List.of(
                    new CredentialField("clientId", "Client ID", false, true, "Your app's id"),
                    new CredentialField("clientSecret", "Client secret", true, false, "")), true),
            new RatePolicy(4, 1, 30));

    /** Who the sign-in page signs in next. */
    volatile String user = "alice";
    /**
     * When set, the network consents at once: the authorization URL is already the
     * way back, the callback under this address (the workbench a browser can reach).
     */
    volatile URI consentAt;
    /** Codes given and not yet exchanged: what the authorization asked. */
    private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
    /** Every authorization request the sign-in page received, its parameters. */
    final List<Map<String, String>> authorizations = new CopyOnWriteArrayList<>();
    /** The app secret made at the start of each sign-in, by state: it must come back with the code. */
    final Map<String, String> kept = new ConcurrentHashMap<>();
    /** The credentials of every {@link #verify} call. */
    final List<Credentials> verified = new CopyOnWriteArrayList<>();

    /** A registered connector; closing unregisters it, as removing its plugin would. */
    record Registered(SignInConnector connector, ServiceRegistration<PlatformConnector> registration)
            implements AutoCloseable {
        @Override
        public void close() {
            registration.unregister();
        }
    }

    static Registered register(BundleContext context) {
        SignInConnector connector = new SignInConnector();
        return new Registered(connector, context.registerService(PlatformConnector.class, connector,
                FrameworkUtil.asDictionary(Map.of(PlatformConnector.PLATFORM_ID, ID))));
    }

    // --- the network's side

    /**
     * What the network's sign-in page does with {@code authorizationUrl}: signs
     * in {@link #user} and answers where the browser goes next, the redirect URI
     * with a code and the state.
     */
    URI visit(URI authorizationUrl) {
        Map<String, String> q = query(authorizationUrl.getRawQuery());
        authorizations.add(q);
        String code = UUID.randomUUID().toString();
        Map<String, String> granted = new LinkedHashMap<>(q);
        granted.put("user", user);
        codes.put(code, granted);
        return URI.create(q.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
    }

    // --- the connector's side

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    @Override
    public URI authorizationUrl(AuthorizationStart start) {
        URI url = consentUrl(start);
        if (consentAt == null) {
            return url;
        }
        URI back = visit(url);
        return consentAt.resolve(back.getRawPath() + "?" + back.getRawQuery());
    }

    @Override
    public SignInPage beginSignIn(AuthorizationStart start) {
        String secret = "kept-" + UUID.randomUUID();
        kept.put(start.state(), secret);
        return new SignInPage(authorizationUrl(start), Credentials.of(Map.of("appSecret", secret)));
    }

    private static URI consentUrl(AuthorizationStart start) {
        return URI.create("https://signin.example/authorize?response_type=code&client_id="
                + URLEncoder.encode(start.fields().require("clientId"), StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(start.redirectUri().toString(), StandardCharsets.UTF_8)
                + "&state=" + URLEncoder.encode(start.state(), StandardCharsets.UTF_8)
                + "&code_challenge=" + start.codeChallenge() + "&code_challenge_method=S256");
    }

    @Override
    public SignedIn signIn(AuthorizationGrant grant) throws PlatformException {
        Map<String, String> granted = codes.remove(grant.code());
        boolean ok = granted != null
                && granted.get("redirect_uri").equals(grant.redirectUri().toString())
                && granted.get("client_id").equals(grant.fields().require("clientId"))
                && granted.get("code_challenge").equals(s256(grant.codeVerifier()))
                && grant.fields().get("appSecret").equals(Optional.ofNullable(kept.get(granted.get("state"))));
        if (!ok) {
            throw new AuthExpiredException("the network refused the code (invalid_grant)");
        }
        Map<String, String> credentials = new LinkedHashMap<>(grant.fields().asMap());
        credentials.put("accessToken", "token-of-" + granted.get("user"));
        return new SignedIn(granted.get("user"), Credentials.of(credentials));
    }

    @Override
    public void verify(AccountContext account) throws PlatformException {
        verified.add(account.credentials());
    }

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        return List.of();
    }

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) {
        throw new UnsupportedOperationException("the sign-in network publishes nowhere");
    }

    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) {
        return Optional.empty();
    }

    static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    /** The S256 challenge of a verifier, worked out here independently of the workbench. */
    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
