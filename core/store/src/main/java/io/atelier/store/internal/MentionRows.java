package io.atelier.store.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.atelier.api.monitoring.Mention;
import io.atelier.store.ListeningRepository.StoredMention;

/**
 * Reading and writing rows of table {@code mention}, shared by the listening and
 * inbox repositories. Values longer than their column are shortened the way that
 * keeps them useful: text is cut, an id too long to store is replaced by its SHA-256
 * (still stable, so duplicates are still recognised), a URL too long is dropped.
 */
final class MentionRows {

    static final int MAX_BODY = 20_000;
    static final int MAX_REMOTE_ID = 512;
    static final int MAX_URL = 2000;
    static final int MAX_AUTHOR = 300;
    static final int MAX_ORIGIN = 64;
    static final int MAX_ANNOTATIONS = 4000;
    /** Ids per {@code IN (...)} list, well under both databases' limits. */
    static final int CHUNK = 500;

    /** The columns of a mention, prefixed {@code m.}, and its inbox item's id. */
    static final String SELECT = "SELECT m.id, m.workspace_id, m.source_id, m.remote_id, m.origin, m.url, m.author,"
            + " m.body, m.published_at, m.received_at, m.in_reply_to, m.annotations, i.id AS item_id"
            + " FROM mention m LEFT JOIN inbox_item i ON i.mention_id = m.id";

    private MentionRows() {
    }

    /** The id under which a source's remote id is stored. */
    static String remoteId(String id) {
        return id.length() <= MAX_REMOTE_ID ? id : "sha256:" + sha256(id);
    }

    static void bindInsert(PreparedStatement insert, String id, String workspaceId, String sourceId, Mention mention,
            java.time.Instant receivedAt) throws SQLException {
        insert.setString(1, id);
        insert.setString(2, workspaceId);
        insert.setString(3, sourceId);
        insert.setString(4, remoteId(mention.id()));
        insert.setString(5, clip(mention.source(), MAX_ORIGIN));
        insert.setString(6, mention.url() == null || mention.url().length() > MAX_URL ? null : mention.url());
        insert.setString(7, clip(mention.author(), MAX_AUTHOR));
        insert.setString(8, clip(mention.text(), MAX_BODY));
        Database.setInstant(insert, 9, mention.publishedAt());
        Database.setInstant(insert, 10, receivedAt);
        insert.setString(11, mention.inReplyTo() == null ? null : remoteId(mention.inReplyTo()));
        Map<String, String> annotations = mention.annotations();
        insert.setString(12, clip(annotations.get(Mention.LANGUAGE), 16));
        insert.setString(13, clip(annotations.get(Mention.SENTIMENT), 16));
        Double score = score(annotations.get(Mention.SENTIMENT_SCORE));
        if (score == null) {
            insert.setNull(14, Types.DOUBLE);
        } else {
            insert.setDouble(14, score);
        }
        insert.setString(15, encode(annotations));
    }

    static final String INSERT = "INSERT INTO mention (id, workspace_id, source_id, remote_id, origin, url, author,"
            + " body, published_at, received_at, in_reply_to, lang, sentiment, sentiment_score, annotations)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Reads the rows of a query made with {@link #SELECT}, then the queries each one matched. */
    static List<StoredMention> read(Connection connection, ResultSet rows) throws SQLException {
        List<StoredMention> read = new ArrayList<>();
        while (rows.next()) {
            Mention mention = new Mention(rows.getString("remote_id"), rows.getString("origin"), rows.getString("url"),
                    rows.getString("author"), rows.getString("body"), Database.getInstant(rows, "published_at"),
                    rows.getString("in_reply_to"), decode(rows.getString("annotations")));
            read.add(new StoredMention(rows.getString("id"), rows.getString("workspace_id"),
                    rows.getString("source_id"), mention, Database.getInstant(rows, "received_at"), List.of(),
                    rows.getString("item_id")));
        }
        Map<String, List<String>> matches = matches(connection, read.stream().map(StoredMention::id).toList());
        return read.stream().map(m -> new StoredMention(m.id(), m.workspaceId(), m.sourceId(), m.mention(),
                m.receivedAt(), matches.getOrDefault(m.id(), List.of()), m.itemId())).toList();
    }

    /** The queries each of {@code mentionIds} matched, sorted. */
    static Map<String, List<String>> matches(Connection connection, List<String> mentionIds) throws SQLException {
        Map<String, List<String>> matches = new LinkedHashMap<>();
        for (List<String> chunk : chunks(mentionIds)) {
            try (PreparedStatement select = connection.prepareStatement("SELECT mention_id, query_id FROM"
                    + " mention_match WHERE mention_id IN (" + placeholders(chunk.size()) + ") ORDER BY query_id")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        matches.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getString(2));
                    }
                }
            }
        }
        return matches;
    }

    static <T> List<List<T>> chunks(Collection<T> all) {
        List<T> list = List.copyOf(all);
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < list.size(); from += CHUNK) {
            chunks.add(list.subList(from, Math.min(list.size(), from + CHUNK)));
        }
        return chunks;
    }

    static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /** Annotations as {@code key=value&...}, URL-encoded, keys sorted; cut whole pairs at the column size. */
    static String encode(Map<String, String> annotations) {
        StringBuilder encoded = new StringBuilder();
        for (Map.Entry<String, String> entry : new TreeMap<>(annotations).entrySet()) {
            String pair = URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8);
            if (encoded.length() + pair.length() + 1 > MAX_ANNOTATIONS) {
                break;
            }
            if (encoded.length() > 0) {
                encoded.append('&');
            }
            encoded.append(pair);
        }
        return encoded.toString();
    }

    static Map<String, String> decode(String encoded) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return annotations;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                annotations.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return annotations;
    }

    private static Double score(String value) {
        if (value == null) {
            return null;
        }
        try {
            double score = Double.parseDouble(value);
            return Double.isFinite(score) ? score : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Moderation labels as an inbox item keeps them: comma-separated, commas in a label dropped. */
    static String labels(List<String> labels) {
        return clip(String.join(",", labels.stream().map(l -> l.replace(",", " ").strip()).filter(l -> !l.isEmpty())
                .distinct().toList()), 1000);
    }

    /** The labels of {@link #labels(List)}, read back. */
    static List<String> labels(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(","));
    }

    /** At most {@code max} characters, never cutting a character outside the BMP in two. */
    static String clip(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
