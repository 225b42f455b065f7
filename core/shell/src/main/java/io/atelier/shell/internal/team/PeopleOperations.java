package io.atelier.shell.internal.team;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.team.Membership;
import io.atelier.api.team.Person;
import io.atelier.api.team.Role;
import io.atelier.shell.internal.audit.Actor;
import io.atelier.shell.internal.audit.Audit;
import io.atelier.shell.internal.auth.AccessPolicy;
import io.atelier.shell.internal.auth.Passwords;
import io.atelier.shell.internal.auth.Principal;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.StoreAccess;
import io.atelier.shell.internal.rest.StoreCalls;
import io.atelier.shell.internal.workspace.Inputs;
import io.atelier.shell.internal.workspace.WorkspaceOperations;
import io.atelier.store.ConflictException;
import io.atelier.store.PersonRepository;

/**
 * People and their roles in workspaces: the one implementation behind
 * {@code /api/v1/people}, {@code /api/v1/workspaces/{ws}/members} and the
 * {@code people}, {@code person-add} and {@code member-set} commands.
 * <p>
 * Two rules keep an installation manageable: the last active administrator cannot
 * be removed, disabled or demoted, and a workspace keeps at least one owner. A
 * manager manages members but never owners (neither makes nor changes one).
 */
@Component(service = PeopleOperations.class)
public final class PeopleOperations {

    private static final Logger LOG = LoggerFactory.getLogger(PeopleOperations.class);

    private final WorkspaceOperations workspaces;
    private final StoreAccess store;
    private final Audit audit;

    @Activate
    public PeopleOperations(@Reference WorkspaceOperations workspaces, @Reference StoreAccess store,
            @Reference Audit audit) {
        this.workspaces = workspaces;
        this.store = store;
        this.audit = audit;
    }

    // --- people

    /** Everybody, by display name. */
    public List<Person> list() {
        return StoreCalls.call(() -> store.people().list());
    }

    /** The person {@code reference} (an id, or an e-mail), or 404 naming {@code field}. */
    public Person get(String reference, String field) {
        String ref = reference == null ? "" : reference.trim();
        Optional<Person> found = ref.contains("@")
                ? StoreCalls.call(() -> store.people().findByEmail(ref))
                : StoreCalls.call(() -> store.people().find(ref));
        return found.orElseThrow(() -> ApiException.notFound(field, "no person " + ref));
    }

    /** Adds a person after checking every field; nothing is stored when one is wrong. */
    public Person create(Actor actor, String email, String displayName, String password, Boolean admin) {
        String checkedEmail = Inputs.email(email, "email");
        String checkedName = Inputs.name(displayName, "displayName");
        String hash = Passwords.hash(Passwords.check(password, "password"));
        PersonRepository repository = store.people();
        try {
            Person created = repository.create(checkedEmail, checkedName, hash, Boolean.TRUE.equals(admin));
            LOG.info("Added person {}{}", created.id(), created.admin() ? " (administrator)" : "");
            audit.record(actor, null, "person.added", "person", created.id(), created.email()
                    + (created.admin() ? " (administrator)" : ""));
            return created;
        } catch (ConflictException e) {
            throw ApiException.conflict("email", "someone signs in with this e-mail already");
        }
    }

    /**
     * Changes a person; {@code null} keeps a value. A new password or disabling
     * the person ends their sessions.
     */
    public Person update(Actor actor, String id, String displayName, Boolean admin, Boolean disabled,
            String password) {
        Person current = get(id, "id");
        String checkedName = displayName == null ? null : Inputs.name(displayName, "displayName");
        String hash = password == null ? null : Passwords.hash(Passwords.check(password, "password"));
        boolean losesAdmin = current.admin() && !current.disabled()
                && (Boolean.FALSE.equals(admin) || Boolean.TRUE.equals(disabled));
        if (losesAdmin) {
            requireAnotherAdmin(current, Boolean.FALSE.equals(admin) ? "admin" : "disabled");
        }
        Person updated = StoreCalls.call(() -> store.people().update(current.id(), checkedName, admin, disabled))
                .orElseThrow(() -> ApiException.notFound("id", "no person " + id));
        if (hash != null) {
            StoreCalls.call(() -> store.people().setPasswordHash(current.id(), hash));
        }
        if (hash != null || Boolean.TRUE.equals(disabled)) {
            StoreCalls.call(() -> store.sessions().deleteOfPerson(current.id()));
        }
        LOG.info("Changed person {}", current.id());
        audit.record(actor, null, "person.updated", "person", current.id(), changes(current, updated, hash != null));
        return updated;
    }

    /** Removes a person with their memberships, sessions and tokens. */
    public void delete(Actor actor, String id) {
        Person current = get(id, "id");
        if (current.admin() && !current.disabled()) {
            requireAnotherAdmin(current, null);
        }
        if (!StoreCalls.call(() -> store.people().delete(current.id()))) {
            throw ApiException.notFound("id", "no person " + id);
        }
        LOG.info("Removed person {}", current.id());
        audit.record(actor, null, "person.deleted", "person", current.id(), current.email());
    }

    /** What an update changed, for the audit log: names of fields and flags, never the password. */
    static String changes(Person before, Person after, boolean password) {
        List<String> changed = new java.util.ArrayList<>();
        if (!before.displayName().equals(after.displayName())) {
            changed.add("displayName");
        }
        if (before.admin() != after.admin()) {
            changed.add("admin=" + after.admin());
        }
        if (before.disabled() != after.disabled()) {
            changed.add("disabled=" + after.disabled());
        }
        if (password) {
            changed.add("password changed");
        }
        return changed.isEmpty() ? "nothing changed" : String.join(", ", changed);
    }

    private void requireAnotherAdmin(Person person, String field) {
        boolean another = list().stream().anyMatch(p -> p.admin() && !p.disabled() && !p.id().equals(person.id()));
        if (!another) {
            throw ApiException.conflict(field, "this is the last active administrator; make someone else one first");
        }
    }

    // --- members

    /** The workspace's members, by display name. */
    public List<MemberView> members(String workspaceId) {
        workspaces.get(workspaceId);
        Map<String, Person> byId = list().stream().collect(Collectors.toMap(Person::id, Function.identity()));
        return StoreCalls.call(() -> store.memberships().ofWorkspace(workspaceId)).stream()
                .filter(m -> byId.containsKey(m.personId()))
                .map(m -> view(m, byId.get(m.personId())))
                .sorted(Comparator.comparing(MemberView::displayName, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /**
     * Gives a person a role in a workspace.
     *
     * @param personRef the person's id or e-mail
     */
    public MemberView setMember(Actor actor, String workspaceId, String personRef, String role) {
        Principal caller = actor.principal();
        workspaces.get(workspaceId);
        Role newRole = Inputs.role(role, "role");
        Person person = get(personRef, "person");
        Optional<Role> current = StoreCalls.call(() -> store.memberships().role(workspaceId, person.id()));
        if (!managesOwners(caller, workspaceId) && (newRole == Role.OWNER || current.equals(Optional.of(Role.OWNER)))) {
            throw AccessPolicy.forbidden("only owners make, change or remove owners");
        }
        if (current.equals(Optional.of(Role.OWNER)) && newRole != Role.OWNER) {
            requireAnotherOwner(workspaceId, person.id(), "role");
        }
        Membership membership = StoreCalls.call(() -> store.memberships().put(workspaceId, person.id(), newRole));
        LOG.info("{} is {} in workspace {}", person.id(), newRole, workspaceId);
        audit.record(actor, workspaceId, "member.set", "person", person.id(), person.email() + " is " + newRole
                + current.map(r -> " (was " + r + ")").orElse(""));
        return view(membership, person);
    }

    /** Takes a person out of a workspace. */
    public void removeMember(Actor actor, String workspaceId, String personRef) {
        Principal caller = actor.principal();
        workspaces.get(workspaceId);
        Person person = get(personRef, "person");
        Role current = StoreCalls.call(() -> store.memberships().role(workspaceId, person.id()))
                .orElseThrow(() -> ApiException.notFound("person", person.id() + " is not a member of "
                        + workspaceId));
        if (current == Role.OWNER) {
            if (!managesOwners(caller, workspaceId)) {
                throw AccessPolicy.forbidden("only owners make, change or remove owners");
            }
            requireAnotherOwner(workspaceId, person.id(), "person");
        }
        StoreCalls.call(() -> store.memberships().remove(workspaceId, person.id()));
        LOG.info("{} left workspace {}", person.id(), workspaceId);
        audit.record(actor, workspaceId, "member.removed", "person", person.id(), person.email() + " was " + current);
    }

    private boolean managesOwners(Principal caller, String workspaceId) {
        return AccessPolicy.effectiveRole(caller, workspaceId, (ws, p) -> StoreCalls.call(() ->
                store.memberships().role(ws, p))).equals(Optional.of(Role.OWNER));
    }

    private void requireAnotherOwner(String workspaceId, String personId, String field) {
        boolean another = StoreCalls.call(() -> store.memberships().ofWorkspace(workspaceId)).stream()
                .anyMatch(m -> m.role() == Role.OWNER && !m.personId().equals(personId));
        if (!another) {
            throw ApiException.conflict(field, "a workspace keeps at least one owner; make someone else owner first");
        }
    }

    private static MemberView view(Membership membership, Person person) {
        return new MemberView(membership.workspaceId(), person.id(), person.email(), person.displayName(),
                membership.role());
    }

}
