package io.atelier.api.monitoring;

import java.util.List;

/**
 * One poll's worth of mentions and the cursor to resume from.
 *
 * @param mentions   new mentions, oldest first
 * @param nextCursor what to pass to the next poll; persisted by the core
 */
public record MentionPage(List<Mention> mentions, String nextCursor) {

    public MentionPage {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }
}
