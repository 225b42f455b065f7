package io.atelier.platform.feeds.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What one poll of a feed leaves for the next: the validators for a conditional
 * GET ({@code ETag}, {@code Last-Modified}) and what was already reported — the
 * keys of the most recent entries and, for feeds longer than that memory, a
 * horizon at or before which every dated entry counts as reported.
 * <p>
 * It travels as one opaque string the core persists: {@code feed1.} and the
 * URL-safe Base64 of a binary record, 8 bytes per remembered entry (about 10.7 KB
 * for 1,000 entries). A string that is not such a cursor (damaged, or from
 * another version) reads as no cursor: the feed is read as new and the core's
 * own de-duplication by mention id keeps entries stored once.
 *
 * @param etag         the last answer's {@code ETag}, or empty
 * @param lastModified the last answer's {@code Last-Modified}, or empty
 * @param horizon      entries dated at or before it were reported even if not remembered; null when none
 * @param seen         keys ({@link EntryMentions#key}) of the remembered entries, most recent first
 */
record FeedCursor(String etag, String lastModified, Instant horizon, List<Long> seen) {

    static final FeedCursor EMPTY = new FeedCursor("", "", null, List.of());

    private static final String PREFIX = "feed1.";
    /** Validators longer than this, or with control characters, are not kept: they would not be sent back. */
    private static final int MAX_VALIDATOR = 1024;
    private static final int MAX_SEEN = 1_000_000;

    FeedCursor {
        etag = validator(etag);
        lastModified = validator(lastModified);
        seen = List.copyOf(seen);
    }

    private static String validator(String value) {
        if (value == null || value.length() > MAX_VALIDATOR) {
            return "";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F || c > 0xFF) {
                return "";
            }
        }
        return value.trim();
    }

    /** The cursor as the string the core keeps. */
    String encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + seen.size() * 8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(etag);
            out.writeUTF(lastModified);
            out.writeLong(horizon == null ? Long.MIN_VALUE : horizon.toEpochMilli());
            out.writeInt(seen.size());
            for (long key : seen) {
                out.writeLong(key);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    /** The cursor {@code text} encodes; {@link #EMPTY} for null, blank, or anything {@link #encode} did not write. */
    static FeedCursor decode(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return EMPTY;
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text.substring(PREFIX.length()));
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            String etag = in.readUTF();
            String lastModified = in.readUTF();
            long horizon = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > MAX_SEEN || in.available() != count * 8L) {
                return EMPTY;
            }
            List<Long> seen = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                seen.add(in.readLong());
            }
            return new FeedCursor(etag, lastModified, horizon == Long.MIN_VALUE ? null : Instant.ofEpochMilli(horizon),
                    seen);
        } catch (IOException | IllegalArgumentException e) {
            return EMPTY;
        }
    }
}
