package io.atelier.platform.feeds.internal.publishing;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.sdk.tck.Check;
import io.atelier.sdk.tck.ConnectorConformance;
import io.atelier.sdk.tck.ConnectorFixture;
import io.atelier.sdk.tck.MemoryPluginStore;
import io.atelier.sdk.tck.RemotePost;
import io.atelier.sdk.tck.TckAccount;

/**
 * The SDK's conformance kit against the Atom feed connector. "The server" is
 * the feed itself: {@code postsWithText} reads the account's feed document as a
 * subscriber gets it ({@link FeedPages}) and parses it with the JDK, never asking
 * the connector. The store is {@link MemoryPluginStore}, a stand-in written from
 * the {@code PluginStore} contract; the real store is tested against H2 and
 * PostgreSQL in {@code core/store}.
 * <p>
 * The fault checks do not apply: publishing makes no network call, so there is no
 * request for the kit's proxy to tamper with. What they stand for — a failure
 * that leaves the outcome unknown, a reconcile that cannot ask — is checked
 * against a failing store in {@link AtomConnectorTest}.
 */
class AtomConformanceTest extends ConnectorConformance {

    private static final String NO_NETWORK = "the Atom feed is published by the workbench itself: no request goes"
            + " to a network, so there is nothing for the fault proxy to break; store failures are checked in"
            + " AtomConnectorTest";

    @Override
    protected ConnectorFixture createFixture() {
        MemoryPluginStore store = new MemoryPluginStore(Clock.systemUTC());
        AtomConnector connector = new AtomConnector(store, () -> "http://127.0.0.1:8080/", Clock.systemUTC());
        FeedPages pages = new FeedPages(new PublishedEntries(store, Clock.systemUTC()), () -> "http://127.0.0.1:8080/");
        TckAccount account = TckAccount.of("atom", "news", null, Map.of());
        return new ConnectorFixture() {
            @Override
            public PlatformConnector connector() {
                return connector;
            }

            @Override
            public AccountContext account() {
                return account;
            }

            @Override
            public List<RemotePost> postsWithText(String text) throws Exception {
                FeedPages.Answer answer = pages.get("/" + account.account().id() + ".atom", null);
                if (answer.status() == 404) {
                    return List.of();
                }
                if (answer.status() != 200) {
                    throw new AssertionError("the feed answered " + answer.status());
                }
                return ParsedAtom.parse(answer.body()).entries().stream().filter(e -> e.content().equals(text))
                        .map(e -> new RemotePost(e.id(), e.content())).toList();
            }

            @Override
            public Optional<String> notApplicable(Check check) {
                return check.name().startsWith("FAULT_") || check.name().startsWith("RECONCILE_")
                        ? Optional.of(NO_NETWORK) : Optional.empty();
            }
        };
    }
}
