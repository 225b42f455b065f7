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
}
