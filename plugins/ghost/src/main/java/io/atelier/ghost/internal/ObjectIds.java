package io.atelier.ghost.internal;

/**
 * Ghost's ids: MongoDB-style object ids, 24 hexadecimal digits of which the first
 * 8 are the second the id was made (Unix time), so that ids sort by time.
 */
final class ObjectIds {

    private ObjectIds() {
    }

    /** The second {@code id} was made. */
    static long seconds(String id) {
        return Long.parseLong(id.substring(0, 8), 16);
    }

    /** The lowest id of second {@code seconds} (0 for a second before 1970): every id made then or later is above it. */
    static String floor(long seconds) {
        return String.format("%08x", Math.max(0, seconds)) + "0".repeat(16);
    }
}
