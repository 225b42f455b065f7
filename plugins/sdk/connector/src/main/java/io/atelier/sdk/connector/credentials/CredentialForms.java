package io.atelier.sdk.connector.credentials;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.CredentialKind;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.Problem;
import io.atelier.api.workspace.Account;

/**
 * The credential forms of the usual kinds, with the same field names in every
 * plugin, and the checks of what was filled in. The handle and the endpoint
 * (server URL) are fields of the account itself, not of the form.
 * <p>
 * Field names a connector stores back through {@code updateCredentials}
 * ({@link #ACCESS_TOKEN}, {@link #REFRESH_TOKEN}, {@link #EXPIRES_AT}) are not
 * form fields: a person never types them.
 */
public final class CredentialForms {

    public static final String APP_PASSWORD = "appPassword";
    public static final String API_KEY = "apiKey";
    public static final String WEBHOOK_URL = "webhookUrl";
    public static final String CLIENT_ID = "clientId";
    public static final String CLIENT_SECRET = "clientSecret";
    public static final String ACCESS_TOKEN = "accessToken";
    public static final String REFRESH_TOKEN = "refreshToken";
    public static final String EXPIRES_AT = "expiresAt";

    /** Names under which connectors keep secrets they obtained, which a form does not list. */
    private static final Set<String> STORED_SECRETS = Set.of(ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET);

    private CredentialForms() {
    }

    /**
     * An app password form (Bluesky, WordPress): one secret, required field.
     *
     * @param help where the person creates the app password, e.g. {@code Settings → App passwords}
     */
    public static CredentialForm appPassword(String help) {
        return new CredentialForm(CredentialKind.APP_PASSWORD,
                List.of(new CredentialField(APP_PASSWORD, "App password", true, true, help)));
    }

    /**
     * An OAuth 2 (authorization code with PKCE) form for a network where the
     * workbench's own registered client is used: nothing to type, the person
     * allows access on the network's page.
     */
    public static CredentialForm oauth2(String help) {
        return new CredentialForm(CredentialKind.OAUTH2_PKCE, List.of());
    }

    /**
     * An OAuth 2 form for a network where each agency registers its own client:
     * the client id, and its secret unless it is a public client.
     */
    public static CredentialForm oauth2WithClient(boolean confidential, String help) {
        List<CredentialField> fields = new ArrayList<>();
        fields.add(new CredentialField(CLIENT_ID, "Client ID", false, true, help));
        if (confidential) {
            fields.add(new CredentialField(CLIENT_SECRET, "Client secret", true, true, ""));
        }
        return new CredentialForm(CredentialKind.OAUTH2_PKCE, fields);
    }

    /**
     * An OAuth 2 form whose accounts connect by signing in on the network's page
     * through the workbench ({@link CredentialForm#signIn()}), with the agency's
     * own app: the client id, and its secret unless it is a public client, are
     * typed before leaving; the tokens come back from the network.
     */
    public static CredentialForm signInWithClient(boolean confidential, String help) {
        return new CredentialForm(CredentialKind.OAUTH2_PKCE, oauth2WithClient(confidential, help).fields(), true);
    }

    /**
     * An API key form (Ghost admin key, Telegram bot token): one secret, required field.
     *
     * @param label what the form calls it, e.g. {@code Admin API key}
     */
    public static CredentialForm apiKey(String label, String help) {
        return new CredentialForm(CredentialKind.API_KEY, List.of(new CredentialField(API_KEY, label, true, true, help)));
    }

    /** A webhook URL form (Discord, Slack): the URL is the secret. */
    public static CredentialForm webhookUrl(String help) {
        return new CredentialForm(CredentialKind.WEBHOOK_URL,
                List.of(new CredentialField(WEBHOOK_URL, "Webhook URL", true, true, help)));
    }

    /** The problems of {@code credentials} against {@code form}: each required field that is missing or blank. */
    public static List<Problem> check(CredentialForm form, Credentials credentials) {
        List<Problem> problems = new ArrayList<>();
        for (CredentialField f : form.fields()) {
            if (f.required() && credentials.get(f.name()).isEmpty()) {
                problems.add(new Problem("credentials." + f.name(), f.label() + " is required"));
            }
        }
        return problems;
    }

    /**
     * The value of {@code field}.
     *
     * @throws AuthExpiredException naming the field and the account when it is missing: the account must be
     *         connected again, its posts wait
     */
    public static String require(Credentials credentials, String field, Account account) throws AuthExpiredException {
        return credentials.get(field).orElseThrow(() -> new AuthExpiredException("credential field '" + field
                + "' of " + account.handle() + " (" + account.id() + ") is missing; connect the account again"));
    }

    /**
     * The values never to show: those of the form's secret fields, of the fields
     * connectors keep tokens in, and of any field whose name says it is secret.
     * Hand them to {@code Call.redacting}.
     */
    public static Set<String> secrets(CredentialForm form, Credentials credentials) {
        Objects.requireNonNull(form, "form");
        Set<String> names = new HashSet<>(STORED_SECRETS);
        for (CredentialField f : form.fields()) {
            if (f.secret()) {
                names.add(f.name());
            }
        }
        Set<String> values = new HashSet<>();
        credentials.asMap().forEach((name, value) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (names.contains(name) || n.contains("password") || n.contains("secret") || n.contains("token")
                    || n.endsWith("key") || n.contains("jwt")) {
                if (value != null && !value.isBlank()) {
                    values.add(value);
                }
            }
        });
        return values;
    }
}
