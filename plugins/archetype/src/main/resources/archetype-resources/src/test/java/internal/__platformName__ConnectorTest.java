package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.connector.credentials.CredentialForms;
import io.atelier.sdk.tck.TckAccount;

/**
 * What the conformance kit does not check, against {@link Fake${platformName}} (a
 * fake written from README.md): the API key is checked when an account is
 * connected, and a publish carries the post's key so the network keeps one post.
 */
class ${platformName}ConnectorTest {

    private static final String KEY = ${platformName}ConformanceTest.API_KEY;

    private Fake${platformName} network;
    private ${platformName}Connector connector;

    @BeforeEach
    void start() throws Exception {
        network = new Fake${platformName}("alice", KEY);
        connector = new ${platformName}Connector(Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        network.close();
    }

    @Test
    void verifyAcceptsTheAccountsKeyAndRefusesAnotherWithoutShowingIt() throws Exception {
        connector.verify(account(KEY));

        String wrong = "key-mallory-000000000000";
        AuthExpiredException refused = assertThrows(AuthExpiredException.class, () -> connector.verify(account(wrong)));
        assertFalse(refused.getMessage().contains(wrong), refused.getMessage());
    }

    @Test
    void publishingAKeyTwiceMakesOnePostFromTwoRequests() throws Exception {
        TckAccount alice = account(KEY);
        PostVariant variant = new PostVariant(alice.account().id(), "Hello from Atelier", List.of(), List.of());
        PublishRequest request = new PublishRequest("post-42-alice", "post-42", variant, null);

        PublishResult first = connector.publish(request, alice);
        PublishResult again = connector.publish(request, alice);

        assertEquals(first.remoteId(), again.remoteId());
        assertEquals(2, network.createRequests("Hello from Atelier"), "both requests reached the network");
        assertEquals(1, network.postsWithText("Hello from Atelier").size(), "and it kept one post");
        assertEquals(first.remoteId(), connector.reconcile("post-42-alice", alice).orElseThrow().remoteId());
    }

    private TckAccount account(String apiKey) {
        return TckAccount.of(${platformName}Connector.ID, "alice", network.endpoint(),
                Map.of(CredentialForms.API_KEY, apiKey));
    }
}
