package io.atelier.store.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.storage.PluginStore;
import io.atelier.store.AccountRepository;
import io.atelier.store.AlertRepository;
import io.atelier.store.ApprovalRepository;
import io.atelier.store.ApiTokenRepository;
import io.atelier.store.AuditRepository;
import io.atelier.store.DispatchRepository;
import io.atelier.store.InboxRepository;
import io.atelier.store.ListeningRepository;
import io.atelier.store.LoginThrottle;
import io.atelier.store.MediaRepository;
import io.atelier.store.MetricsRepository;
import io.atelier.store.ModerationRepository;
import io.atelier.store.MembershipRepository;
import io.atelier.store.PersonRepository;
import io.atelier.store.PostRepository;
import io.atelier.store.ReportRepository;
import io.atelier.store.SessionRepository;
import io.atelier.store.StoreException;
import io.atelier.store.StoreInfo;
import io.atelier.store.WorkspaceRepository;

/**
 * The store in the framework: reads {@code etc/io.atelier.store.cfg}, opens H2 or
 * PostgreSQL, migrates the schema and only then registers {@link StoreInfo} and the
 * repositories ({@link WorkspaceRepository}, {@link AccountRepository},
 * {@link PersonRepository}, {@link MembershipRepository}, {@link SessionRepository},
 * {@link ApiTokenRepository}, {@link LoginThrottle}, {@link AuditRepository},
 * {@link PostRepository}, {@link DispatchRepository}, {@link MediaRepository},
 * {@link ApprovalRepository}, {@link ListeningRepository}, {@link InboxRepository}, {@link AlertRepository}, {@link ModerationRepository},
 * {@link MetricsRepository}, {@link ReportRepository}) and the plugins' {@link PluginStore}
 * (through {@link PluginStoreFactory}: each bundle gets a view of its own records), so every
 * service that depends on them starts on a ready database.
 *
 * <p>Activation only checks the configuration and prepares the files under
 * {@code data/} (node id, key file): a bad value fails at once with a message naming
 * the file and the key. Connecting and migrating happen on a thread of their own,
 * because a PostgreSQL server may be slow or not up yet and activation must not hang
 * the framework; while the server cannot be reached the thread retries with growing
 * pauses. The services are registered through the bundle context, not by Declarative
 * Services, for that reason and for a second one: DS would publish the component's
 * configuration (database password, key) as service properties.
 */
@Component(name = StoreConfig.PID, configurationPid = StoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {}, immediate = true)
@Designate(ocd = StoreConfig.class)
public class StoreComponent {

    private static final Logger LOG = LoggerFactory.getLogger(StoreComponent.class);
    private static final long MAX_RETRY_PAUSE_SECONDS = 30;
    private static final long STOP_WAIT_MILLIS = 15_000;

    private final Object lock = new Object();
    /** Set once by {@link #deactivate()}; guarded by {@code lock}. */
    private boolean stopped;
    /** The pool being used, closed by whoever clears it; guarded by {@code lock}. */
    private ConnectionPool pool;
    /** The registered services; guarded by {@code lock}. */
    private List<ServiceRegistration<?>> registrations = List.of();
    private Thread starter;

    @Activate
    void activate(BundleContext context, StoreConfig config) throws IOException {
        StoreSettings settings;
        String nodeId;
        StoreKey key;
        try {
            settings = StoreSettings.from(config, home(context));
            Files.createDirectories(settings.dataDir());
            nodeId = NodeId.resolve(settings.nodeId(), settings.dataDir());
            key = settings.key().isEmpty()
                    ? StoreKey.fromFile(settings.keyFile())
                    : StoreKey.fromBase64(settings.key(), "key in " + StoreConfig.FILE);
        } catch (IllegalArgumentException | IOException e) {
            LOG.error("The store cannot start: {}", e.getMessage());
            throw e;
        }
        if (settings.key().isEmpty() && StoreKey.isExposed(settings.keyFile())) {
            LOG.warn("{} can be read by other users: restrict it to its owner (chmod 600)", settings.keyFile());
        }
        starter = new Thread(() -> start(context, settings, nodeId, key), "atelier-store-start");
        starter.setDaemon(true);
        starter.start();
    }

    @Deactivate
    void deactivate() {
        List<ServiceRegistration<?>> registered;
        synchronized (lock) {
            stopped = true;
            registered = registrations;
            registrations = List.of();
        }
        unregister(registered);
        starter.interrupt();
        try {
            starter.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closePool();
    }

    /** Connects, migrates and registers the services; retries while the database cannot be reached. */
    private void start(BundleContext context, StoreSettings settings, String nodeId, StoreKey key) {
        long pauseSeconds = 1;
        while (true) {
            Store store;
            try {
                ConnectionPool opened = ConnectionPool.open(settings);
                synchronized (lock) {
                    if (stopped) {
                        opened.close();
                        return;
                    }
                    pool = opened;
                }
                store = Store.open(opened.dataSource(), settings.kind(), settings.location(), nodeId, key,
                        publicBase(context));
            } catch (RuntimeException e) {
                if (isStopped()) {
                    return; // deactivate() closes the pool once this thread is gone
                }
                closePool();
                if (!isConnectionFailure(e)) {
                    // A store failure's cause (the SQL error) helps; a setup problem's message says it all.
                    LOG.error("The store cannot start on {}: {}", settings.location(), e.getMessage(),
                            e instanceof StoreException ? e : null);
                    return;
                }
                LOG.warn("The database {} cannot be reached ({}); retrying in {} s", settings.location(),
                        rootMessage(e), pauseSeconds);
                try {
                    Thread.sleep(pauseSeconds * 1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
                pauseSeconds = Math.min(pauseSeconds * 2, MAX_RETRY_PAUSE_SECONDS);
                continue;
            }
            publish(context, store);
            return;
        }
    }

    /** Registers the services, outside the lock because registering calls other bundles back. */
    private void publish(BundleContext context, Store store) {
        if (isStopped()) {
            return;
        }
        List<ServiceRegistration<?>> registered = List.of(
                context.registerService(StoreInfo.class, store.info(), null),
                context.registerService(WorkspaceRepository.class, store.workspaces(), null),
                context.registerService(AccountRepository.class, store.accounts(), null),
                context.registerService(PersonRepository.class, store.people(), null),
                context.registerService(MembershipRepository.class, store.memberships(), null),
                context.registerService(SessionRepository.class, store.sessions(), null),
                context.registerService(ApiTokenRepository.class, store.tokens(), null),
                context.registerService(LoginThrottle.class, store.loginThrottle(), null),
                context.registerService(AuditRepository.class, store.audit(), null),
                context.registerService(PostRepository.class, store.posts(), null),
                context.registerService(DispatchRepository.class, store.dispatch(), null),
                context.registerService(MediaRepository.class, store.media(), null),
                context.registerService(ApprovalRepository.class, store.approvals(), null),
                context.registerService(ListeningRepository.class, store.listening(), null),
                context.registerService(InboxRepository.class, store.inbox(), null),
                context.registerService(AlertRepository.class, store.alerts(), null),
                context.registerService(ModerationRepository.class, store.moderation(), null),
                context.registerService(MetricsRepository.class, store.metrics(), null),
                context.registerService(ReportRepository.class, store.reports(), null),
                context.registerService(PluginStore.class, new PluginStoreFactory(store), null));
        synchronized (lock) {
            if (!stopped) {
                registrations = registered;
                LOG.info("Store ready: {}", store.info());
                return;
            }
        }
        // Deactivated while registering: take the services back ourselves.
        unregister(registered);
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    private void closePool() {
        ConnectionPool toClose;
        synchronized (lock) {
            toClose = pool;
            pool = null;
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    private static void unregister(List<ServiceRegistration<?>> registered) {
        for (ServiceRegistration<?> registration : registered) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // The bundle is stopping and the framework unregistered it already.
            }
        }
    }

    /**
     * Whether {@code e} means the server did not answer (worth retrying) rather than a
     * problem that waiting does not fix (bad password, failed migration, wrong key).
     */
    static boolean isConnectionFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** The driver's own words for a connection failure, e.g. "Connection to db:5432 refused". */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** The installation root set by the launcher, or the working directory (tests). */
    private static Path home(BundleContext context) {
        String home = context.getProperty("atelier.home");
        return Path.of(home == null || home.isBlank() ? "" : home).toAbsolutePath();
    }

    /**
     * The workbench's public address ({@code publicUrl} in {@code etc/atelier.properties}),
     * which the media library's public links use; {@code null} when none is configured.
     */
    private static URI publicBase(BundleContext context) {
        String configured = context.getProperty("atelier.http.publicUrl");
        if (configured == null || configured.isBlank()) {
            return null;
        }
        return URI.create(configured.endsWith("/") ? configured : configured + "/");
    }
}
