package io.atelier.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The audit log: who did what, when and from where. It is append-only — there is
 * no way to change or delete an event — and an event outlives the workspace it
 * concerns, so the deletion of a workspace stays on record. Events never hold a
 * secret: whoever appends composes them from names and ids.
 */
@ProviderType
public interface AuditRepository {

    /** The most events one {@link #query} returns. */
    int MAX_LIMIT = 1000;

    /**
     * What happened, as appended.
     *
     * @param at            when it happened
     * @param workspaceId   the workspace concerned, or {@code null} for the installation
     * @param actorId       who did it: a person's id, {@code system} or {@code anonymous}
     * @param actorLabel    who did it, for people: an e-mail, {@code system}, a token's name
     * @param action        what was done, e.g. {@code account.added}
     * @param targetType    the kind of thing it was done to, e.g. {@code account}, or {@code null}
     * @param targetId      that thing's id, or {@code null}
     * @param details       a short text, or {@code null}
     * @param clientAddress the caller's network address, or {@code null} (console, start-up)
     */
    record Entry(Instant at, String workspaceId, String actorId, String actorLabel, String action,
            String targetType, String targetId, String details, String clientAddress) {

        public Entry {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * An event as stored: an {@link Entry} with its id ({@code evt_...}).
     */
    record AuditEvent(String id, Instant at, String workspaceId, String actorId, String actorLabel, String action,
            String targetType, String targetId, String details, String clientAddress) {

        public AuditEvent {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Which events to read; every {@code null} filter matches everything.
     *
     * @param workspaceId  only this workspace's events
     * @param actorId      only this actor's events
     * @param actionPrefix only actions starting with this, e.g. {@code plugin.} or {@code account.added}
     * @param from         events at or after this instant
     * @param to           events before this instant
     * @param limit        at most this many events, 1 to {@link #MAX_LIMIT}
     * @param cursor       continue after the page that answered this {@link Page#next()}, or {@code null}
     */
    record Query(String workspaceId, String actorId, String actionPrefix, Instant from, Instant to, int limit,
            String cursor) {

        public Query {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
            }
        }
    }

    /**
     * One page of events, newest first.
     *
     * @param events the events
     * @param next   the cursor of the next (older) page, or {@code null} when this is the last
     */
    record Page(List<AuditEvent> events, String next) {

        public Page {
            events = List.copyOf(events);
        }
    }

    /**
     * Records an event.
     *
     * @throws IllegalArgumentException when a field is missing or too long, naming it
     */
    AuditEvent append(Entry entry);

    /**
     * The events matching {@code query}, newest first (ties broken by id).
     *
     * @throws IllegalArgumentException when the cursor is not one this repository gave
     */
    Page query(Query query);
}
