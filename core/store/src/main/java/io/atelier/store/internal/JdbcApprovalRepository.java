package io.atelier.store.internal;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import io.atelier.api.post.PostState;
import io.atelier.store.ApprovalRepository;
import io.atelier.store.ConflictException;
import io.atelier.store.PostRepository.StoredPost;
import io.atelier.store.internal.PostRows.ChangeRow;

/**
 * Tables {@code approval_step}, {@code post_approval}, {@code post_comment} and
 * {@code signoff_link}. A decision locks the post's targets and then the post, the
 * order every writer of posts follows (see {@link PostRows}).
 */
final class JdbcApprovalRepository implements ApprovalRepository {

    static final int MAX_COMMENT = 4000;
    static final int MAX_NAME = 200;
    private static final int MAX_STEPS = 3;
    private static final int LINK_SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LINK_COLUMNS = "id, workspace_id, client_name, period_from, period_to, expires_at,"
            + " created_by, created_at, revoked_at";

    private final Database database;

    JdbcApprovalRepository(Database database) {
        this.database = database;
    }

    @Override
    public List<Step> workflow(String workspaceId) {
        return database.transaction("read an approval workflow", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT step, mode, approvers"
                    + " FROM approval_step WHERE workspace_id = ? ORDER BY step")) {
                select.setString(1, workspaceId);
                List<Step> steps = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String approvers = rows.getString("approvers");
                        steps.add(new Step(rows.getInt("step"), Mode.valueOf(rows.getString("mode")),
                                approvers.isEmpty() ? List.of() : Arrays.asList(approvers.split(","))));
                    }
                }
                return List.copyOf(steps);
            }
        });
    }

    @Override
    public void setWorkflow(String workspaceId, List<Step> steps) {
        if (steps.size() > MAX_STEPS) {
            throw new IllegalArgumentException("a workflow has at most " + MAX_STEPS + " steps");
        }
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.number() != i + 1) {
                throw new IllegalArgumentException("steps must be numbered 1 to " + steps.size() + " in order");
            }
            for (String approver : step.approvers()) {
                Checks.text("approver", approver, PostRows.MAX_ACTOR);
                if (approver.contains(",")) {
                    throw new IllegalArgumentException("an approver id cannot contain a comma");
                }
            }
        }
        database.transaction("replace an approval workflow", connection -> {
            if (!JdbcWorkspaceRepository.exists(connection, workspaceId)) {
                throw new java.util.NoSuchElementException("workspace " + workspaceId + " does not exist");
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM approval_step WHERE workspace_id = ?")) {
                delete.setString(1, workspaceId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO approval_step (workspace_id,"
                    + " step, mode, approvers) VALUES (?, ?, ?, ?)")) {
                for (Step step : steps) {
                    insert.setString(1, workspaceId);
                    insert.setInt(2, step.number());
                    insert.setString(3, step.mode().name());
                    insert.setString(4, String.join(",", step.approvers()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<Approval> approvals(String workspaceId, String postId) {
        return database.transaction("read a post's approvals", connection -> approvals(connection, workspaceId,
                postId));
    }

    @Override
    public Optional<Decision> approve(String workspaceId, String postId, long expectedVersion, int step,
            String personId, String reason, Predicate<List<Approval>> completes) {
        Checks.text("personId", personId, PostRows.MAX_ACTOR);
        Checks.text("reason", reason, PostRows.MAX_REASON);
        Objects.requireNonNull(completes, "completes");
        return PostRows.transaction(database, "approve a post", connection -> {
            Optional<StoredPost> locked = lockInReview(connection, workspaceId, postId, expectedVersion);
            if (locked.isEmpty()) {
                return Optional.empty();
            }
            Instant now = JdbcWorkspaceRepository.now();
            if (approvals(connection, workspaceId, postId).stream()
                    .noneMatch(a -> a.step() == step && a.personId().equals(personId))) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO post_approval (post_id,"
                        + " workspace_id, step, person_id, approved_at) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setString(1, postId);
                    insert.setString(2, workspaceId);
                    insert.setInt(3, step);
                    insert.setString(4, personId);
                    Database.setInstant(insert, 5, now);
                    insert.executeUpdate();
                }
            }
            boolean released = completes.test(approvals(connection, workspaceId, postId));
            if (released) {
                leaveReview(connection, postId, PostState.SCHEDULED);
                PostRows.derive(connection, List.of(postId), now);
            }
            PostRows.appendHistory(connection, List.of(new ChangeRow(postId, workspaceId, null, PostState.IN_REVIEW,
                    released ? PostState.SCHEDULED : PostState.IN_REVIEW, personId, reason)), now);
            return Optional.of(new Decision(JdbcPostRepository.find(connection, workspaceId, postId).orElseThrow(),
                    released));
        });
    }

    @Override
    public Optional<StoredPost> reject(String workspaceId, String postId, long expectedVersion, String author,
            String authorName, String comment) {
        checkComment(author, authorName, comment);
        return PostRows.transaction(database, "reject a post", connection -> {
            Optional<StoredPost> locked = lockInReview(connection, workspaceId, postId, expectedVersion);
            if (locked.isEmpty()) {
                return Optional.empty();
            }
            Instant now = JdbcWorkspaceRepository.now();
            leaveReview(connection, postId, PostState.DRAFT);
            PostRows.derive(connection, List.of(postId), now);
            insertComment(connection, workspaceId, postId, author, authorName, comment, now);
            PostRows.appendHistory(connection, List.of(new ChangeRow(postId, workspaceId, null, PostState.IN_REVIEW,
                    PostState.DRAFT, author, "rejected by " + authorName + ": " + comment)), now);
            return JdbcPostRepository.find(connection, workspaceId, postId);
        });
    }

    @Override
    public Optional<Comment> comment(String workspaceId, String postId, String author, String authorName,
            String text) {
        checkComment(author, authorName, text);
        return database.transaction("comment on a post", connection -> {
            if (JdbcPostRepository.find(connection, workspaceId, postId).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(insertComment(connection, workspaceId, postId, author, authorName, text,
                    JdbcWorkspaceRepository.now()));
        });
    }

    @Override
    public List<Comment> comments(String workspaceId, String postId) {
        return database.transaction("read a post's comments", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, post_id, author, author_name,"
                    + " body, created_at FROM post_comment WHERE workspace_id = ? AND post_id = ?"
                    + " ORDER BY created_at, id")) {
                select.setString(1, workspaceId);
                select.setString(2, postId);
                List<Comment> comments = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        comments.add(new Comment(rows.getString("id"), rows.getString("post_id"),
                                rows.getString("author"), rows.getString("author_name"), rows.getString("body"),
                                Database.getInstant(rows, "created_at")));
                    }
                }
                return List.copyOf(comments);
            }
        });
    }

    /** Forgets a post's approvals: when it leaves review, or its content changes. */
    static void forgetApprovals(Connection connection, String postId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM post_approval WHERE post_id = ?")) {
            delete.setString(1, postId);
            delete.executeUpdate();
        }
    }

    /** Locks the post (targets first) and checks it is in review at the expected version. */
    private static Optional<StoredPost> lockInReview(Connection connection, String workspaceId, String postId,
            long expectedVersion) throws SQLException {
        PostRows.targets(connection, workspaceId, List.of(postId), true);
        Optional<StoredPost> locked = JdbcPostRepository.lockPost(connection, workspaceId, postId);
        if (locked.isEmpty()) {
            return locked;
        }
        StoredPost post = locked.get();
        if (post.state() != PostState.IN_REVIEW) {
            throw new ConflictException("post " + postId + " is " + post.state().name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ') + ", not in review: there is nothing to approve or reject");
        }
        if (expectedVersion != -1 && expectedVersion != post.version()) {
            throw new ConflictException("post " + postId + " was changed since version " + expectedVersion
                    + " was read (it is now at version " + post.version() + "): read it again before deciding");
        }
        return locked;
    }

    private static void leaveReview(Connection connection, String postId, PostState to) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE post_target SET state = ?,"
                + " next_at = CASE WHEN ? = 1 THEN due_at ELSE NULL END WHERE post_id = ? AND state = 'IN_REVIEW'")) {
            update.setString(1, to.name());
            update.setInt(2, to == PostState.SCHEDULED ? 1 : 0);
            update.setString(3, postId);
            update.executeUpdate();
        }
        forgetApprovals(connection, postId);
    }

    private static List<Approval> approvals(Connection connection, String workspaceId, String postId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT step, person_id, approved_at"
                + " FROM post_approval WHERE workspace_id = ? AND post_id = ? ORDER BY approved_at, step, person_id")) {
            select.setString(1, workspaceId);
            select.setString(2, postId);
            List<Approval> approvals = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    approvals.add(new Approval(rows.getInt("step"), rows.getString("person_id"),
                            Database.getInstant(rows, "approved_at")));
                }
            }
            return List.copyOf(approvals);
        }
    }

    private static Comment insertComment(Connection connection, String workspaceId, String postId, String author,
            String authorName, String text, Instant at) throws SQLException {
        Comment comment = new Comment(Ids.next("cmt_"), postId, author, authorName, text, at);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO post_comment (id, post_id,"
                + " workspace_id, author, author_name, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, comment.id());
            insert.setString(2, postId);
            insert.setString(3, workspaceId);
            insert.setString(4, author);
            insert.setString(5, authorName);
            insert.setString(6, text);
            Database.setInstant(insert, 7, at);
            insert.executeUpdate();
        }
        return comment;
    }

    private static void checkComment(String author, String authorName, String text) {
        Checks.text("author", author, PostRows.MAX_ACTOR);
        Checks.text("authorName", authorName, MAX_NAME);
        Checks.text("comment", text, MAX_COMMENT);
    }

    // --- sign-off links

    @Override
    public NewSignoffLink createLink(String workspaceId, String clientName, Instant from, Instant to,
            Instant expiresAt, String createdBy) {
        Checks.text("clientName", clientName, MAX_NAME);
        Checks.text("createdBy", createdBy, PostRows.MAX_ACTOR);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("to must be after from");
        }
        byte[] bytes = new byte[LINK_SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        SignoffLink link = new SignoffLink(Ids.next("sgn_"), workspaceId, clientName, Database.stored(from),
                Database.stored(to), Database.stored(expiresAt), createdBy, JdbcWorkspaceRepository.now(), null);
        return database.transaction("create a sign-off link", connection -> {
            if (!JdbcWorkspaceRepository.exists(connection, workspaceId)) {
                throw new java.util.NoSuchElementException("workspace " + workspaceId + " does not exist");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO signoff_link (id, workspace_id,"
                    + " token_hash, client_name, period_from, period_to, expires_at, created_by, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, link.id());
                insert.setString(2, workspaceId);
                insert.setString(3, Sha256.hex(secret));
                insert.setString(4, clientName);
                Database.setInstant(insert, 5, link.from());
                Database.setInstant(insert, 6, link.to());
                Database.setInstant(insert, 7, link.expiresAt());
                insert.setString(8, createdBy);
                Database.setInstant(insert, 9, link.createdAt());
                insert.executeUpdate();
            }
            return new NewSignoffLink(link, secret);
        });
    }

    @Override
    public List<SignoffLink> links(String workspaceId) {
        return database.transaction("read sign-off links", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + LINK_COLUMNS
                    + " FROM signoff_link WHERE workspace_id = ? ORDER BY created_at DESC, id")) {
                select.setString(1, workspaceId);
                List<SignoffLink> links = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        links.add(link(rows));
                    }
                }
                return List.copyOf(links);
            }
        });
    }

    @Override
    public boolean revokeLink(String workspaceId, String linkId) {
        return database.transaction("revoke a sign-off link", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE signoff_link SET revoked_at ="
                    + " COALESCE(revoked_at, ?) WHERE workspace_id = ? AND id = ?")) {
                Database.setInstant(update, 1, JdbcWorkspaceRepository.now());
                update.setString(2, workspaceId);
                update.setString(3, linkId);
                return update.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Optional<SignoffLink> linkOfSecret(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 200) {
            return Optional.empty();
        }
        return database.transaction("find a sign-off link", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + LINK_COLUMNS
                    + " FROM signoff_link WHERE token_hash = ?")) {
                select.setString(1, Sha256.hex(secret));
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(link(row)) : Optional.empty();
                }
            }
        });
    }

    private static SignoffLink link(ResultSet row) throws SQLException {
        return new SignoffLink(row.getString("id"), row.getString("workspace_id"), row.getString("client_name"),
                Database.getInstant(row, "period_from"), Database.getInstant(row, "period_to"),
                Database.getInstant(row, "expires_at"), row.getString("created_by"),
                Database.getInstant(row, "created_at"), Database.getInstant(row, "revoked_at"));
    }
}
