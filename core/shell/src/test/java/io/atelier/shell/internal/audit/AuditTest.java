package io.atelier.shell.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.atelier.api.team.Person;
import io.atelier.shell.internal.auth.Principal;
import io.atelier.shell.internal.rest.StoreCalls;
import io.atelier.store.ApiTokenRepository.ApiToken;
import io.atelier.store.AuditRepository;
import io.atelier.store.StoreException;

class AuditTest {

    private static final Person ANN = new Person("usr_ann", "ann@example.com", "Ann", false, false,
            Instant.parse("2030-01-01T00:00:00Z"));

    /** Keeps what is appended, as the store would. */
    static class Recording implements AuditRepository {
        final List<Entry> entries = new ArrayList<>();

        @Override
        public AuditEvent append(Entry entry) {
            entries.add(entry);
            return new AuditEvent("evt_" + entries.size(), entry.at(), entry.workspaceId(), entry.actorId(),
                    entry.actorLabel(), entry.action(), entry.targetType(), entry.targetId(), entry.details(),
                    entry.clientAddress());
        }

        @Override
        public Page query(Query query) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void recordsWhoDidWhatFromWhere() {
        Recording store = new Recording();
        Audit audit = new Audit(() -> store);

        assertTrue(audit.record(Actor.person(ANN, "10.0.0.7"), "ws_a", "account.added",
                "account", "acc_1", "bluesky ann"));

        AuditRepository.Entry entry = store.entries.get(0);
        assertEquals("usr_ann", entry.actorId());
        assertEquals("ann@example.com", entry.actorLabel());
        assertEquals("ws_a", entry.workspaceId());
        assertEquals("account.added", entry.action());
        assertEquals("acc_1", entry.targetId());
        assertEquals("10.0.0.7", entry.clientAddress());
    }

    @Test
    void actorsAreLabelledByEmailTokenNameSystemOrAnonymous() {
        ApiToken token = new ApiToken("tok_1", ANN.id(), "CI publisher", null, Set.of(), Instant.EPOCH, null, null,
                null);
        Actor byToken = new Actor(Principal.byToken(ANN, token), null);
        assertEquals("usr_ann", byToken.id());
        assertEquals("ann@example.com [token: CI publisher]", byToken.label());
        assertEquals("system", Actor.SYSTEM.id());
        assertEquals("system", Actor.SYSTEM.label());
        assertEquals("anonymous", Actor.anonymous("::1").id());
        assertEquals("anonymous", Actor.anonymous("::1").label());
        assertEquals("ann@example.com", Actor.person(ANN, null).label());
    }

    @Test
    void longTextIsCutAndBlankTextIsNone() {
        Recording store = new Recording();
        Audit audit = new Audit(() -> store);
        audit.record(Actor.SYSTEM, null, "workspace.created", "workspace", "ws_1", "x".repeat(5000));
        audit.record(Actor.SYSTEM, null, "workspace.created", "workspace", "ws_1", "  ");

        assertEquals(1000, store.entries.get(0).details().length());
        assertTrue(store.entries.get(0).details().endsWith("…"));
        assertNull(store.entries.get(1).details());
    }

    @Test
    void aStoreThatFailsOrIsMissingLosesTheEventButNotTheOperation() {
        Audit failing = new Audit(() -> new Recording() {
            @Override
            public AuditEvent append(Entry entry) {
                throw new StoreException("could not record an audit event (SQLState 08006)", null);
            }
        });
        // What StoreAccess answers while the store is missing or still migrating.
        Audit missing = new Audit(() -> {
            throw StoreCalls.unavailable();
        });

        assertFalse(failing.record(Actor.SYSTEM, null, "plugin.started", "plugin", "x", null));
        assertFalse(missing.record(Actor.SYSTEM, null, "plugin.started", "plugin", "x", null));
    }
}
