package io.atelier.shell.internal.auth;

import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.team.Person;
import io.atelier.shell.internal.audit.Actor;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.ErrorCode;
import io.atelier.shell.internal.team.PeopleOperations;
import io.atelier.shell.internal.team.TokenOperations;
import io.atelier.shell.internal.workbench.ShellAddress;
import io.atelier.store.ApiTokenRepository;
import io.atelier.store.MembershipRepository;
import io.atelier.store.PersonRepository;
import io.atelier.store.SessionRepository;
import io.atelier.store.StoreException;

/**
 * What happens once the store is there: provisioning (an administrator and an
 * API token given by the environment or a file, see {@link Provisioning}), then,
 * if still nobody exists, a one-time set-up token whose hash the store keeps and
 * whose link is logged once: {@code No owner yet: create one at
 * http://127.0.0.1:8080/setup#<token>} (the fragment never reaches a server or
 * its logs). Passwords and provisioned tokens are never logged.
 */
@Component(service = FirstStart.class, immediate = true)
public final class FirstStart {

    static final String DEFAULT_NAME = "Administrator";
    static final String PROVISIONED_TOKEN_NAME = "provisioned";

    private static final Logger LOG = LoggerFactory.getLogger(FirstStart.class);
    /** How long to wait for the operations to see the store they were given a moment ago. */
    private static final long BIND_WAIT_MILLIS = 10_000;

    private final Thread worker;
    private volatile boolean done;

    /**
     * Mandatory references to every repository the work needs, so it runs once the
     * store registered them all. The operations hold the same repositories as
     * optional references, which the framework may bind a moment later: the work
     * runs on a thread of its own (it also hashes a password, which takes a while)
     * and retries while the operations still answer that the store is missing.
     */
    @Activate
    public FirstStart(BundleContext context, @Reference PersonRepository persons,
            @Reference ApiTokenRepository tokenRepository, @Reference MembershipRepository memberships,
            @Reference SessionRepository sessions, @Reference PeopleOperations people,
            @Reference TokenOperations tokens) {
        worker = new Thread(() -> {
            try {
                prepare(context, persons, people, tokens);
            } finally {
                done = true;
            }
        }, "atelier-first-start");
        worker.setDaemon(true);
        worker.start();
    }

    @Deactivate
    void deactivate() {
        worker.interrupt();
    }

    /** Whether provisioning and the set-up offer are done, so sign-in works as configured. */
    public boolean done() {
        return done;
    }

    private static void prepare(BundleContext context, PersonRepository persons, PeopleOperations people,
            TokenOperations tokens) {
        long deadline = System.currentTimeMillis() + BIND_WAIT_MILLIS;
        while (true) {
            try {
                provision(Provisioning.read(System.getenv(), context.getProperty(Provisioning.FILE_PROPERTY)),
                        persons, people, tokens);
                if (persons.count() == 0) {
                    String token = Secrets.random(32);
                    persons.offerSetup(Secrets.sha256(token));
                    LOG.info("No owner yet: create one at {}setup#{}", new ShellAddress(context).text(), token);
                }
                return;
            } catch (StoreUnavailable e) {
                if (System.currentTimeMillis() > deadline || !pause()) {
                    LOG.error("Could not prepare sign-in: the store is not available");
                    return;
                }
            } catch (StoreException e) {
                LOG.error("Could not prepare sign-in: the store failed: {}", e.getMessage());
                return;
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(50);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The operations did not see the store yet: try again. */
    private static final class StoreUnavailable extends RuntimeException {

        private static final long serialVersionUID = 1L;

        StoreUnavailable() {
            super(null, null, false, false);
        }
    }

    private static void provision(Provisioning given, PersonRepository persons, PeopleOperations people,
            TokenOperations tokens) {
        if (given.problem() != null) {
            LOG.error("Provisioning: {}", given.problem());
        }
        if (!given.any()) {
            return;
        }
        if (given.adminEmail() == null) {
            LOG.error("Provisioning: an administrator's password or an API token was given without the "
                    + "administrator's e-mail (ATELIER_ADMIN_EMAIL or admin.email); nothing provisioned");
            return;
        }
        try {
            if (given.adminPassword() != null && persons.count() == 0) {
                Person admin = people.create(Actor.SYSTEM, given.adminEmail(), given.adminName() == null ? DEFAULT_NAME
                        : given.adminName(), given.adminPassword(), true);
                LOG.info("Provisioned the administrator {}", admin.id());
            }
            if (given.apiToken() != null) {
                Optional<Person> owner = persons.findByEmail(given.adminEmail().toLowerCase(java.util.Locale.ROOT));
                if (owner.isEmpty()) {
                    LOG.error("Provisioning: no person signs in as the provisioned administrator; the API token "
                            + "is not registered (give ATELIER_ADMIN_PASSWORD too)");
                } else if (tokens.provision(owner.get(), PROVISIONED_TOKEN_NAME, given.apiToken())) {
                    LOG.info("Registered the provisioned API token for {}", owner.get().id());
                }
            }
        } catch (ApiException e) {
            if (ErrorCode.STORE_UNAVAILABLE.code().equals(e.code())) {
                throw new StoreUnavailable();
            }
            // The message names the field, never its value.
            LOG.error("Provisioning refused: {}{}", e.getMessage(), e.field() == null ? "" : " (" + e.field() + ")");
        }
    }
}
