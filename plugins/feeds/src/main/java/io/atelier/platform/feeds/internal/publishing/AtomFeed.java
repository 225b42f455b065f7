package io.atelier.platform.feeds.internal.publishing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An Atom 1.0 feed document as {@link AtomWriter} writes it (RFC 4287): the
 * feed's identity and its entries, newest first.
 *
 * @param id      the feed's permanent id, a {@code urn:uuid:}
 * @param title   its title
 * @param updated its last change
 * @param self    its own address ({@code link rel="self"})
 * @param entries its entries, newest first
 */
record AtomFeed(String id, String title, Instant updated, String self, List<Item> entries) {

    AtomFeed {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(self, "self");
        entries = List.copyOf(entries);
    }

    /**
     * One entry.
     *
     * @param id        its permanent id ({@code urn:uuid:…})
     * @param title     its title
     * @param author    who published it (the account's handle)
     * @param published when it was published, also its {@code updated}
     * @param text      its content, plain text
     * @param link      its address ({@code link rel="alternate"})
     */
    record Item(String id, String title, String author, Instant published, String text, String link) {

        Item {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(author, "author");
            Objects.requireNonNull(published, "published");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(link, "link");
        }
    }
}
