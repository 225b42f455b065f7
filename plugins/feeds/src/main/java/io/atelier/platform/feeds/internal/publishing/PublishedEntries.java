package io.atelier.platform.feeds.internal.publishing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.atelier.api.storage.PluginStore;

/**
 * How the published entries lie in the plugin's store. Two namespaces per feed:
 * <ul>
 * <li>{@code account/<accountId>}: {@code entry/<uuid>}, the entry itself — the one
 * record that decides whether a publish happened, written with {@code putIfAbsent};
 * {@code feed/<order>/<uuid>}, a copy of each visible entry, keyed so that the
 * store's ascending key order is newest first ({@code order} is
 * {@code Long.MAX_VALUE} minus the publication's epoch milliseconds, 19 digits);
 * {@code feed}, the feed's description (title, last change);</li>
 * <li>{@code workspace/<workspaceId>}: the same {@code feed/<order>/<uuid>} copies
 * and {@code feed} description for every Atom account of the workspace.</li>
 * </ul>
 * A feed is then one {@code list} of at most {@link #FEED_SIZE} keys, whatever
 * the number of entries or accounts. The copies are derived from the entry
 * record: written after it, and written again (idempotently) by a repeated publish
 * or a reconcile, so an interruption between the two leaves nothing that another
 * call does not complete. Deleting marks the entry record and removes the copies.
 */
final class PublishedEntries {

    /** Entries a feed shows, newest first. */
    static final int FEED_SIZE = 50;

    private static final String ENTRY = "entry/";
    private static final String ORDER = "feed/";
    private static final String DESCRIPTION = "feed";

    /** A feed as stored: its description and its newest entries, newest first. */
    record Stored(EntryJson.Description description, List<AtomEntry> entries) {
    }

    /** What a claim found: the entry that holds the key, and whether this claim wrote it. */
    record Claim(AtomEntry entry, boolean created) {
    }

    private final PluginStore store;
    private final Clock clock;

    PublishedEntries(PluginStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    static String accountNamespace(String accountId) {
        return "account/" + accountId;
    }

    static String workspaceNamespace(String workspaceId) {
        return "workspace/" + workspaceId;
    }

    /**
     * Keeps {@code entry} unless its id is taken; either way answers the entry that
     * holds the id. Atomic across nodes (the store's {@code putIfAbsent}).
     *
     * @throws IllegalStateException when the store fails: whether the entry was written is then unknown
     */
    Claim claim(AtomEntry entry) {
        String namespace = accountNamespace(entry.accountId());
        if (store.putIfAbsent(namespace, ENTRY + entry.id(), EntryJson.write(entry))) {
            return new Claim(entry, true);
        }
        AtomEntry first = find(entry.accountId(), entry.id()).orElseThrow(() -> new IllegalStateException(
                "the store refused entry " + entry.id() + " of " + namespace + " as present but does not return it"));
        return new Claim(first, false);
    }

    /** The entry with {@code id} in the account's feed, deleted or not. */
    Optional<AtomEntry> find(String accountId, String id) {
        String namespace = accountNamespace(accountId);
        return store.get(namespace, ENTRY + id)
                .map(value -> EntryJson.read(value, "entry " + id + " of " + namespace));
    }

    /** Puts the entry's copies into its account's and workspace's feeds (again), unless it was deleted. */
    void show(AtomEntry entry) {
        if (entry.isDeleted()) {
            return;
        }
        String value = EntryJson.write(entry);
        String account = accountNamespace(entry.accountId());
        String workspace = workspaceNamespace(entry.workspaceId());
        store.put(account, orderKey(entry), value);
        store.put(workspace, orderKey(entry), value);
        // Descriptions last: a feed is known once it has an entry, and its title follows the account's handle.
        Instant now = clock.instant();
        store.put(account, DESCRIPTION, EntryJson.write(new EntryJson.Description(entry.author(), later(entry.published(), now))));
        store.put(workspace, DESCRIPTION, EntryJson.write(new EntryJson.Description(
                "Atelier workspace " + entry.workspaceId(), later(entry.published(), now))));
    }

    /** Marks the entry deleted and takes its copies out of both feeds; again for one deleted already. */
    AtomEntry hide(AtomEntry entry) {
        AtomEntry deleted = entry.isDeleted() ? entry : entry.deletedAt(clock.instant());
        String account = accountNamespace(entry.accountId());
        String workspace = workspaceNamespace(entry.workspaceId());
        // The mark first: a copy left behind by a failure below is removed by the next delete.
        store.put(account, ENTRY + entry.id(), EntryJson.write(deleted));
        store.delete(account, orderKey(entry));
        store.delete(workspace, orderKey(entry));
        touch(account, entry.author());
        touch(workspace, "Atelier workspace " + entry.workspaceId());
        return deleted;
    }

    /** The account's feed, or empty when nothing was ever published to it. */
    Optional<Stored> accountFeed(String accountId) {
        return feed(accountNamespace(accountId));
    }

    /** The workspace's feed, or empty when none of its Atom accounts ever published. */
    Optional<Stored> workspaceFeed(String workspaceId) {
        return feed(workspaceNamespace(workspaceId));
    }

    private Optional<Stored> feed(String namespace) {
        Optional<String> description = store.get(namespace, DESCRIPTION);
        if (description.isEmpty()) {
            return Optional.empty();
        }
        List<AtomEntry> entries = new ArrayList<>();
        for (PluginStore.Entry e : store.list(namespace, ORDER, FEED_SIZE)) {
            entries.add(EntryJson.read(e.value(), e.key() + " of " + namespace));
        }
        return Optional.of(new Stored(EntryJson.readDescription(description.get(), "the description of " + namespace),
                entries));
    }

    /** The feed's description with its last change now, keeping its title. */
    private void touch(String namespace, String fallbackTitle) {
        String title = store.get(namespace, DESCRIPTION)
                .map(v -> EntryJson.readDescription(v, "the description of " + namespace).title()).orElse(fallbackTitle);
        store.put(namespace, DESCRIPTION, EntryJson.write(new EntryJson.Description(title, clock.instant())));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** {@code feed/<19 digits>/<uuid>}: ascending keys are the newest entries first. */
    static String orderKey(AtomEntry entry) {
        return ORDER + String.format("%019d", Long.MAX_VALUE - entry.published().toEpochMilli()) + "/" + entry.id();
    }
}
