package io.atelier.platform.bluesky.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How far a newest-first listing was read — an account's notifications, the
 * posts a search finds ({@link NewestFirst}) — as the opaque cursor the core keeps
 * between polls: the newest time seen ({@code since}), a short digest of every
 * mention already returned whose time lies within the look-back window before it,
 * and the time up to which everything is history ({@code floor}: what the first
 * poll left behind as older than its page).
 * <p>
 * The window exists because the AppView sorts these listings by the earlier of
 * the post's {@code createdAt} (the author's clock) and the moment it indexed it:
 * a post indexed late, or written by a device whose clock is behind, lands below
 * entries already seen. Re-reading the window and skipping the digests
 * finds such posts without returning anything twice.
 * <p>
 * Encoded as {@code b1~<since>~<floor>~<digest>,<digest>...} with the times in
 * ISO-8601 or empty; an empty {@code since} means nothing was seen yet, so
 * everything that arrives is new.
 *
 * @param since the newest time seen, or {@code null} before the first entry
 * @param floor nothing at or before this time is new, or {@code null} when only the window decides
 * @param seen  digests ({@link #digest}) of the mentions returned within the window
 */
record MentionCursor(Instant since, Instant floor, Set<String> seen) {

    /** The cursor of a listing that had no entry at all (an account without notifications): every one to come is new. */
    static final MentionCursor FROM_THE_START = new MentionCursor(null, null, Set.of());

    private static final String VERSION = "b1";
    private static final String DIGEST = "[A-Za-z0-9_-]{12}";

    MentionCursor {
        seen = Set.copyOf(seen);
    }

    /** The cursor as the core stores it. */
    String encode() {
        return VERSION + "~" + (since == null ? "" : since.toString()) + "~" + (floor == null ? "" : floor.toString())
                + "~" + String.join(",", seen);
    }

    /**
     * Reads a cursor that {@link #encode()} wrote.
     *
     * @throws IllegalArgumentException when {@code cursor} is not one
     */
    static MentionCursor decode(String cursor) {
        String[] parts = cursor.split("~", -1);
        if (parts.length != 4 || !parts[0].equals(VERSION)) {
            throw new IllegalArgumentException("not a Bluesky mentions cursor (it starts '" + VERSION + "~' and has"
                    + " four parts separated by '~'), " + cursor.length() + " characters");
        }
        Instant since = time(parts[1], "since");
        Instant floor = time(parts[2], "floor");
        Set<String> seen = new LinkedHashSet<>();
        if (!parts[3].isEmpty()) {
            for (String d : parts[3].split(",", -1)) {
                if (!d.matches(DIGEST)) {
                    throw new IllegalArgumentException("the Bluesky mentions cursor holds a malformed digest at position "
                            + seen.size() + ": '" + d + "'");
                }
                seen.add(d);
            }
        }
        if (since == null && (!seen.isEmpty() || floor != null)) {
            throw new IllegalArgumentException("the Bluesky mentions cursor names mentions or a floor but no time");
        }
        return new MentionCursor(since, floor, seen);
    }

    private static Instant time(String s, String name) {
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the " + name + " time in the Bluesky mentions cursor is not ISO-8601: " + s);
        }
    }

    /** The short, fixed-length stand-in for a post's AT URI kept in the cursor: 72 bits of its SHA-256. */
    static String digest(String uri) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(uri.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 9));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
