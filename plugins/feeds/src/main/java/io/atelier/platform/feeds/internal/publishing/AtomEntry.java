package io.atelier.platform.feeds.internal.publishing;

import java.time.Instant;
import java.util.Objects;

import io.atelier.api.platform.PublishResult;

/**
 * One entry of an account's Atom feed, as kept in the plugin's store: what was
 * published, for which account, under which idempotency key, and whether it was
 * deleted since (a deleted entry is kept, so its key stays spent and a repeated
 * publish does not bring it back).
 *
 * @param id          the entry's UUID, derived from the account and the key ({@link EntryIds})
 * @param accountId   the account whose feed holds it
 * @param workspaceId the account's workspace, whose feed shows it too
 * @param author      the account's handle when it was published, shown as the entry's author
 * @param key         the idempotency key it was published under
 * @param postId      the post in the workbench
 * @param text        the content: the post's text and its thread parts, cleaned ({@link EntryText})
 * @param published   when it was published; it never changes
 * @param deleted     when it was deleted, or {@code null}
 */
record AtomEntry(String id, String accountId, String workspaceId, String author, String key, String postId,
        String text, Instant published, Instant deleted) {

    AtomEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(published, "published");
    }

    /** The entry's Atom {@code id}: {@code urn:uuid:…}, the same on every node and in every feed. */
    String atomId() {
        return EntryIds.URN_PREFIX + id;
    }

    boolean isDeleted() {
        return deleted != null;
    }

    AtomEntry deletedAt(Instant when) {
        return new AtomEntry(id, accountId, workspaceId, author, key, postId, text, published, when);
    }

    /** What publish and reconcile answer: the Atom id, the entry's link under {@code publicBase}, the date. */
    PublishResult result(String publicBase) {
        return new PublishResult(atomId(), FeedPaths.entryUrl(publicBase, accountId, atomId()), published);
    }
}
