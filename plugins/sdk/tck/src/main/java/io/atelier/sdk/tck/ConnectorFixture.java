package io.atelier.sdk.tck;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.post.Media;

/**
 * What a plugin gives the conformance kit: its connector, a working account on a
 * real server (or a fake), and a way to see what the server holds without going
 * through the connector. The optional hooks open more checks; a check whose hook
 * is absent is skipped with a reason that names the hook, never passed.
 * <p>
 * Created once per test class ({@link ConnectorConformance#createFixture}) and
 * closed after it: start the server in the fixture's constructor or factory, stop
 * it in {@link #close()}.
 */
public interface ConnectorFixture extends AutoCloseable {

    /**
     * A connector as the framework creates it. It may be built with shorter
     * timeouts than the default (the {@link Fault#NO_ANSWER} check waits for the
     * connector to give up on its own).
     */
    PlatformConnector connector();

    /** A context of the working account the kit publishes with; every call may get a new one. */
    AccountContext account();

    /**
     * The posts of the account on the server whose text is exactly {@code text},
     * read from the server itself (or the fake's records), never through the
     * connector under test.
     */
    List<RemotePost> postsWithText(String text) throws Exception;

    /**
     * The same account, its network reached at {@code endpoint} instead (a
     * {@link FaultProxy} in front of the real server). Opens the fault checks,
     * together with {@link #publishRequest()}.
     */
    default Optional<AccountContext> accountThrough(URI endpoint) {
        return Optional.empty();
    }

    /**
     * The request of {@code publish} that creates the post, e.g.
     * {@code POST /api/v1/statuses}; the fault checks tamper with that one and let
     * the others (sign-in, lookups, uploads) through.
     */
    default Optional<RequestMatcher> publishRequest() {
        return Optional.empty();
    }

    /**
     * The media the kit attaches to every post it publishes, for a network that takes
     * no post without one (Instagram); the default, none, publishes text only. Each
     * must be readable through the fixture's account context ({@link AccountContext#media},
     * e.g. put there with {@link TckAccount#withMedia}), whole and of the size its
     * {@link Media} states, and, for a network that fetches media by address, through
     * {@link AccountContext#mediaUrl} of {@link #account()} and of {@link #accountThrough}.
     * The validation checks build their own variants: the length check stays text only,
     * the media check uses media of its own.
     */
    default List<Media> publishedMedia() {
        return List.of();
    }

    /**
     * Makes another account mention the fixture's account with {@code text}, so the
     * mentions check can look for it; returns false when the fixture cannot.
     */
    default boolean mention(String text) throws Exception {
        return false;
    }

    /** The reason {@code check} does not apply to this connector, or empty when it does. */
    default Optional<String> notApplicable(Check check) {
        return Optional.empty();
    }

    /** How long the server may take to show a new post or mention (an index that lags), polled, never slept. */
    default Duration settle() {
        return Duration.ZERO;
    }

    /** The longest any connector call may take before the kit calls it hung. */
    default Duration callLimit() {
        return Duration.ofMinutes(2);
    }

    @Override
    default void close() throws Exception {
    }
}
