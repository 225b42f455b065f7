package io.atelier.platform.feeds.internal.publishing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.UUID;

/**
 * The ids of feed entries: a name-based UUID (RFC 4122 version 5, SHA-1) of the
 * account and the idempotency key. The same publish gives the same id on every
 * node and every attempt, so the id itself is the record key that makes a publish
 * happen once, and {@code urn:uuid:} makes it the stable Atom id feed readers
 * recognise an entry by.
 */
final class EntryIds {

    static final String URN_PREFIX = "urn:uuid:";
    /** The namespace of Atelier's feed entries: a fixed random UUID, so ids never meet another scheme's. */
    private static final UUID NAMESPACE = UUID.fromString("6d3c1f0e-8a4b-4f7e-9b21-5c0a7e93d4b8");

    private EntryIds() {
    }

    /** The entry id of {@code key} published to {@code accountId}. */
    static String of(String accountId, String key) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
        ByteBuffer ns = ByteBuffer.allocate(16).putLong(NAMESPACE.getMostSignificantBits())
                .putLong(NAMESPACE.getLeastSignificantBits());
        sha1.update(ns.array());
        // The account id never holds a line feed, so the pair is unambiguous.
        sha1.update((accountId + "\n" + key).getBytes(StandardCharsets.UTF_8));
        byte[] hash = sha1.digest();
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong()).toString();
    }

    /** The entry id in a remote id ({@code urn:uuid:…}), or empty when it is not one of these. */
    static Optional<String> fromRemoteId(String remoteId) {
        if (remoteId == null || !remoteId.startsWith(URN_PREFIX)) {
            return Optional.empty();
        }
        String id = remoteId.substring(URN_PREFIX.length());
        return id.matches("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
                ? Optional.of(id) : Optional.empty();
    }
}
