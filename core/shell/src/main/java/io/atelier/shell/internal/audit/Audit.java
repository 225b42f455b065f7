package io.atelier.shell.internal.audit;

import java.time.Instant;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.shell.internal.rest.StoreAccess;
import io.atelier.store.AuditRepository;
import io.atelier.store.AuditRepository.Entry;

/**
 * Records what the operations did in the audit log. The operations call it after
 * the change succeeded (and for refused sign-ins), with names and ids only —
 * never a password, token, credential or other secret.
 * <p>
 * Recording never fails the operation it describes: the change is made already,
 * and a store that cannot take the event (down, still migrating) must not turn a
 * success into an error. Such a loss is logged as a warning instead.
 */
@Component(service = Audit.class)
public final class Audit {

    private static final Logger LOG = LoggerFactory.getLogger(Audit.class);
    private static final int MAX_LABEL = 400;
    private static final int MAX_TARGET_ID = 200;
    private static final int MAX_DETAILS = 1000;
    private static final int MAX_ADDRESS = 64;

    private final Supplier<AuditRepository> repository;

    @Activate
    public Audit(@Reference StoreAccess store) {
        this(store::audit);
    }

    /** An audit log on whatever {@code repository} gives (tests). */
    Audit(Supplier<AuditRepository> repository) {
        this.repository = repository;
    }

    /**
     * Records one event.
     *
     * @param workspaceId the workspace concerned, or {@code null} for the installation
     * @param action      e.g. {@code account.added}
     * @param targetType  e.g. {@code account}, or {@code null}
     * @param targetId    e.g. {@code acc_...}, or {@code null}
     * @param details     a short text without secrets, or {@code null}
     * @return whether the event was recorded
     */
    public boolean record(Actor actor, String workspaceId, String action, String targetType, String targetId,
            String details) {
        try {
            repository.get().append(new Entry(Instant.now(), workspaceId, actor.id(), clip(actor.label(), MAX_LABEL),
                    action, targetType, clip(targetId, MAX_TARGET_ID), clip(details, MAX_DETAILS),
                    clip(actor.address(), MAX_ADDRESS)));
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Could not record the audit event {} by {}: {}", action, actor.id(), e.getMessage());
            return false;
        }
    }

    /** {@code text} cut to {@code max} characters; blank text is no text. */
    static String clip(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
