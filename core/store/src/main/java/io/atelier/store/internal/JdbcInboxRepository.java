package io.atelier.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.atelier.store.ApprovalRepository;
import io.atelier.store.ConflictException;
import io.atelier.store.InboxRepository;
import io.atelier.store.ListeningRepository.StoredMention;

/**
 * Tables {@code inbox_item}, {@code inbox_note}, {@code inbox_reply} and
 * {@code saved_reply}. Item changes are conditional on the version the caller saw,
 * like posts.
 */
final class JdbcInboxRepository implements InboxRepository {

    static final int MAX_NOTE = 4000;
    static final int MAX_REPLY = 10_000;
    static final int MAX_SAVED = 4000;
    private static final String ITEM_COLUMNS = "id, workspace_id, mention_id, status, assignee, version, created_at,"
            + " updated_at, first_response_at, labels, escalated";
    private static final String REPLY_COLUMNS = "id, item_id, workspace_id, author, body, state, remote_id, url,"
            + " error, created_at, finished_at";

    private final Database database;

    JdbcInboxRepository(Database database) {
        this.database = database;
    }

    @Override
    public List<Item> items(String workspaceId, ItemFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + ITEM_COLUMNS + " FROM inbox_item WHERE workspace_id = ?");
        List<String> values = new ArrayList<>(List.of(workspaceId));
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            values.add(filter.status().name());
        }
        if (filter.assignee() != null) {
            if (filter.assignee().isEmpty()) {
                sql.append(" AND assignee IS NULL");
            } else {
                sql.append(" AND assignee = ?");
                values.add(filter.assignee());
            }
        }
        if (filter.before() != null) {
            sql.append(" AND id < ?");
            values.add(filter.before());
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(filter.limit());
        return database.transaction("list inbox items", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    select.setString(i + 1, values.get(i));
                }
                return readItems(connection, select);
            }
        });
    }

    @Override
    public Optional<Item> item(String workspaceId, String itemId) {
        return database.transaction("read an inbox item", connection -> find(connection, workspaceId, itemId));
    }

    @Override
    public Optional<Item> assign(String workspaceId, String itemId, long expectedVersion, String assignee,
            Instant now) {
        if (assignee != null) {
            Checks.text("assignee", assignee, PostRows.MAX_ACTOR);
        }
        return change(workspaceId, itemId, expectedVersion, "assign an inbox item", now, item -> new String[] {
            assignee != null && item.status() == Status.NEW ? Status.IN_PROGRESS.name() : item.status().name(),
            assignee});
    }

    @Override
    public Optional<Item> setStatus(String workspaceId, String itemId, long expectedVersion, Status status,
            Instant now) {
        return change(workspaceId, itemId, expectedVersion, "change an inbox item's status", now,
                item -> new String[] {status.name(), item.assignee()});
    }

    /**
     * Sets the item's status and assignee to what {@code next} makes of it, if its
     * version is {@code expectedVersion} (or any, for -1).
     */
    private Optional<Item> change(String workspaceId, String itemId, long expectedVersion, String action,
            Instant now, java.util.function.Function<Item, String[]> next) {
        return database.transaction(action, connection -> {
            Optional<Item> current = find(connection, workspaceId, itemId);
            if (current.isEmpty()) {
                return current;
            }
            long version = current.get().version();
            if (expectedVersion >= 0 && expectedVersion != version) {
                throw new ConflictException("the inbox item changed meanwhile (version " + version + ", not "
                        + expectedVersion + "): read it again");
            }
            String[] statusAndAssignee = next.apply(current.get());
            try (PreparedStatement update = connection.prepareStatement("UPDATE inbox_item SET status = ?,"
                    + " assignee = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?")) {
                update.setString(1, statusAndAssignee[0]);
                update.setString(2, statusAndAssignee[1]);
                Database.setInstant(update, 3, now);
                update.setString(4, itemId);
                update.setLong(5, version);
                if (update.executeUpdate() == 0) {
                    throw new ConflictException("the inbox item changed meanwhile: read it again");
                }
            }
            return find(connection, workspaceId, itemId);
        });
    }

    @Override
    public Optional<Note> addNote(String workspaceId, String itemId, String author, String authorName, String text,
            Instant now) {
        Checks.text("author", author, PostRows.MAX_ACTOR);
        Checks.text("text", text, MAX_NOTE);
        String name = MentionRows.clip(authorName == null || authorName.isBlank() ? author : authorName,
                JdbcApprovalRepository.MAX_NAME);
        Instant at = Database.stored(now);
        return database.transaction("add a note to an inbox item", connection -> {
            if (find(connection, workspaceId, itemId).isEmpty()) {
                return Optional.<Note>empty();
            }
            String id = Ids.ordered("not_", at.toEpochMilli());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO inbox_note (id, item_id, author,"
                    + " author_name, body, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, itemId);
                insert.setString(3, author);
                insert.setString(4, name);
                insert.setString(5, text);
                Database.setInstant(insert, 6, at);
                insert.executeUpdate();
            }
            return Optional.of(new Note(id, itemId, author, name, text, at));
        });
    }

    @Override
    public List<Note> notes(String workspaceId, String itemId) {
        return database.transaction("list an inbox item's notes", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT n.id, n.author, n.author_name,"
                    + " n.body, n.created_at FROM inbox_note n JOIN inbox_item i ON i.id = n.item_id"
                    + " WHERE i.workspace_id = ? AND i.id = ? ORDER BY n.created_at, n.id")) {
                select.setString(1, workspaceId);
                select.setString(2, itemId);
                List<Note> notes = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        notes.add(new Note(rows.getString("id"), itemId, rows.getString("author"),
                                rows.getString("author_name"), rows.getString("body"),
                                Database.getInstant(rows, "created_at")));
                    }
                }
                return notes;
            }
        });
    }

    @Override
    public Optional<Reply> startReply(String workspaceId, String itemId, String author, String text, Instant now) {
        return record(workspaceId, itemId, author, text, now, ReplyState.SENDING);
    }

    @Override
    public Optional<Reply> startReview(String workspaceId, String itemId, String author, String text, Instant now) {
        return record(workspaceId, itemId, author, text, now, ReplyState.IN_REVIEW);
    }

    private Optional<Reply> record(String workspaceId, String itemId, String author, String text, Instant now,
            ReplyState state) {
        Checks.text("author", author, PostRows.MAX_ACTOR);
        Checks.text("text", text, MAX_REPLY);
        Instant at = Database.stored(now);
        return database.transaction("record an answer", connection -> {
            if (find(connection, workspaceId, itemId).isEmpty()) {
                return Optional.<Reply>empty();
            }
            String id = Ids.ordered("rpl_", at.toEpochMilli());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO inbox_reply (id, item_id,"
                    + " workspace_id, author, body, state, created_at, sending_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, itemId);
                insert.setString(3, workspaceId);
                insert.setString(4, author);
                insert.setString(5, text);
                insert.setString(6, state.name());
                Database.setInstant(insert, 7, at);
                Database.setNullableInstant(insert, 8, state == ReplyState.SENDING ? at : null);
                insert.executeUpdate();
            }
            return findReply(connection, id);
        });
    }

    @Override
    public boolean repliesNeedApproval(String workspaceId) {
        return database.transaction("read the inbox settings", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT replies_need_approval FROM inbox_settings WHERE workspace_id = ?")) {
                select.setString(1, workspaceId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() && row.getBoolean(1);
                }
            }
        });
    }

    @Override
    public void setRepliesNeedApproval(String workspaceId, boolean needed) {
        database.upsert("change the inbox settings", connection -> {
            if (!JdbcWorkspaceRepository.exists(connection, workspaceId)) {
                throw new java.util.NoSuchElementException("workspace " + workspaceId + " does not exist");
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE inbox_settings SET replies_need_approval = ? WHERE workspace_id = ?")) {
                update.setBoolean(1, needed);
                update.setString(2, workspaceId);
                if (update.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO inbox_settings (workspace_id, replies_need_approval) VALUES (?, ?)")) {
                insert.setString(1, workspaceId);
                insert.setBoolean(2, needed);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Reply> reply(String workspaceId, String replyId) {
        return database.transaction("read an answer", connection -> findReply(connection, replyId)
                .filter(r -> r.workspaceId().equals(workspaceId)));
    }

    @Override
    public List<ApprovalRepository.Approval> replyApprovals(String replyId) {
        return database.transaction("list an answer's approvals", connection -> approvals(connection, replyId));
    }

    private static List<ApprovalRepository.Approval> approvals(Connection connection, String replyId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT step, person_id, approved_at"
                + " FROM inbox_reply_approval WHERE reply_id = ? ORDER BY approved_at, step, person_id")) {
            select.setString(1, replyId);
            return Database.list(select, row -> new ApprovalRepository.Approval(row.getInt(1), row.getString(2),
                    Database.getInstant(row, "approved_at")));
        }
    }

    @Override
    public Optional<ReplyDecision> approveReply(String workspaceId, String replyId, int step, String personId,
            Instant now, Predicate<List<ApprovalRepository.Approval>> completes) {
        Checks.text("person", personId, PostRows.MAX_ACTOR);
        Instant at = Database.stored(now);
        return database.transaction("approve an answer", connection -> {
            if (lockInReview(connection, workspaceId, replyId).isEmpty()) {
                return Optional.<ReplyDecision>empty();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO inbox_reply_approval (reply_id,"
                    + " step, person_id, approved_at) SELECT ?, ?, ?, ? FROM inbox_reply WHERE id = ? AND NOT EXISTS"
                    + " (SELECT 1 FROM inbox_reply_approval WHERE reply_id = ? AND step = ? AND person_id = ?)")) {
                insert.setString(1, replyId);
                insert.setInt(2, step);
                insert.setString(3, personId);
                Database.setInstant(insert, 4, at);
                insert.setString(5, replyId);
                insert.setString(6, replyId);
                insert.setInt(7, step);
                insert.setString(8, personId);
                insert.executeUpdate();
            }
            boolean released = completes.test(approvals(connection, replyId));
            if (released) {
                try (PreparedStatement update = connection.prepareStatement("UPDATE inbox_reply SET state = 'SENDING',"
                        + " sending_since = ? WHERE id = ?")) {
                    Database.setInstant(update, 1, at);
                    update.setString(2, replyId);
                    update.executeUpdate();
                }
            }
            return Optional.of(new ReplyDecision(findReply(connection, replyId).orElseThrow(), released));
        });
    }

    @Override
    public Optional<Reply> rejectReply(String workspaceId, String replyId, String reason, Instant now) {
        Instant at = Database.stored(now);
        return database.transaction("turn down an answer", connection -> {
            if (lockInReview(connection, workspaceId, replyId).isEmpty()) {
                return Optional.<Reply>empty();
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE inbox_reply SET state = 'REJECTED',"
                    + " error = ?, finished_at = ? WHERE id = ?")) {
                update.setString(1, MentionRows.clip(reason, JdbcListeningRepository.MAX_ERROR));
                Database.setInstant(update, 2, at);
                update.setString(3, replyId);
                update.executeUpdate();
            }
            return findReply(connection, replyId);
        });
    }

    /**
     * The answer with its row locked; empty when the workspace has none.
     *
     * @throws ConflictException when it is not in review
     */
    private static Optional<Reply> lockInReview(Connection connection, String workspaceId, String replyId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + REPLY_COLUMNS
                + " FROM inbox_reply WHERE id = ? AND workspace_id = ? FOR UPDATE")) {
            select.setString(1, replyId);
            select.setString(2, workspaceId);
            Optional<Reply> reply = readReplies(select).stream().findFirst();
            if (reply.isPresent() && reply.get().state() != ReplyState.IN_REVIEW) {
                throw new ConflictException("answer " + replyId + " is not waiting for approval (it is "
                        + reply.get().state() + ")");
            }
            return reply;
        }
    }

    @Override
    public Optional<Reply> finishReply(String replyId, ReplyState state, String remoteId, String url, String error,
            Instant now) {
        if (state == ReplyState.SENDING) {
            throw new IllegalArgumentException("state: an answer finishes SENT, FAILED or UNKNOWN");
        }
        Instant at = Database.stored(now);
        return database.transaction("record how an answer ended", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE inbox_reply SET state = ?,"
                    + " remote_id = ?, url = ?, error = ?, finished_at = ? WHERE id = ? AND state = 'SENDING'")) {
                update.setString(1, state.name());
                update.setString(2, MentionRows.clip(remoteId, MentionRows.MAX_REMOTE_ID));
                update.setString(3, url == null || url.length() > MentionRows.MAX_URL ? null : url);
                update.setString(4, MentionRows.clip(error, JdbcListeningRepository.MAX_ERROR));
                Database.setInstant(update, 5, at);
                update.setString(6, replyId);
                if (update.executeUpdate() == 0) {
                    return Optional.<Reply>empty();
                }
            }
            Reply reply = findReply(connection, replyId).orElseThrow();
            if (state == ReplyState.SENT) {
                try (PreparedStatement answered = connection.prepareStatement("UPDATE inbox_item SET"
                        + " first_response_at = COALESCE(first_response_at, ?), status = CASE WHEN status = 'CLOSED'"
                        + " THEN status ELSE 'ANSWERED' END, version = version + 1, updated_at = ? WHERE id = ?")) {
                    Database.setInstant(answered, 1, at);
                    Database.setInstant(answered, 2, at);
                    answered.setString(3, reply.itemId());
                    answered.executeUpdate();
                }
            }
            return Optional.of(reply);
        });
    }

    @Override
    public List<Reply> replies(String workspaceId, String itemId) {
        return database.transaction("list an inbox item's answers", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + REPLY_COLUMNS
                    + " FROM inbox_reply WHERE workspace_id = ? AND item_id = ? ORDER BY created_at, id")) {
                select.setString(1, workspaceId);
                select.setString(2, itemId);
                return readReplies(select);
            }
        });
    }

    @Override
    public List<Reply> abandonReplies(Instant olderThan, Instant now) {
        return database.transaction("give up on answers without news", connection -> {
            List<Reply> stale;
            try (PreparedStatement select = connection.prepareStatement("SELECT " + REPLY_COLUMNS
                    + " FROM inbox_reply WHERE state = 'SENDING' AND COALESCE(sending_since, created_at) < ?"
                    + " FOR UPDATE")) {
                Database.setInstant(select, 1, olderThan);
                stale = readReplies(select);
            }
            List<Reply> changed = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement("UPDATE inbox_reply SET state = 'UNKNOWN',"
                    + " error = ?, finished_at = ? WHERE id = ? AND state = 'SENDING'")) {
                for (Reply reply : stale) {
                    update.setString(1, "the network's answer never came: check on the network whether it was"
                            + " published before answering again");
                    Database.setInstant(update, 2, now);
                    update.setString(3, reply.id());
                    if (update.executeUpdate() == 1) {
                        changed.add(findReply(connection, reply.id()).orElseThrow());
                    }
                }
            }
            return changed;
        });
    }

    @Override
    public List<SavedReply> savedReplies(String workspaceId) {
        return database.transaction("list saved replies", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, name, body FROM saved_reply WHERE workspace_id = ? ORDER BY name")) {
                select.setString(1, workspaceId);
                List<SavedReply> saved = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        saved.add(new SavedReply(rows.getString("id"), workspaceId, rows.getString("name"),
                                rows.getString("body")));
                    }
                }
                return saved;
            }
        });
    }

    @Override
    public SavedReply saveReply(String workspaceId, String name, String text) {
        Checks.text("name", name, JdbcListeningRepository.MAX_NAME);
        Checks.text("text", text, MAX_SAVED);
        return database.upsert("save a reply", connection -> {
            if (!JdbcWorkspaceRepository.exists(connection, workspaceId)) {
                throw new java.util.NoSuchElementException("workspace " + workspaceId + " does not exist");
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE saved_reply SET body = ? WHERE workspace_id = ? AND name = ?")) {
                update.setString(1, text);
                update.setString(2, workspaceId);
                update.setString(3, name);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO saved_reply (id, workspace_id, name, body) VALUES (?, ?, ?, ?)")) {
                        insert.setString(1, Ids.next("svr_"));
                        insert.setString(2, workspaceId);
                        insert.setString(3, name);
                        insert.setString(4, text);
                        insert.executeUpdate();
                    }
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM saved_reply WHERE workspace_id = ? AND name = ?")) {
                select.setString(1, workspaceId);
                select.setString(2, name);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return new SavedReply(row.getString(1), workspaceId, name, text);
                }
            }
        });
    }

    @Override
    public boolean deleteSavedReply(String workspaceId, String id) {
        return database.transaction("remove a saved reply", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM saved_reply WHERE workspace_id = ? AND id = ?")) {
                delete.setString(1, workspaceId);
                delete.setString(2, id);
                return delete.executeUpdate() > 0;
            }
        });
    }

    private static Optional<Item> find(Connection connection, String workspaceId, String itemId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + ITEM_COLUMNS
                + " FROM inbox_item WHERE workspace_id = ? AND id = ?")) {
            select.setString(1, workspaceId);
            select.setString(2, itemId);
            return readItems(connection, select).stream().findFirst();
        }
    }

    /** The items of {@code select} with their mentions, read in one more query. */
    private static List<Item> readItems(Connection connection, PreparedStatement select) throws SQLException {
        List<Item> rows = new ArrayList<>();
        List<String> mentionIds = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                // The mention comes from the second query; its id waits in its place meanwhile.
                mentionIds.add(row.getString("mention_id"));
                rows.add(new Item(row.getString("id"), row.getString("workspace_id"), null,
                        Status.valueOf(row.getString("status")), row.getString("assignee"), row.getLong("version"),
                        Database.getInstant(row, "created_at"), Database.getInstant(row, "updated_at"),
                        Database.getInstant(row, "first_response_at"), MentionRows.labels(row.getString("labels")),
                        row.getBoolean("escalated")));
            }
        }
        Map<String, StoredMention> mentions = new HashMap<>();
        for (List<String> chunk : MentionRows.chunks(mentionIds)) {
            try (PreparedStatement read = connection.prepareStatement(MentionRows.SELECT + " WHERE m.id IN ("
                    + MentionRows.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    read.setString(i + 1, chunk.get(i));
                }
                try (ResultSet found = read.executeQuery()) {
                    for (StoredMention mention : MentionRows.read(connection, found)) {
                        mentions.put(mention.id(), mention);
                    }
                }
            }
        }
        List<Item> items = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Item item = rows.get(i);
            items.add(new Item(item.id(), item.workspaceId(), mentions.get(mentionIds.get(i)), item.status(),
                    item.assignee(), item.version(), item.createdAt(), item.updatedAt(), item.firstResponseAt(),
                    item.labels(), item.escalated()));
        }
        return items;
    }

    private static Optional<Reply> findReply(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + REPLY_COLUMNS
                + " FROM inbox_reply WHERE id = ?")) {
            select.setString(1, id);
            return readReplies(select).stream().findFirst();
        }
    }

    private static List<Reply> readReplies(PreparedStatement select) throws SQLException {
        List<Reply> replies = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                replies.add(new Reply(rows.getString("id"), rows.getString("item_id"), rows.getString("workspace_id"),
                        rows.getString("author"), rows.getString("body"), ReplyState.valueOf(rows.getString("state")),
                        rows.getString("remote_id"), rows.getString("url"), rows.getString("error"),
                        Database.getInstant(rows, "created_at"), Database.getInstant(rows, "finished_at")));
            }
        }
        return replies;
    }
}
