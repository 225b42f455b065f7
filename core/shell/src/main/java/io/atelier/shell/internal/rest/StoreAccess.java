package io.atelier.shell.internal.rest;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.atelier.store.AccountRepository;
import io.atelier.store.AlertRepository;
import io.atelier.store.ApiTokenRepository;
import io.atelier.store.AuditRepository;
import io.atelier.store.InboxRepository;
import io.atelier.store.ListeningRepository;
import io.atelier.store.LoginThrottle;
import io.atelier.store.MediaRepository;
import io.atelier.store.ModerationRepository;
import io.atelier.store.MembershipRepository;
import io.atelier.store.PersonRepository;
import io.atelier.store.ReportRepository;
import io.atelier.store.SessionRepository;
import io.atelier.store.WorkspaceRepository;

/**
 * The store's repositories as the shell uses them, held in one place. Each is an
 * optional, dynamic reference — a store that is missing, or still migrating, must
 * not take the REST API down with it — and each getter answers
 * {@code store_unavailable} (503) while its repository is missing. The operations
 * take this component as their one mandatory reference to the store.
 */
@Component(service = StoreAccess.class)
public final class StoreAccess {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile WorkspaceRepository workspaces;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AccountRepository accounts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PersonRepository people;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MembershipRepository memberships;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SessionRepository sessions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ApiTokenRepository tokens;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LoginThrottle throttle;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditRepository audit;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MediaRepository media;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ListeningRepository listening;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile InboxRepository inbox;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AlertRepository alerts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ModerationRepository moderation;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ReportRepository reports;

    public WorkspaceRepository workspaces() {
        return StoreCalls.require(workspaces);
    }

    public AccountRepository accounts() {
        return StoreCalls.require(accounts);
    }

    public PersonRepository people() {
        return StoreCalls.require(people);
    }

    public MembershipRepository memberships() {
        return StoreCalls.require(memberships);
    }

    public SessionRepository sessions() {
        return StoreCalls.require(sessions);
    }

    public ApiTokenRepository tokens() {
        return StoreCalls.require(tokens);
    }

    public LoginThrottle throttle() {
        return StoreCalls.require(throttle);
    }

    public AuditRepository audit() {
        return StoreCalls.require(audit);
    }

    public MediaRepository media() {
        return StoreCalls.require(media);
    }

    public ListeningRepository listening() {
        return StoreCalls.require(listening);
    }

    public InboxRepository inbox() {
        return StoreCalls.require(inbox);
    }

    public AlertRepository alerts() {
        return StoreCalls.require(alerts);
    }

    public ModerationRepository moderation() {
        return StoreCalls.require(moderation);
    }

    public ReportRepository reports() {
        return StoreCalls.require(reports);
    }
}
