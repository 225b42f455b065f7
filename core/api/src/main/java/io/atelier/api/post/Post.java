package io.atelier.api.post;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A post planned for one or more accounts of a workspace. It keeps both the
 * instant it is due and the IANA zone it was planned in, so recurrences and queue
 * slots follow local wall-clock time across DST changes.
 *
 * @param id          stable identifier, e.g. {@code post_...}
 * @param workspaceId the owning workspace
 * @param state       where the post is in its life
 * @param at          when it is due, or {@code null} for a draft without a date
 * @param zone        the zone it was planned in
 * @param variants    one per account
 * @param version     incremented on every change; edits carry the version they read
 */
public record Post(String id, String workspaceId, PostState state, Instant at, ZoneId zone,
        List<PostVariant> variants, long version) {

    public Post {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(zone, "zone");
        variants = variants == null ? List.of() : List.copyOf(variants);
    }
}
