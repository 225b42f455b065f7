package io.atelier.store.internal;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.atelier.store.AuditRepository;

/**
 * The audit log in table {@code audit_event}: inserts and reads, nothing else. A
 * page is read newest first by {@code (occurred_at, id)}; its cursor is that pair of
 * the page's last event, so the next page starts strictly below it and events
 * appended meanwhile never shift the pages already read.
 */
final class JdbcAuditRepository implements AuditRepository {

    private static final String COLUMNS = "id, occurred_at, workspace_id, actor_id, actor_label, action, target_type,"
            + " target_id, details, client_address";
    private static final int MAX_ID = 40;
    private static final int MAX_LABEL = 400;
    private static final int MAX_ACTION = 64;
    private static final int MAX_TARGET_TYPE = 32;
    private static final int MAX_TARGET_ID = 200;
    private static final int MAX_DETAILS = 1000;
    private static final int MAX_ADDRESS = 64;

    private final Database database;

    JdbcAuditRepository(Database database) {
        this.database = database;
    }

    @Override
    public AuditEvent append(Entry entry) {
        optional("workspaceId", entry.workspaceId(), MAX_ID);
        Checks.text("actorId", entry.actorId(), MAX_ID);
        Checks.text("actorLabel", entry.actorLabel(), MAX_LABEL);
        Checks.text("action", entry.action(), MAX_ACTION);
        optional("targetType", entry.targetType(), MAX_TARGET_TYPE);
        optional("targetId", entry.targetId(), MAX_TARGET_ID);
        optional("details", entry.details(), MAX_DETAILS);
        optional("clientAddress", entry.clientAddress(), MAX_ADDRESS);
        AuditEvent event = new AuditEvent(Ids.next("evt_"), Database.stored(entry.at()), entry.workspaceId(),
                entry.actorId(), entry.actorLabel(), entry.action(), entry.targetType(), entry.targetId(),
                entry.details(), entry.clientAddress());
        return database.transaction("record an audit event", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_event (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, event.id());
                Database.setInstant(insert, 2, event.at());
                insert.setString(3, event.workspaceId());
                insert.setString(4, event.actorId());
                insert.setString(5, event.actorLabel());
                insert.setString(6, event.action());
                insert.setString(7, event.targetType());
                insert.setString(8, event.targetId());
                insert.setString(9, event.details());
                insert.setString(10, event.clientAddress());
                insert.executeUpdate();
            }
            return event;
        });
    }

    @Override
    public Page query(Query query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_event WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        if (query.workspaceId() != null) {
            sql.append(" AND workspace_id = ?");
            values.add(query.workspaceId());
        }
        if (query.actorId() != null) {
            sql.append(" AND actor_id = ?");
            values.add(query.actorId());
        }
        if (query.actionPrefix() != null && !query.actionPrefix().isEmpty()) {
            sql.append(" AND action LIKE ? ESCAPE '\\'");
            values.add(likePrefix(query.actionPrefix()));
        }
        if (query.from() != null) {
            sql.append(" AND occurred_at >= ?");
            values.add(Database.stored(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND occurred_at < ?");
            values.add(Database.stored(query.to()));
        }
        if (query.cursor() != null) {
            Position after = Position.decode(query.cursor());
            sql.append(" AND (occurred_at < ? OR (occurred_at = ? AND id < ?))");
            values.add(after.at());
            values.add(after.at());
            values.add(after.id());
        }
        // One more than asked tells whether another page follows.
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ").append(query.limit() + 1);
        return database.transaction("read the audit log", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    Object value = values.get(i);
                    if (value instanceof Instant instant) {
                        Database.setInstant(select, i + 1, instant);
                    } else {
                        select.setString(i + 1, (String) value);
                    }
                }
                List<AuditEvent> events = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        events.add(read(rows));
                    }
                }
                if (events.size() <= query.limit()) {
                    return new Page(events, null);
                }
                List<AuditEvent> page = events.subList(0, query.limit());
                AuditEvent last = page.get(page.size() - 1);
                return new Page(page, new Position(last.at(), last.id()).encode());
            }
        });
    }

    /** A LIKE pattern matching what starts with {@code prefix} taken literally. */
    static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static void optional(String field, String value, int max) {
        if (value != null) {
            Checks.text(field, value, max);
        }
    }

    private static AuditEvent read(ResultSet row) throws SQLException {
        return new AuditEvent(row.getString("id"), Database.getInstant(row, "occurred_at"),
                row.getString("workspace_id"), row.getString("actor_id"), row.getString("actor_label"),
                row.getString("action"), row.getString("target_type"), row.getString("target_id"),
                row.getString("details"), row.getString("client_address"));
    }

    /** Where a page ended: the last event's time and id, as an opaque base64url cursor. */
    record Position(Instant at, String id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = plain.indexOf('|');
                String id = plain.substring(bar + 1);
                if (bar < 0 || id.isEmpty() || id.length() > MAX_ID) {
                    throw new IllegalArgumentException("no id");
                }
                return new Position(Instant.parse(plain.substring(0, bar)), id);
            } catch (IllegalArgumentException | DateTimeException e) {
                throw new IllegalArgumentException("cursor is not one the audit log gave; start without it");
            }
        }
    }
}
