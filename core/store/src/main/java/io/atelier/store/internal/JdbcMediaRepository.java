package io.atelier.store.internal;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atelier.api.platform.Credentials;
import io.atelier.store.MediaRepository;
import io.atelier.store.StoreException;

/**
 * The media library in tables {@code media} (what a medium is) and
 * {@code media_part} (its content in parts of {@link #PART_BYTES}, see
 * {@code V5__media.sql} for why parts). Every statement has
 * {@code workspace_id = ?} in its WHERE clause: a medium's id alone never reaches a
 * row. Listing and finding read {@code media} only, so they cost the same for a
 * 50 MiB video as for an icon.
 */
final class JdbcMediaRepository implements MediaRepository {

    /** The largest part of a medium's content: well below the 1 MiB at which H2 writes large pages. */
    static final int PART_BYTES = 256 * 1024;

    private static final int MAX_MEDIA_TYPE = 100;
    private static final int MAX_FILE_NAME = 255;
    private static final int MAX_ALT_TEXT = 5000;
    private static final int MAX_ACTOR = 64;
    private static final String COLUMNS = "id, workspace_id, media_type, byte_size, sha256, file_name, alt_text,"
            + " created_at, created_by";

    /** What a link's signature is sealed for, with the medium and the expiry, in place of an account id. */
    private static final String LINK = "media-link ";
    private static final Pattern TOKEN = Pattern.compile("(ws_[a-z0-9]{1,36})\\.(med_[a-z0-9]{1,36})\\.([0-9]{1,12})"
            + "\\.([A-Za-z0-9_-]{20,200})");

    private final Database database;
    private final CredentialCipher cipher;
    /** The workbench's public address ending in {@code /}, or {@code null} when it has none. */
    private final URI publicBase;

    JdbcMediaRepository(Database database, CredentialCipher cipher, URI publicBase) {
        this.database = database;
        this.cipher = cipher;
        this.publicBase = publicBase;
    }

    @Override
    public Optional<URI> publicLink(String workspaceId, String mediaId, Duration validFor, Instant now) {
        if (publicBase == null) {
            return Optional.empty();
        }
        long until = now.plus(validFor).getEpochSecond();
        // An empty sealed value: AES-GCM's tag over the workspace, medium and expiry is the signature.
        byte[] sealed = Base64.getDecoder().decode(cipher.encrypt(workspaceId, LINK + mediaId + " " + until,
                Credentials.none()));
        String token = workspaceId + "." + mediaId + "." + until + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        return Optional.of(publicBase.resolve(PUBLIC_LINK_PATH + token));
    }

    @Override
    public Optional<StoredMedia> openPublicLink(String token, Instant now) {
        Matcher m = TOKEN.matcher(token == null ? "" : token);
        if (!m.matches() || Long.parseLong(m.group(3)) <= now.getEpochSecond()) {
            return Optional.empty();
        }
        try {
            String sealed = Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(m.group(4)));
            cipher.decrypt(m.group(1), LINK + m.group(2) + " " + m.group(3), sealed);
        } catch (StoreException | IllegalArgumentException e) {
            return Optional.empty(); // altered, or signed with another key
        }
        return find(m.group(1), m.group(2));
    }

    @Override
    public StoredMedia add(String workspaceId, String mediaType, byte[] bytes, String fileName, String altText,
            String actor) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Checks.text("mediaType", mediaType, MAX_MEDIA_TYPE);
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new IllegalArgumentException("bytes: a medium cannot be empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("bytes: a medium is at most " + MAX_BYTES + " bytes; this one is "
                    + bytes.length);
        }
        String name = fileName == null || fileName.isBlank() ? null : fileName;
        if (name != null && name.length() > MAX_FILE_NAME) {
            throw new IllegalArgumentException("fileName must be at most " + MAX_FILE_NAME + " characters");
        }
        String alt = altText == null ? "" : altText;
        if (alt.length() > MAX_ALT_TEXT) {
            throw new IllegalArgumentException("altText must be at most " + MAX_ALT_TEXT + " characters");
        }
        Checks.text("actor", actor, MAX_ACTOR);
        // Hashed before the transaction: no connection is held while 50 MiB are digested.
        StoredMedia media = new StoredMedia(Ids.next("med_"), workspaceId, mediaType, bytes.length, Sha256.hex(bytes),
                name, alt, JdbcWorkspaceRepository.now(), actor);
        return database.transaction("add a medium", connection -> {
            if (!JdbcWorkspaceRepository.exists(connection, workspaceId)) {
                throw new NoSuchElementException("workspace " + workspaceId + " does not exist");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO media (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, media.id());
                insert.setString(2, workspaceId);
                insert.setString(3, media.mediaType());
                insert.setLong(4, media.size());
                insert.setString(5, media.sha256());
                insert.setString(6, media.fileName());
                insert.setString(7, media.altText());
                Database.setInstant(insert, 8, media.createdAt());
                insert.setString(9, media.createdBy());
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO media_part (media_id, workspace_id, part_no, bytes) VALUES (?, ?, ?, ?)")) {
                int partNo = 0;
                for (int from = 0; from < bytes.length; from += PART_BYTES) {
                    insert.setString(1, media.id());
                    insert.setString(2, workspaceId);
                    insert.setInt(3, partNo++);
                    insert.setBytes(4, Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + PART_BYTES)));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return media;
        });
    }

    @Override
    public Optional<StoredMedia> find(String workspaceId, String mediaId) {
        return database.transaction("find a medium", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM media WHERE workspace_id = ? AND id = ?")) {
                select.setString(1, workspaceId);
                select.setString(2, mediaId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(read(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<byte[]> bytes(String workspaceId, String mediaId) {
        return database.transaction("read a medium", connection -> {
            // One statement, so a medium deleted meanwhile is either read whole or not at all.
            try (PreparedStatement select = connection.prepareStatement("SELECT m.byte_size, p.bytes FROM media m"
                    + " JOIN media_part p ON p.media_id = m.id AND p.workspace_id = m.workspace_id"
                    + " WHERE m.workspace_id = ? AND m.id = ? ORDER BY p.part_no")) {
                select.setString(1, workspaceId);
                select.setString(2, mediaId);
                try (ResultSet rows = select.executeQuery()) {
                    byte[] content = null;
                    int at = 0;
                    while (rows.next()) {
                        if (content == null) {
                            content = new byte[Math.toIntExact(rows.getLong(1))];
                        }
                        byte[] part = rows.getBytes(2);
                        if (at + part.length > content.length) {
                            throw damaged(mediaId);
                        }
                        System.arraycopy(part, 0, content, at, part.length);
                        at += part.length;
                    }
                    if (content == null) {
                        return Optional.empty();
                    }
                    if (at != content.length) {
                        throw damaged(mediaId);
                    }
                    return Optional.of(content);
                }
            }
        });
    }

    @Override
    public List<StoredMedia> list(String workspaceId, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
        return database.transaction("list media", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM media WHERE workspace_id = ? ORDER BY created_at DESC, id DESC LIMIT " + limit)) {
                select.setString(1, workspaceId);
                try (ResultSet rows = select.executeQuery()) {
                    List<StoredMedia> media = new ArrayList<>();
                    while (rows.next()) {
                        media.add(read(rows));
                    }
                    return media;
                }
            }
        });
    }

    @Override
    public boolean delete(String workspaceId, String mediaId) {
        return database.transaction("remove a medium", connection -> {
            // Parts first, explicitly: the cascade would do it, but this keeps the statement scoped too.
            try (PreparedStatement parts = connection.prepareStatement(
                    "DELETE FROM media_part WHERE workspace_id = ? AND media_id = ?")) {
                parts.setString(1, workspaceId);
                parts.setString(2, mediaId);
                parts.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM media WHERE workspace_id = ? AND id = ?")) {
                delete.setString(1, workspaceId);
                delete.setString(2, mediaId);
                return delete.executeUpdate() > 0;
            }
        });
    }

    /** A medium whose parts do not add up to its size: the database was changed behind the store's back. */
    private static StoreException damaged(String mediaId) {
        return new StoreException("the content of medium " + mediaId + " is damaged: its parts do not add up to its"
                + " size", null);
    }

    private static StoredMedia read(ResultSet row) throws SQLException {
        Instant created = Database.getInstant(row, "created_at");
        return new StoredMedia(row.getString("id"), row.getString("workspace_id"), row.getString("media_type"),
                row.getLong("byte_size"), row.getString("sha256"), row.getString("file_name"),
                row.getString("alt_text"), created, row.getString("created_by"));
    }
}
