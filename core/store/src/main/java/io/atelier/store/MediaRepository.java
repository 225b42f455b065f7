package io.atelier.store;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.api.post.Media;

/**
 * A workspace's media library: images and videos uploaded once and attached to
 * posts by their id ({@code med_…}). The content lives in the database, so every
 * node of an installation serves the same media and a connector never reads the
 * server's files. Every method is scoped to one workspace: a medium of another
 * workspace is "not found".
 *
 * <p>The store keeps what it is given: whether the bytes really are of the declared
 * type is checked by whoever accepts an upload. Deleting a medium is allowed even
 * while posts name it; such a post then fails to publish (the connector cannot read
 * the medium), and planning it again reports the medium as unknown.
 */
@ProviderType
public interface MediaRepository {

    /** The largest medium the library keeps: 50 MiB. */
    long MAX_BYTES = 50L * 1024 * 1024;

    /** Where {@link #publicLink}s point, under the workbench's public address; the token follows. */
    String PUBLIC_LINK_PATH = "api/v1/media-links/";

    /** The most media one {@link #list} returns. */
    int MAX_LIMIT = 1000;

    /**
     * A medium as the library describes it, without its content.
     *
     * @param id        {@code med_…}
     * @param mediaType the MIME type it was uploaded as, e.g. {@code image/png}
     * @param size      its length in bytes
     * @param sha256    the SHA-256 of its content, lower-case hex
     * @param fileName  the name it was uploaded under, or {@code null}
     * @param altText   the description read by screen readers; may be empty, never {@code null}
     * @param createdBy who uploaded it: a person's id or {@code system}
     */
    record StoredMedia(String id, String workspaceId, String mediaType, long size, String sha256, String fileName,
            String altText, Instant createdAt, String createdBy) {

        public StoredMedia {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(sha256, "sha256");
            altText = altText == null ? "" : altText;
        }

        /** The medium as a post variant carries it, with {@code altText} (the library's own when {@code null}). */
        public Media asMedia(String altText) {
            return new Media(id, mediaType, size, altText == null ? this.altText : altText);
        }
    }

    /**
     * Adds a medium to the workspace's library.
     *
     * @param mediaType the MIME type, 1 to 100 characters
     * @param bytes     the content, 1 byte to {@link #MAX_BYTES}
     * @param fileName  the name it was uploaded under, at most 255 characters; {@code null} or blank for none
     * @param altText   at most 5,000 characters; {@code null} for none
     * @param actor     who uploads it: a person's id or {@code system}
     * @return the medium as stored
     * @throws IllegalArgumentException naming the field of a value out of bounds
     * @throws java.util.NoSuchElementException when the workspace does not exist
     */
    StoredMedia add(String workspaceId, String mediaType, byte[] bytes, String fileName, String altText, String actor);

    /** The medium, if it belongs to the workspace. */
    Optional<StoredMedia> find(String workspaceId, String mediaId);

    /** The medium's whole content, if it belongs to the workspace. */
    Optional<byte[]> bytes(String workspaceId, String mediaId);

    /**
     * The workspace's media, newest first.
     *
     * @param limit 1 to {@link #MAX_LIMIT}
     */
    List<StoredMedia> list(String workspaceId, int limit);

    /**
     * Removes a medium and its content, whether or not posts name it.
     *
     * @return false if there was no such medium in the workspace
     */
    boolean delete(String workspaceId, String mediaId);

    /**
     * A URL from which anyone holding it may fetch the medium until {@code now}
     * plus {@code validFor}: for networks that take media by URL (Instagram,
     * Threads). The link is signed with the store's key, so it cannot be altered
     * to reach another medium or to last longer. Empty when the workbench has no
     * public address ({@code publicUrl}), since a network could not reach it.
     */
    Optional<URI> publicLink(String workspaceId, String mediaId, Duration validFor, Instant now);

    /**
     * The medium a {@link #publicLink}'s token names, if the token is intact, has
     * not expired at {@code now} and the medium is still in the library.
     */
    Optional<StoredMedia> openPublicLink(String token, Instant now);
}
