package io.atelier.shell.internal.audit;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atelier.api.team.Person;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.QueryParameters;
import io.atelier.shell.internal.rest.Download;
import io.atelier.shell.internal.rest.StoreAccess;
import io.atelier.shell.internal.rest.StoreCalls;
import io.atelier.store.AuditRepository;
import io.atelier.store.AuditRepository.AuditEvent;
import io.atelier.store.AuditRepository.Page;
import io.atelier.store.AuditRepository.Query;

/**
 * Reading the audit log: the one implementation behind {@code /api/v1/audit},
 * {@code /api/v1/workspaces/{ws}/audit}, their CSV exports and the {@code audit}
 * command. Who may read what is decided by the routes' access rules; here the
 * filters are checked and, for a workspace, fixed to it.
 * <p>
 * Network addresses are personal data: they are shown to administrators only,
 * never in a workspace's own log.
 */
@Component(service = AuditOperations.class)
public final class AuditOperations {

    /** Events per page when the caller does not say. */
    public static final int DEFAULT_LIMIT = 100;

    /** No actor filter (an id is never empty). */
    private static final String ANY_ACTOR = "";

    private final StoreAccess store;

    @Activate
    public AuditOperations(@Reference StoreAccess store) {
        this.store = store;
    }

    /**
     * What to read, checked: the query parameters {@code workspace}, {@code actor}
     * (a person's id or e-mail, {@code system} or {@code anonymous}), {@code action}
     * (a prefix such as {@code plugin.}), {@code from} and {@code to} (ISO-8601
     * instants; from inclusive, to exclusive), {@code limit} and {@code cursor}.
     *
     * @param workspaceId the workspace of a workspace's own log (wins over the
     *                    {@code workspace} parameter), or {@code null}
     * @param addresses   whether the caller may see network addresses
     */
    public record Filter(String workspaceId, String actor, String action, Instant from, Instant to, Integer limit,
            String cursor, boolean addresses) {
    }

    /** The filter of a request's query parameters. */
    public static Filter filter(Map<String, String> query, String workspaceId, boolean addresses) {
        Integer limit = QueryParameters.limit(query, null, AuditRepository.MAX_LIMIT);
        Instant from = QueryParameters.instant(query, "from");
        Instant to = QueryParameters.instant(query, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.invalid("to", "to must be after from");
        }
        return new Filter(workspaceId != null ? workspaceId : QueryParameters.text(query, "workspace"),
                QueryParameters.text(query, "actor"), QueryParameters.text(query, "action"), from, to, limit,
                QueryParameters.text(query, "cursor"), addresses);
    }

    /** One page of events, newest first, with the cursor of the next one. */
    public Page page(Filter filter) {
        Optional<String> actorId = actorId(filter.actor());
        if (actorId.isEmpty()) {
            return new Page(List.of(), null);
        }
        Page page = read(filter, actorId.get(), filter.limit() == null ? DEFAULT_LIMIT : filter.limit(),
                filter.cursor());
        return filter.addresses() ? page : new Page(page.events().stream().map(AuditOperations::withoutAddress)
                .toList(), page.next());
    }

    /**
     * The CSV of the filter's events, newest first: all of them, or at most
     * {@code limit} when the filter has one, read page by page as it is written.
     * The filter is checked and the first page read before anything is written,
     * so a bad filter is still an ordinary error answer.
     */
    public Download.Body csv(Filter filter) {
        Optional<String> actorId = actorId(filter.actor());
        // The first page is read now: a bad cursor or a missing store fails before the answer starts.
        int wanted = filter.limit() == null ? Integer.MAX_VALUE : filter.limit();
        Page first = actorId.isEmpty() ? new Page(List.of(), null)
                : read(filter, actorId.get(), Math.min(wanted, AuditRepository.MAX_LIMIT), filter.cursor());
        return out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            AuditCsv csv = new AuditCsv(writer);
            Page page = first;
            int written = 0;
            while (true) {
                for (AuditEvent event : page.events()) {
                    csv.write(filter.addresses() ? event : withoutAddress(event));
                    written++;
                }
                if (page.next() == null || written >= wanted) {
                    break;
                }
                page = read(filter, actorId.get(), Math.min(wanted - written, AuditRepository.MAX_LIMIT),
                        page.next());
            }
            csv.flush();
            writer.flush();
        };
    }

    /** The latest events as the console shows them, newest first. */
    public List<AuditEvent> latest(String workspaceId, int count) {
        return new ArrayList<>(page(new Filter(workspaceId, null, null, null, null, count, null, true)).events());
    }

    private Page read(Filter filter, String actorId, int limit, String cursor) {
        Query query = new Query(filter.workspaceId(), actorId.equals(ANY_ACTOR) ? null : actorId, filter.action(),
                filter.from(), filter.to(), limit, cursor);
        try {
            return StoreCalls.call(() -> store.audit().query(query));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("cursor", e.getMessage());
        }
    }

    /**
     * The actor id to filter on ({@link #ANY_ACTOR} for none); an e-mail is looked
     * up, and when it names nobody the answer is empty: nothing can match.
     */
    private Optional<String> actorId(String actor) {
        if (actor == null) {
            return Optional.of(ANY_ACTOR);
        }
        if (!actor.contains("@")) {
            return Optional.of(actor);
        }
        return StoreCalls.call(() -> store.people().findByEmail(actor)).map(Person::id);
    }

    private static AuditEvent withoutAddress(AuditEvent e) {
        return new AuditEvent(e.id(), e.at(), e.workspaceId(), e.actorId(), e.actorLabel(), e.action(),
                e.targetType(), e.targetId(), e.details(), null);
    }
}
