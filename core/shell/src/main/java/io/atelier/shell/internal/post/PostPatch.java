package io.atelier.shell.internal.post;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atelier.api.post.Media;
import io.atelier.api.post.PostState;
import io.atelier.api.post.PostVariant;
import io.atelier.scheduling.PostInput;
import io.atelier.scheduling.Recurrence;
import io.atelier.store.PostRepository.StoredPost;
import io.atelier.store.PostRepository.Target;

/**
 * An edit of a post, as {@code PATCH …/posts/{id}} carries it: every member that is
 * given replaces, every one left out ({@code null}) keeps what the post has. The
 * scheduling service takes whole posts, so {@link #applyTo} writes the full
 * {@link PostInput} of the current post with the edit applied.
 *
 * <p>Content: {@code text} alone replaces the text of every account's variant and
 * keeps their media and threads; {@code media} alone does the same for media; a
 * variant given for an account replaces what it names of that account's content.
 * When {@code accounts} changes, the variants of the accounts left out go, and a new
 * account gets the common text and media ({@code text} and {@code media} when given,
 * else those of the post's first variant).
 *
 * <p>Plan: {@code at}, {@code zone} and {@code queue} as when creating. A new zone
 * without a new time keeps the wall-clock time ({@code 09:30} in Paris becomes
 * {@code 09:30} in New York). With neither {@code draft} nor {@code review}, a draft
 * stays a draft and a post in review stays in review; any other post is scheduled.
 *
 * @param version the version the editor read; {@code null} skips the check
 */
public record PostPatch(String text, List<Media> media, List<String> accounts, Map<String, PostInput.Variant> variants,
        String at, String zone, Boolean queue, Boolean draft, Boolean review, Recurrence recurrence, Long version) {

    public PostPatch {
        media = media == null ? null : List.copyOf(media);
        accounts = accounts == null ? null : List.copyOf(accounts);
        // Kept in the given order: accounts named only by a variant are added in that order.
        variants = variants == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(variants));
    }

    /** The version to check, or -1 for none. */
    public long expectedVersion() {
        return version == null ? -1 : version;
    }

    /** The whole post {@code current} becomes with this edit. */
    public PostInput applyTo(StoredPost current) {
        Map<String, PostVariant> existing = new LinkedHashMap<>();
        for (Target target : current.targets()) {
            existing.put(target.accountId(), target.variant());
        }
        PostVariant first = current.targets().isEmpty() ? null : current.targets().get(0).variant();
        List<String> ids = accounts != null ? accounts : new ArrayList<>(existing.keySet());
        Map<String, PostInput.Variant> merged = new LinkedHashMap<>();
        for (String id : ids) {
            merged.putIfAbsent(id, variant(existing.get(id), first, variants == null ? null : variants.get(id)));
        }
        if (variants != null) {
            // A variant of an account not in the list adds that account, as when creating.
            variants.forEach((id, own) -> merged.putIfAbsent(id, variant(existing.get(id), first, own)));
        }
        boolean asDraft;
        boolean inReview;
        if (draft == null && review == null) {
            asDraft = current.state() == PostState.DRAFT;
            inReview = current.state() == PostState.IN_REVIEW;
        } else {
            asDraft = Boolean.TRUE.equals(draft);
            inReview = Boolean.TRUE.equals(review);
        }
        boolean queued = Boolean.TRUE.equals(queue);
        String zoneId = zone != null ? zone : current.zone().getId();
        return new PostInput(text, media, ids, merged, at(current, queued), zoneId, queued, asDraft, inReview,
                recurrence);
    }

    /**
     * One account's content after the edit. A {@code null} text or media means "the
     * common one" ({@link PostInput.Variant}), which is the edit's own when it gives one.
     */
    private PostInput.Variant variant(PostVariant existing, PostVariant first, PostInput.Variant own) {
        PostVariant base = existing != null ? existing : first;
        String variantText;
        if (own != null && own.text() != null) {
            variantText = own.text();
        } else if (text != null) {
            variantText = null;
        } else {
            variantText = base == null ? null : base.text();
        }
        List<Media> variantMedia;
        if (own != null && own.media() != null) {
            variantMedia = own.media();
        } else if (media != null) {
            variantMedia = null;
        } else {
            variantMedia = base == null ? List.of() : base.media();
        }
        List<String> thread;
        if (own != null && own.thread() != null) {
            thread = own.thread();
        } else {
            thread = existing != null ? existing.thread() : List.of();
        }
        return new PostInput.Variant(variantText, variantMedia, thread);
    }

    /** The time after the edit, in a form the service reads in the edited zone. */
    private String at(StoredPost current, boolean queued) {
        if (at != null) {
            return at;
        }
        if (queued || current.at() == null) {
            return null;
        }
        if (zone != null && !zone.equals(current.zone().getId())) {
            return current.localAt().toString();
        }
        return current.at().toString();
    }
}
