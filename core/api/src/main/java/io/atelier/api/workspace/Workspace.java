package io.atelier.api.workspace;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A workspace: the unit of separation between clients or brands. Every post,
 * account, mention and report belongs to exactly one workspace, and local times
 * in it are read in its IANA {@code zone} unless a post names its own.
 *
 * @param id      stable identifier, e.g. {@code ws_k3j9...}
 * @param name    display name, 1 to 120 characters
 * @param zone    IANA time zone such as {@code Europe/Paris} (never a bare offset)
 * @param created when the workspace was created
 */
public record Workspace(String id, String name, ZoneId zone, Instant created) {

    /** Longest accepted name, in characters. */
    public static final int MAX_NAME_LENGTH = 120;

    public Workspace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(created, "created");
    }
}
