package io.atelier.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import io.atelier.api.team.Person;
import io.atelier.store.ConflictException;
import io.atelier.store.PersonRepository;

/**
 * People in table {@code person}, e-mail lower-cased under a unique index. Their
 * memberships, sessions and tokens reference {@code person(id) ON DELETE CASCADE}, so
 * deleting a person removes them in the same statement.
 *
 * <p>The set-up token's hash is the {@code store_meta} row {@value #SETUP_TOKEN}.
 * {@link #completeSetup} deletes that row on the condition that it holds the given
 * hash, and only the transaction whose delete removed it goes on to create the
 * administrator. Nodes racing with the right token all try the same delete: the
 * database row lock makes the others wait for the winner's commit and then find no
 * row (PostgreSQL re-checks the condition on the latest row version, H2 likewise), so
 * exactly one administrator comes out whatever the isolation level.
 */
final class JdbcPersonRepository implements PersonRepository {

    /** The store_meta row holding the set-up token's hash. */
    static final String SETUP_TOKEN = "setup_token_hash";

    static final int MAX_EMAIL_LENGTH = 320;
    static final int MAX_DISPLAY_NAME_LENGTH = 200;
    static final int MAX_PASSWORD_HASH_LENGTH = 500;

    private static final String COLUMNS = "id, email, display_name, is_admin, disabled, created_at";

    private final Database database;

    JdbcPersonRepository(Database database) {
        this.database = database;
    }

    @Override
    public Person create(String email, String displayName, String passwordHash, boolean admin) {
        Person person = newPerson(email, displayName, admin);
        checkPasswordHash(passwordHash);
        return database.transaction("add a person", connection -> {
            insert(connection, person, passwordHash);
            return person;
        });
    }

    @Override
    public Optional<Person> completeSetup(String setupTokenHash, String email, String displayName,
            String passwordHash) {
        Objects.requireNonNull(setupTokenHash, "setupTokenHash");
        Person admin = newPerson(email, displayName, true);
        checkPasswordHash(passwordHash);
        return database.transaction("complete the set-up", connection -> {
            try (PreparedStatement consume = connection.prepareStatement(
                    "DELETE FROM store_meta WHERE meta_key = ? AND meta_value = ?")) {
                consume.setString(1, SETUP_TOKEN);
                consume.setString(2, setupTokenHash);
                if (consume.executeUpdate() == 0) {
                    return Optional.empty(); // wrong token, or another node used it first
                }
            }
            if (count(connection) > 0) {
                return Optional.empty(); // someone was added otherwise; the stale token goes too
            }
            insert(connection, admin, passwordHash);
            return Optional.of(admin);
        });
    }

    @Override
    public void offerSetup(String setupTokenHash) {
        Checks.text("setupTokenHash", setupTokenHash, 1000);
        database.upsert("offer the set-up", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE store_meta SET meta_value = ? WHERE meta_key = ?")) {
                update.setString(1, setupTokenHash);
                update.setString(2, SETUP_TOKEN);
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO store_meta (meta_key, meta_value) VALUES (?, ?)")) {
                insert.setString(1, SETUP_TOKEN);
                insert.setString(2, setupTokenHash);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public long count() {
        return database.transaction("count people", JdbcPersonRepository::count);
    }

    @Override
    public List<Person> list() {
        return database.transaction("list people", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM person ORDER BY display_name, email");
                    ResultSet rows = select.executeQuery()) {
                List<Person> people = new ArrayList<>();
                while (rows.next()) {
                    people.add(read(rows));
                }
                return people;
            }
        });
    }

    @Override
    public Optional<Person> find(String id) {
        return database.transaction("find a person", connection -> find(connection, "id", id));
    }

    @Override
    public Optional<Person> findByEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        return database.transaction("find a person by e-mail",
                connection -> find(connection, "email", normalise(email)));
    }

    @Override
    public Optional<String> passwordHash(String personId) {
        return database.transaction("read a password hash", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT password_hash FROM person WHERE id = ?")) {
                select.setString(1, personId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean setPasswordHash(String personId, String passwordHash) {
        checkPasswordHash(passwordHash);
        return database.transaction("change a password hash", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE person SET password_hash = ? WHERE id = ?")) {
                update.setString(1, passwordHash);
                update.setString(2, personId);
                return update.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Optional<Person> update(String id, String displayName, Boolean admin, Boolean disabled) {
        if (displayName != null) {
            Checks.text("displayName", displayName, MAX_DISPLAY_NAME_LENGTH);
        }
        return database.transaction("change a person", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE person SET"
                    + " display_name = COALESCE(?, display_name), is_admin = COALESCE(?, is_admin),"
                    + " disabled = COALESCE(?, disabled) WHERE id = ?")) {
                update.setObject(1, displayName, Types.VARCHAR);
                update.setObject(2, admin, Types.BOOLEAN);
                update.setObject(3, disabled, Types.BOOLEAN);
                update.setString(4, id);
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return find(connection, "id", id);
        });
    }

    @Override
    public boolean delete(String id) {
        return database.transaction("remove a person", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM person WHERE id = ?")) {
                delete.setString(1, id);
                return delete.executeUpdate() > 0;
            }
        });
    }

    /** Whether the person exists, seen from an open transaction. */
    static boolean exists(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM person WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static Person newPerson(String email, String displayName, boolean admin) {
        String normalised = email == null ? null : normalise(email);
        if (normalised == null || normalised.length() > MAX_EMAIL_LENGTH || normalised.indexOf('@') < 1
                || normalised.indexOf('@') == normalised.length() - 1) {
            throw new IllegalArgumentException("email must be an e-mail address of at most " + MAX_EMAIL_LENGTH
                    + " characters");
        }
        Checks.text("displayName", displayName, MAX_DISPLAY_NAME_LENGTH);
        return new Person(Ids.next("usr_"), normalised, displayName, admin, false, JdbcWorkspaceRepository.now());
    }

    /** E-mails compare case-insensitively: they are stored and looked up lower-cased. */
    private static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static void checkPasswordHash(String passwordHash) {
        Checks.text("passwordHash", passwordHash, MAX_PASSWORD_HASH_LENGTH);
    }

    private static void insert(Connection connection, Person person, String passwordHash) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO person"
                + " (id, email, display_name, password_hash, is_admin, disabled, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, person.id());
            insert.setString(2, person.email());
            insert.setString(3, person.displayName());
            insert.setString(4, passwordHash);
            insert.setBoolean(5, person.admin());
            insert.setBoolean(6, person.disabled());
            Database.setInstant(insert, 7, person.created());
            insert.executeUpdate();
        } catch (SQLException e) {
            if (Database.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new ConflictException("a person with the e-mail " + person.email() + " exists already");
            }
            throw e;
        }
    }

    private static long count(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM person");
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The person whose {@code column} (id or email, never user input) equals {@code value}. */
    private static Optional<Person> find(Connection connection, String column, String value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM person WHERE " + column + " = ?")) {
            select.setString(1, value);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    private static Person read(ResultSet row) throws SQLException {
        return new Person(row.getString("id"), row.getString("email"), row.getString("display_name"),
                row.getBoolean("is_admin"), row.getBoolean("disabled"), Database.getInstant(row, "created_at"));
    }
}
