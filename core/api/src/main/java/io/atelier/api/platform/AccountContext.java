package io.atelier.api.platform;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.api.post.Media;
import io.atelier.api.workspace.Account;

/**
 * What the core hands a connector for a call on one account: the account, its
 * decrypted credentials, a way to keep refreshed tokens, and the content of the
 * media attached to a post. Implemented by the core; a connector never stores
 * credentials itself and never reads media from anywhere else.
 */
@ProviderType
public interface AccountContext {

    /** The account the call is for. */
    Account account();

    /** The account's decrypted credentials. */
    Credentials credentials();

    /**
     * Stores refreshed credentials, encrypted, merged over the current ones (a
     * blank value never replaces a stored one). Later calls see the new values.
     */
    void updateCredentials(Credentials refreshed);

    /**
     * The bytes of a medium attached to the post being published or checked, read
     * from the workbench's media library ({@link Media#id()} is the library's id,
     * {@code med_…}). Only the media of the account's own workspace can be read.
     * The whole medium is returned; its type and size are those of {@code media},
     * which the core took from the library when the post was planned.
     *
     * <p>The default, for contexts without a media library (an account being
     * added, a test's context), refuses every read.
     *
     * @throws IOException when the medium is not in the account's workspace (never
     *         uploaded, deleted since, or another workspace's), or cannot be read
     */
    default byte[] media(Media media) throws IOException {
        throw new IOException("media " + media.id() + " cannot be read here: no media library is available for"
                + " account " + account().id());
    }

    /**
     * A URL from which the network itself can fetch a medium attached to the post
     * being published, for networks that take media by URL rather than by upload
     * (Instagram, Threads). The URL carries a signed token, answers only with that
     * medium and stops answering after {@code validFor}.
     *
     * <p>Empty when the workbench is not reachable from the network (no public
     * address configured); the default, for contexts without a media library, is
     * always empty.
     */
    default Optional<URI> mediaUrl(Media media, Duration validFor) {
        return Optional.empty();
    }
}
