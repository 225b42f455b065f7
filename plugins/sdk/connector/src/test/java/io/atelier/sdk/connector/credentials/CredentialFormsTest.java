package io.atelier.sdk.connector.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.CredentialKind;
import io.atelier.api.platform.Credentials;
import io.atelier.api.platform.Problem;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.AccountStatus;

class CredentialFormsTest {

    @Test
    void theFormsOfEachKind() {
        CredentialForm app = CredentialForms.appPassword("Settings → App passwords");
        assertEquals(CredentialKind.APP_PASSWORD, app.kind());
        assertEquals(List.of(new CredentialField("appPassword", "App password", true, true, "Settings → App passwords")),
                app.fields());
        assertEquals(CredentialKind.OAUTH2_PKCE, CredentialForms.oauth2("").kind());
        assertEquals(List.of(), CredentialForms.oauth2("").fields());
        CredentialForm own = CredentialForms.oauth2WithClient(true, "Developer portal → Apps");
        assertEquals(List.of("clientId", "clientSecret"), own.fields().stream().map(CredentialField::name).toList());
        assertEquals(List.of(false, true), own.fields().stream().map(CredentialField::secret).toList());
        assertEquals(1, CredentialForms.oauth2WithClient(false, "").fields().size());
        CredentialForm key = CredentialForms.apiKey("Admin API key", "Ghost → Integrations");
        assertEquals(CredentialKind.API_KEY, key.kind());
        assertTrue(key.fields().get(0).secret() && key.fields().get(0).required());
        assertEquals(CredentialKind.WEBHOOK_URL, CredentialForms.webhookUrl("").kind());
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        CredentialForm own = CredentialForms.oauth2WithClient(true, "");
        assertEquals(List.of(new Problem("credentials.clientSecret", "Client secret is required")),
                CredentialForms.check(own, Credentials.of(Map.of("clientId", "abc", "clientSecret", "  "))));
        Account a = new Account("acc_1", "ws_1", "ghost", "blog.example", null, null, AccountStatus.CONNECTED, Instant.EPOCH);
        AuthExpiredException e = assertThrows(AuthExpiredException.class,
                () -> CredentialForms.require(Credentials.none(), CredentialForms.API_KEY, a));
        assertEquals("credential field 'apiKey' of blog.example (acc_1) is missing; connect the account again", e.getMessage());
    }

    @Test
    void secretsAreTheSecretFieldsAndTheStoredTokens() {
        Credentials c = Credentials.of(Map.of("clientId", "public-id", "clientSecret", "cs-value", "accessToken", "at-value",
                "refreshJwt", "rj-value", "did", "did:plc:abc", "webhookUrl", "https://hooks.example/T0/B0/xyz"));
        assertEquals(Set.of("cs-value", "at-value", "rj-value"),
                CredentialForms.secrets(CredentialForms.oauth2WithClient(true, ""), c));
        assertEquals(Set.of("cs-value", "at-value", "rj-value", "https://hooks.example/T0/B0/xyz"),
                CredentialForms.secrets(CredentialForms.webhookUrl(""), c));
    }
}
