package io.atelier.sdk.tck;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.post.Media;
import io.atelier.sdk.connector.credentials.CredentialForms;

/** The fixture of the kit's own tests: the reference connector against the reference fake. */
class RefnetFixture implements ConnectorFixture {

    final RefnetServer server;
    private final Set<RefnetConnector.Flaw> flaws;
    private final boolean hooks;
    private final Map<Check, String> notApplicable;
    private final TckAccount account;
    private final boolean imageRequired;
    private final List<Media> published;

    RefnetFixture(Set<RefnetConnector.Flaw> flaws, boolean hooks, Map<Check, String> notApplicable) throws Exception {
        this(flaws, hooks, notApplicable, false, List.of());
    }

    /**
     * With {@code imageRequired}, the connector takes no post without an image; {@code published}
     * is the fixture's {@link #publishedMedia}, each medium put in the account's library with as
     * many bytes as it states unless its id starts with {@code med_missing}.
     */
    RefnetFixture(Set<RefnetConnector.Flaw> flaws, boolean hooks, Map<Check, String> notApplicable,
            boolean imageRequired, List<Media> published) throws Exception {
        this.server = new RefnetServer("refnet-token-0123456789");
        this.imageRequired = imageRequired;
        this.published = List.copyOf(published);
        this.flaws = flaws.isEmpty() ? EnumSet.noneOf(RefnetConnector.Flaw.class) : EnumSet.copyOf(flaws);
        this.hooks = hooks;
        this.notApplicable = Map.copyOf(notApplicable);
        this.account = TckAccount.of("refnet", "alice.refnet", server.url(),
                Map.of(CredentialForms.API_KEY, "refnet-token-0123456789"));
        for (Media m : this.published) {
            if (!m.id().startsWith("med_missing")) {
                account.withMedia(m.id(), content(m));
            }
        }
    }

    /** The bytes of {@code m} in the library: its id, repeated to its size. */
    static byte[] content(Media m) {
        byte[] id = m.id().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] b = new byte[(int) m.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = id[i % id.length];
        }
        return b;
    }

    @Override
    public PlatformConnector connector() {
        return new RefnetConnector(flaws, imageRequired);
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
    public List<Media> publishedMedia() {
        return published;
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
