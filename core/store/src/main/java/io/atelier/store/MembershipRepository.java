package io.atelier.store;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.api.team.Membership;
import io.atelier.api.team.Role;

/** Who has which role in which workspace. */
@ProviderType
public interface MembershipRepository {

    /** Gives {@code personId} the role in the workspace, replacing an earlier one. */
    Membership put(String workspaceId, String personId, Role role);

    /** Takes the person out of the workspace; false if they were not in it. */
    boolean remove(String workspaceId, String personId);

    /** The person's role in the workspace, if any. */
    Optional<Role> role(String workspaceId, String personId);

    /** The workspace's people. */
    List<Membership> ofWorkspace(String workspaceId);

    /** The person's workspaces. */
    List<Membership> ofPerson(String personId);
}
