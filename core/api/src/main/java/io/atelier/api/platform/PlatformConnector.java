package io.atelier.api.platform;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.post.PostVariant;

/**
 * A network, contributed by its own bundle as an OSGi service. The core finds
 * every registered connector (a whiteboard), so a plugin dropped into
 * {@code deploy/} is usable at once and gone when removed.
 * <p>
 * The contract separates the one irreversible act, {@link #publish}, from
 * everything that may be retried. The core calls a method only when
 * {@link #info()} declares the matching {@link Capability}; the default
 * implementations of optional methods refuse the call. Every method may block on
 * I/O and is called on the core's own threads, never on a request thread; it must
 * honour thread interruption and time out on its own (the SDK's HTTP client does).
 * Failures are typed ({@link PlatformException}).
 */
@ConsumerType
public interface PlatformConnector {

    /** Service property with the connector's platform id, the same as {@code info().id()}. */
    String PLATFORM_ID = "atelier.platform.id";

    /** Identity, capabilities, limits, credentials and rate policy. Cheap and constant. */
    PlatformInfo info();

    /**
     * Every rule the network will enforce on {@code variant}, checked before the
     * post is scheduled. No network call is needed for the rules that are known
     * in advance (length, media count, types, sizes).
     *
     * @return the problems, empty when the variant would be accepted
     */
    List<Problem> validate(PostVariant variant, AccountContext account);

    /**
     * Checks that the account's credentials are accepted, when an account is
     * connected or reconnected. The default accepts them without a call.
     *
     * @throws AuthExpiredException when the network refuses them
     */
    default void verify(AccountContext account) throws PlatformException {
    }

    /**
     * Publishes exactly once. Uses {@code request.idempotencyKey()} with the
     * network's own mechanism wherever there is one. Never retries a request that
     * may have reached the network: it throws {@link OutcomeUnknownException}
     * instead.
     */
    PublishResult publish(PublishRequest request, AccountContext account) throws PlatformException;

    /**
     * The network's sign-in page for a new or reconnected account, when
     * {@code info().credentials().signIn()}: an OAuth 2 authorization URL carrying
     * the start's redirect URI, state and S256 code challenge, and the scopes the
     * connector needs. Makes no call to the network.
     *
     * @throws RejectedException when the typed fields cannot make a URL (a malformed client id, say)
     */
    default URI authorizationUrl(AuthorizationStart start) throws PlatformException {
        throw new UnsupportedOperationException(info().id() + " has no sign-in page");
    }

    /**
     * Begins a sign-in, for a connector that must prepare it on the network or
     * keep something until the person comes back: Mastodon registers a client on
     * the account's instance and keeps its secret ({@link SignInPage#kept()}). The
     * core calls this, not {@link #authorizationUrl}; the default gives that URL and
     * keeps nothing. May call the network.
     *
     * @throws RejectedException when the start cannot make a sign-in (no instance, a refused registration)
     */
    default SignInPage beginSignIn(AuthorizationStart start) throws PlatformException {
        return SignInPage.of(authorizationUrl(start));
    }

    /**
     * Finishes a sign-in: exchanges the code for tokens and finds out which
     * account signed in. The core then stores the credentials and calls
     * {@link #verify}.
     *
     * @throws AuthExpiredException when the network refuses the code (spent, expired, another client's)
     */
    default SignedIn signIn(AuthorizationGrant grant) throws PlatformException {
        throw new UnsupportedOperationException(info().id() + " has no sign-in page");
    }

    /**
     * Finds out whether the post with {@code idempotencyKey} exists on the network,
     * after an unknown outcome. Must not create anything.
     *
     * @return the post if it exists, empty if it certainly does not
     * @throws OutcomeUnknownException when the network cannot tell right now
     */
    Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) throws PlatformException;

    /** Counters of published posts ({@link Capability#METRICS}). */
    default List<PostMetrics> metrics(List<String> remoteIds, AccountContext account) throws PlatformException {
        throw new UnsupportedOperationException(info().id() + " does not report metrics");
    }

    /** Counters of the account itself ({@link Capability#METRICS}). */
    default AccountMetrics accountMetrics(AccountContext account) throws PlatformException {
        throw new UnsupportedOperationException(info().id() + " does not report account metrics");
    }

    /**
     * Mentions, replies and comments newer than {@code cursor} ({@link Capability#MENTIONS}).
     *
     * @param cursor what the previous page returned, or {@code null} for the first poll
     */
    default MentionPage mentions(String cursor, AccountContext account) throws PlatformException {
        throw new UnsupportedOperationException(info().id() + " does not report mentions");
    }

    /** Answers a mention ({@link Capability#REPLY}); exactly once, like {@link #publish}. */
    default PublishResult reply(ReplyRequest request, AccountContext account) throws PlatformException {
        throw new UnsupportedOperationException(info().id() + " does not reply");
    }

    /**
     * Hides or deletes a mention this account received ({@link Capability#MODERATE}),
     * where the network lets the account do it (comments on its own site, replies to
     * its own posts). Doing it again to a mention already hidden or gone succeeds.
     *
     * @param mentionId the mention's id as {@link #mentions} gave it
     * @throws RejectedException when the network does not allow it for this mention
     */
    default void moderate(String mentionId, ModerationAction action, AccountContext account)
            throws PlatformException {
        throw new UnsupportedOperationException(info().id() + " does not moderate");
    }

    /** Deletes a published post ({@link Capability#DELETE}); deleting what is gone already succeeds. */
    default void delete(String remoteId, AccountContext account) throws PlatformException {
        throw new UnsupportedOperationException(info().id() + " does not delete");
    }
}
