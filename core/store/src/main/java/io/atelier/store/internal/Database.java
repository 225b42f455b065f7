package io.atelier.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import javax.sql.DataSource;

import io.atelier.store.ConflictException;
import io.atelier.store.StoreException;

/**
 * A data source plus the few JDBC chores every repository needs: run work in a
 * transaction, and turn a {@link SQLException} into a {@link StoreException} whose
 * message says what failed without repeating SQL values.
 */
public final class Database {

    /** SQLState both H2 and PostgreSQL report for a unique constraint violation. */
    static final String UNIQUE_VIOLATION = "23505";

    /** Enough for the rare insert race; a third duplicate in a row is a real bug, not a race. */
    private static final int UPSERT_ATTEMPTS = 3;

    private final DataSource dataSource;
    private final DatabaseKind kind;

    public Database(DataSource dataSource, DatabaseKind kind) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public DatabaseKind kind() {
        return kind;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Work on one connection, which may throw {@link SQLException}. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when
     * it throws. {@code action} names the operation in the error message (e.g. "list
     * accounts").
     */
    public <T> T transaction(String action, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                restoreAutoCommit(connection, autoCommit);
            }
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    /**
     * Runs {@code work}, an "update the row, else insert it" change, in a transaction,
     * and runs it again when its insert lost a race: another node inserted the same key
     * between our update and our insert. The next attempt's update then finds that row.
     * Retrying the whole transaction, rather than catching the duplicate inside it, is
     * what works on PostgreSQL, where a failed statement spoils the transaction.
     */
    public <T> T upsert(String action, Work<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return transaction(action, work);
            } catch (StoreException e) {
                if (attempt == UPSERT_ATTEMPTS || !isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * SQL for the date of the timestamp {@code column} in {@code zone}. On H2 a cast of a
     * timestamp with time zone to a date reads it in the session's zone whatever its
     * offset, so there the date is formatted in the zone.
     */
    String localDay(String column, ZoneId zone) {
        String literal = "'" + zone.getId().replace("'", "") + "'";
        return kind == DatabaseKind.H2
                ? "CAST(FORMATDATETIME(" + column + ", 'yyyy-MM-dd', 'en', " + literal + ") AS DATE)"
                : "CAST(" + column + " AT TIME ZONE " + literal + " AS DATE)";
    }

    /** Reads a row of a result set. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Runs {@code select} and reads every row of its result with {@code row}. */
    static <T> List<T> list(PreparedStatement select, Row<T> row) throws SQLException {
        List<T> list = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                list.add(row.read(rows));
            }
        }
        return list;
    }

    /**
     * Runs {@code write}; a unique constraint it breaks (a name taken in the workspace)
     * becomes a {@link ConflictException} with {@code conflict} as its message.
     */
    static <T> T unique(String conflict, java.util.function.Supplier<T> write) {
        try {
            return write.get();
        } catch (StoreException e) {
            if (isUniqueViolation(e)) {
                throw new ConflictException(conflict);
            }
            throw e;
        }
    }

    static boolean isUniqueViolation(StoreException e) {
        return e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState());
    }

    /** The store's error for a failed {@code action}: the SQLState, never the values involved. */
    static StoreException failure(String action, SQLException e) {
        return new StoreException("could not " + action + " (SQLState " + e.getSQLState() + ")", e);
    }

    /** Hands the connection back as it was lent; a broken connection is the pool's to discard. */
    private static void restoreAutoCommit(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException ignored) {
            // The failure that broke the connection, if any, is already on its way up.
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /**
     * Binds an instant as a timestamp with time zone, which H2 and PostgreSQL both
     * accept, cut to the microseconds they keep: both would round a finer one, so a
     * row written with {@code now} could be later than {@code now} itself.
     */
    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(stored(instant), ZoneOffset.UTC));
    }

    /** Like {@link #setInstant}, binding SQL NULL for {@code null}. */
    static void setNullableInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            setInstant(statement, index, instant);
        }
    }

    /**
     * Leases each of {@code candidates} with {@code update}, an UPDATE whose parameters
     * are, in order, the node, the end of the lease, the row's key and now (the lease
     * must have run out by then). Both databases serialise the update on the row: of
     * two nodes leasing one row, one updates it and the other finds it taken.
     *
     * @return the candidates leased, in their order
     */
    static <T> List<T> leaseEach(Connection connection, String update, String node, Instant leaseUntil, Instant now,
            List<T> candidates, Function<T, String> key) throws SQLException {
        List<T> leased = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            for (T candidate : candidates) {
                statement.setString(1, node);
                setInstant(statement, 2, leaseUntil);
                statement.setString(3, key.apply(candidate));
                setInstant(statement, 4, now);
                if (statement.executeUpdate() == 1) {
                    leased.add(candidate);
                }
            }
        }
        return leased;
    }

    /** The instant as H2 and PostgreSQL keep it (microseconds), so a read returns what was written. */
    static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Reads a timestamp with time zone column as an instant. */
    static Instant getInstant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
