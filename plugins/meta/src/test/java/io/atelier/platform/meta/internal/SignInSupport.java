package io.atelier.platform.meta.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.atelier.api.platform.AuthorizationGrant;
import io.atelier.api.platform.AuthorizationStart;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.sdk.tck.FakeHttp;

/** Runs a sign-in as the core and a browser would: the connector's URL, the fake's dialog, the redirect back. */
final class SignInSupport {

    static final URI CALLBACK = URI.create("http://127.0.0.1:8080/oauth/callback");
    static final String VERIFIER = "verifier-0123456789-abcdefghijklmnopqrstuvwxyz";

    private SignInSupport() {
    }

    /** The URL the connector sends the person to. */
    static URI start(PlatformConnector c, String endpoint, String appId, String secret) throws Exception {
        return c.authorizationUrl(new AuthorizationStart(endpoint, fields(appId, secret), CALLBACK, "state-42",
                "challenge-abc"));
    }

    /** Follows the dialog (which approves at once) and returns the grant the core would build from the callback. */
    static AuthorizationGrant grant(URI authorizationUrl, String endpoint, String appId, String secret)
            throws Exception {
        HttpResponse<Void> r = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(authorizationUrl).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 302) {
            throw new AssertionError("the dialog answered " + r.statusCode());
        }
        URI back = URI.create(r.headers().firstValue("Location").orElseThrow());
        Map<String, List<String>> q = FakeHttp.form(back.getRawQuery());
        if (!"state-42".equals(FakeHttp.first(q, "state"))) {
            throw new AssertionError("the state did not come back: " + back);
        }
        return new AuthorizationGrant(endpoint, fields(appId, secret), CALLBACK, FakeHttp.first(q, "code"), VERIFIER);
    }

    static Credentials fields(String appId, String secret) {
        return Credentials.of(Map.of(MetaConstants.CLIENT_ID, appId, MetaConstants.CLIENT_SECRET, secret));
    }
}
