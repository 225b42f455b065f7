package io.atelier.scheduling;

import java.util.List;
import java.util.Map;

import io.atelier.api.post.Media;

/**
 * A post as a person writes it, before it is checked: what the REST API, the
 * composer, the console and the CSV import hand the service. Every field may be
 * missing ({@code null}); {@link Scheduling} names the field of each problem.
 *
 * @param text       the text for every account that has no variant of its own
 * @param media      the media for every account that has no variant of its own: ids of the
 *                   workspace's media library ({@code med_…}) with alt text; their type and size
 *                   are taken from the library, whatever is given here
 * @param accounts   the accounts to publish on
 * @param variants   per account id, text and media that replace the common ones
 * @param at         when: an instant ({@code 2026-12-01T08:30:00Z}) or a local date-time
 *                   ({@code 2026-12-01T09:30}) read in {@code zone}
 * @param zone       the IANA zone of a local {@code at}; the workspace's zone when missing
 * @param queue      take the accounts' next free queue slot instead of {@code at}
 * @param draft      keep it as a draft: not scheduled, {@code at} optional
 * @param review     send it to review instead of scheduling it
 * @param recurrence repeat it, or {@code null}
 */
public record PostInput(String text, List<Media> media, List<String> accounts, Map<String, Variant> variants,
        String at, String zone, boolean queue, boolean draft, boolean review, Recurrence recurrence) {

    public PostInput {
        media = media == null ? List.of() : List.copyOf(media);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        variants = variants == null ? Map.of() : Map.copyOf(variants);
    }

    /** A simple post: one text on some accounts at a time. */
    public static PostInput of(String text, List<String> accounts, String at, String zone) {
        return new PostInput(text, null, accounts, null, at, zone, false, false, false, null);
    }

    /**
     * One account's own content.
     *
     * @param text   replaces the common text when not {@code null}
     * @param media  replaces the common media when not {@code null}
     * @param thread further parts, published as replies to the first
     */
    public record Variant(String text, List<Media> media, List<String> thread) {
    }
}
