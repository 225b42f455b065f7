package io.atelier.platform.feeds.internal;

import io.atelier.api.monitoring.Mention;

/**
 * A feed entry ready to be reported, with what de-duplication needs.
 *
 * @param mention  the mention it becomes
 * @param key      64 bits of the SHA-256 of the mention's id, what the cursor remembers
 * @param dated    whether the feed gave it a readable date ({@code false}: its date is the fetch time)
 * @param position its place in the document, 0 for the first
 */
record Candidate(Mention mention, long key, boolean dated, int position) {
}
