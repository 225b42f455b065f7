package io.atelier.store.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import io.atelier.api.platform.Credentials;

/**
 * The plaintext form of credentials before encryption: the number of fields, then
 * for each field its name and value as length-prefixed UTF-8. Length prefixes rather
 * than separators mean any value round-trips (newlines, '=', quotes, any script), and
 * fields are written in name order so the encoding of equal credentials is stable.
 */
final class CredentialCodec {

    private CredentialCodec() {
    }

    static byte[] encode(Credentials credentials) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Map<String, String> fields = new TreeMap<>(credentials.asMap());
            out.writeInt(fields.size());
            for (Map.Entry<String, String> field : fields.entrySet()) {
                writeString(out, field.getKey());
                writeString(out, field.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when {@code encoded} is not a complete encoding */
    static Credentials decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int count = in.readInt();
            if (count < 0 || count > encoded.length) {
                throw new IllegalArgumentException("bad field count");
            }
            Map<String, String> fields = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                fields.put(readString(in, encoded.length), readString(in, encoded.length));
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("trailing bytes");
            }
            return Credentials.of(fields);
        } catch (EOFException e) {
            throw new IllegalArgumentException("truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in, int limit) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > limit) {
            throw new IllegalArgumentException("bad length");
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
