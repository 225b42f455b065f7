package io.atelier.store;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.api.workspace.Workspace;

/** Workspaces: created, listed, renamed and removed (with everything they hold). */
@ProviderType
public interface WorkspaceRepository {

    /** Creates a workspace with a new id. The caller has validated name and zone. */
    Workspace create(String name, ZoneId zone);

    /** All workspaces, by name. */
    List<Workspace> list();

    /** The workspace with {@code id}, if any. */
    Optional<Workspace> find(String id);

    /** Changes name and zone; empty if there is no such workspace. */
    Optional<Workspace> update(String id, String name, ZoneId zone);

    /** Removes the workspace and every row that carries its id; false if there was none. */
    boolean delete(String id);

    /**
     * How a workspace shows itself to its clients (the sign-off page, reports).
     *
     * @param displayName the name clients know it by, or {@code null} for the workspace's name
     * @param logo        the id of an image of its media library, or {@code null}
     * @param accent      a colour {@code #rrggbb}, or {@code null}
     */
    record Branding(String displayName, String logo, String accent) {

        /** No branding: the workspace's name, no logo, the default colour. */
        public static final Branding NONE = new Branding(null, null, null);
    }

    /** The workspace's branding; {@link Branding#NONE} when none is set. */
    Branding branding(String workspaceId);

    /** Replaces the workspace's branding; false if there is no such workspace. The caller has checked it. */
    boolean setBranding(String workspaceId, Branding branding);
}
