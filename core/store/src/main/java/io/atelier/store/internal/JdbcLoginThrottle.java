package io.atelier.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.atelier.store.LoginThrottle;

/**
 * The throttle in table {@code login_failure}, one row per key (kept as its SHA-256).
 *
 * <p>Failures are counted in a window that opens with the first failure and lasts
 * {@value #WINDOW_MINUTES} minutes; the {@value #MAX_FAILURES}th failure in it locks the
 * key and opens a new window. The n-th lock lasts {@value #LOCK_MINUTES} × 2<sup>n-1</sup>
 * minutes, at most {@link #MAX_LOCK}; only {@link #reset} forgets the locks so far.
 * Failures while locked are not counted: the sign-in refuses them before checking
 * the password.
 *
 * <p>Nodes record failures of one key at once: {@link #recordFailure} reads the row
 * with {@code SELECT … FOR UPDATE}, so the next node waits and reads the count this
 * one wrote. When there is no row yet, two first failures may both insert; the
 * loser's transaction fails on the primary key and is run again
 * ({@link Database#upsert}), now finding the row. No failure is lost.
 */
final class JdbcLoginThrottle implements LoginThrottle {

    /** Doubling stops here: a key under attack for days stays locked a day at a time. */
    static final Duration MAX_LOCK = Duration.ofDays(1);

    private final Database database;

    JdbcLoginThrottle(Database database) {
        this.database = database;
    }

    /** A key's row. {@code lockedUntil} is null when the key was never locked or the lock is over. */
    record State(int failures, Instant windowStart, Instant lockedUntil, int locks) {

        Optional<Instant> lockAt(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil) ? Optional.of(lockedUntil) : Optional.empty();
        }

        /** The state after a failure at {@code now}; {@code current} is null for a key without failures. */
        static State afterFailure(State current, Instant now) {
            if (current != null && current.lockAt(now).isPresent()) {
                return current;
            }
            boolean inWindow = current != null
                    && now.isBefore(current.windowStart().plus(Duration.ofMinutes(WINDOW_MINUTES)));
            int failures = inWindow ? current.failures() + 1 : 1;
            Instant windowStart = inWindow ? current.windowStart() : now;
            int locks = current == null ? 0 : current.locks();
            if (failures < MAX_FAILURES) {
                return new State(failures, windowStart, null, locks);
            }
            return new State(0, now, now.plus(lockDuration(locks + 1)), locks + 1);
        }

        /** How long the {@code lock}-th lock (1 for the first) lasts. */
        static Duration lockDuration(int lock) {
            Duration doubled = Duration.ofMinutes(LOCK_MINUTES).multipliedBy(1L << Math.min(lock - 1, 20));
            return doubled.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : doubled;
        }
    }

    @Override
    public Optional<Instant> lockedUntil(String key, Instant now) {
        Objects.requireNonNull(now, "now");
        String hashed = hash(key);
        return database.transaction("check the sign-in throttle", connection -> {
            State state = read(connection, hashed, false);
            return state == null ? Optional.empty() : state.lockAt(now);
        });
    }

    @Override
    public Optional<Instant> recordFailure(String key, Instant now) {
        Instant at = Database.stored(Objects.requireNonNull(now, "now"));
        String hashed = hash(key);
        return database.upsert("record a failed sign-in", connection -> {
            State current = read(connection, hashed, true);
            State next = State.afterFailure(current, at);
            if (next != current) {
                write(connection, hashed, next, current == null);
            }
            return next.lockAt(at);
        });
    }

    @Override
    public void reset(String key) {
        String hashed = hash(key);
        database.transaction("reset the sign-in throttle", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM login_failure WHERE throttle_key = ?")) {
                delete.setString(1, hashed);
                return delete.executeUpdate();
            }
        });
    }

    private static String hash(String key) {
        return Sha256.hex(Objects.requireNonNull(key, "key"));
    }

    private static State read(Connection connection, String hashed, boolean forUpdate) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT failures, window_start, locked_until,"
                + " locks FROM login_failure WHERE throttle_key = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            select.setString(1, hashed);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new State(row.getInt("failures"), Database.getInstant(row, "window_start"),
                        Database.getInstant(row, "locked_until"), row.getInt("locks")) : null;
            }
        }
    }

    private static void write(Connection connection, String hashed, State state, boolean insert)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insert
                ? "INSERT INTO login_failure (failures, window_start, locked_until, locks, throttle_key)"
                        + " VALUES (?, ?, ?, ?, ?)"
                : "UPDATE login_failure SET failures = ?, window_start = ?, locked_until = ?, locks = ?"
                        + " WHERE throttle_key = ?")) {
            statement.setInt(1, state.failures());
            Database.setInstant(statement, 2, state.windowStart());
            Database.setNullableInstant(statement, 3, state.lockedUntil());
            statement.setInt(4, state.locks());
            statement.setString(5, hashed);
            statement.executeUpdate();
        }
    }
}
