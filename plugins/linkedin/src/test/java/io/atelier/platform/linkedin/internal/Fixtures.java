package io.atelier.platform.linkedin.internal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.atelier.api.platform.PublishRequest;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.api.storage.PluginStore;
import io.atelier.sdk.tck.MemoryPluginStore;
import io.atelier.sdk.tck.TckAccount;

/** What the tests against {@link FakeLinkedIn} share: a quick connector, alice's accounts, requests. */
final class Fixtures {

    /** The scopes of a member's sign-in, and the restricted read permission some apps are granted. */
    static final Set<String> MEMBER = Set.of("openid", "profile", "w_member_social");
    static final Set<String> MEMBER_READING = Set.of("openid", "profile", "w_member_social", "r_member_social");
    static final Set<String> PAGE = Set.of("openid", "profile", "w_organization_social", "r_organization_social");

    private Fixtures() {
    }

    /** Short timeouts, LinkedIn's addresses replaced by the fake's; the rest as shipped. */
    static LinkedInSettings settings(FakeLinkedIn li) {
        LinkedInSettings d = LinkedInSettings.defaults();
        return new LinkedInSettings(URI.create(li.url()), URI.create(li.url()), d.apiVersion(),
                Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(10), d.clock());
    }

    /** A connector with a store of its own. */
    static LinkedInConnector connector(FakeLinkedIn li) {
        return connector(li, new MemoryPluginStore());
    }

    /** A connector on {@code store}: two on one store are two nodes, or one before and one after a restart. */
    static LinkedInConnector connector(FakeLinkedIn li, PluginStore store) {
        return new LinkedInConnector(settings(li), store);
    }

    /** Alice as a member, signed in with {@code scopes}, her token valid 60 days, as {@code signIn} stores it. */
    static TckAccount alice(FakeLinkedIn li, Set<String> scopes) {
        return account(li, li.grant(li.alice, scopes), Instant.now().plusSeconds(5_184_000), null);
    }

    /** Alice posting as the fake's organization page. */
    static TckAccount alicesPage(FakeLinkedIn li, Set<String> scopes, String organization) {
        return account(li, li.grant(li.alice, scopes), Instant.now().plusSeconds(5_184_000), organization);
    }

    static TckAccount account(FakeLinkedIn li, String[] tokens, Instant expiresAt, String organization) {
        Map<String, String> c = new HashMap<>();
        c.put(LinkedInConstants.CLIENT_ID, FakeLinkedIn.CLIENT_ID);
        c.put(LinkedInConstants.CLIENT_SECRET, FakeLinkedIn.CLIENT_SECRET);
        c.put(LinkedInConstants.ACCESS_TOKEN, tokens[0]);
        if (tokens[1] != null) {
            c.put(LinkedInConstants.REFRESH_TOKEN, tokens[1]);
        }
        c.put(LinkedInConstants.EXPIRES_AT, expiresAt.toString());
        c.put(LinkedInConstants.MEMBER_ID, li.alice.sub());
        if (organization != null) {
            c.put(LinkedInConstants.ORGANIZATION, organization);
        }
        return TckAccount.of(LinkedInConstants.PLATFORM_ID, "Alice Martin", li.url(), c);
    }

    static PostVariant variant(String text, List<Media> media) {
        return new PostVariant("acc_tck_AliceMartin", text, media, List.of());
    }

    static PublishRequest request(String key, String text) {
        return new PublishRequest(key, "post_" + key, variant(text, List.of()), null);
    }

    static PublishRequest request(String key, String text, List<Media> media) {
        return new PublishRequest(key, "post_" + key, variant(text, media), null);
    }
}
