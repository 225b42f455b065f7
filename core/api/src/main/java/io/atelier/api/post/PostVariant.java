package io.atelier.api.post;

import java.util.List;
import java.util.Objects;

/**
 * What a post says on one account: its own text and media, because each network
 * has its own length rules and audience.
 *
 * @param accountId the account this variant is published to
 * @param text      the text as the network will receive it
 * @param media     attached media, in order
 * @param thread    further parts published as replies to the first one (empty for a single post)
 */
public record PostVariant(String accountId, String text, List<Media> media, List<String> thread) {

    public PostVariant {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(text, "text");
        media = media == null ? List.of() : List.copyOf(media);
        thread = thread == null ? List.of() : List.copyOf(thread);
    }
}
