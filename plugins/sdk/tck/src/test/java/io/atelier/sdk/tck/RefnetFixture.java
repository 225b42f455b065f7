package io.atelier.sdk.tck;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.sdk.connector.credentials.CredentialForms;

/** The fixture of the kit's own tests: the reference connector against the reference fake. */
class RefnetFixture implements ConnectorFixture {

    final RefnetServer server;
    private final Set<RefnetConnector.Flaw> flaws;
    private final boolean hooks;
    private final Map<Check, String> notApplicable;
    private final TckAccount account;

    RefnetFixture(Set<RefnetConnector.Flaw> flaws, boolean hooks, Map<Check, String> notApplicable) throws Exception {
        this.server = new RefnetServer("refnet-token-0123456789");
        this.flaws = flaws.isEmpty() ? EnumSet.noneOf(RefnetConnector.Flaw.class) : EnumSet.copyOf(flaws);
        this.hooks = hooks;
        this.notApplicable = Map.copyOf(notApplicable);
        this.account = TckAccount.of("refnet", "alice.refnet", server.url(),
                Map.of(CredentialForms.API_KEY, "refnet-token-0123456789"));
    }

    @Override
    public PlatformConnector connector() {
        return new RefnetConnector(flaws);
    }

    @Override
    public AccountContext account() {
        return account;
    }

    @Override
    public List<RemotePost> postsWithText(String text) {
        return server.withText(text).stream().map(p -> new RemotePost(p.id(), p.text())).toList();
    }

    @Override
    public Optional<AccountContext> accountThrough(URI endpoint) {
        return hooks ? Optional.of(account.at(endpoint.toString())) : Optional.empty();
    }

    @Override
    public Optional<RequestMatcher> publishRequest() {
        return hooks ? Optional.of(RequestMatcher.post("/api/posts")) : Optional.empty();
    }

    @Override
    public boolean mention(String text) {
        server.mention(text);
        return true;
    }

    @Override
    public Optional<String> notApplicable(Check check) {
        return Optional.ofNullable(notApplicable.get(check));
    }

    @Override
    public java.time.Duration callLimit() {
        return java.time.Duration.ofSeconds(10);
    }

    @Override
    public void close() {
        server.close();
    }
}
