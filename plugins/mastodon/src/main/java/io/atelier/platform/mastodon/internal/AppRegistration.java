package io.atelier.platform.mastodon.internal;

import java.net.URI;
import java.util.List;

import com.google.gson.JsonObject;

import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.json.Json;

/**
 * Registers the workbench as an application on an instance
 * ({@code POST /api/v1/apps}), the first step of connecting an account of that
 * instance with OAuth: Mastodon has no global client, every instance issues its
 * own client id and secret. The registration asks for the connector's scopes
 * ({@link MastodonConstants#SCOPES}). Registering twice only makes a second,
 * unused application, so a failed registration may simply be repeated.
 */
final class AppRegistration {

    private final MastodonHttp http;

    AppRegistration(MastodonHttp http) {
        this.http = http;
    }

    /**
     * Registers {@code clientName} on {@code instance} with one redirect URI.
     *
     * @param website the application's home page, or null
     * @throws RejectedException when the instance refuses the registration (its reason, e.g. an invalid
     *         redirect URI) or answers without a client id and secret
     */
    RegisteredApp register(Instance instance, String clientName, URI redirectUri, String website)
            throws PlatformException {
        JsonObject body = new JsonObject();
        body.addProperty("client_name", clientName);
        // A single URI as a string: every Mastodon version takes it (the array form came in 4.3).
        body.addProperty("redirect_uris", redirectUri.toString());
        body.addProperty("scopes", String.join(" ", MastodonConstants.SCOPES));
        if (website != null) {
            body.addProperty("website", website);
        }
        Call call = Call.repeatableWrite("registering the application on " + instance.host());
        HttpAnswer answer = http.require(http.request(instance, "/api/v1/apps", null)
                .header("Content-Type", Json.MEDIA_TYPE).POST(Json.body(body)).build(), call);
        JsonObject app = answer.json();
        String id = Statuses.string(app, "client_id");
        String secret = Statuses.string(app, "client_secret");
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            throw new RejectedException("Mastodon answered the registration on " + instance.host()
                    + " without a client id and secret");
        }
        return new RegisteredApp(instance, id, secret, redirectUri, List.copyOf(MastodonConstants.SCOPES));
    }
}
