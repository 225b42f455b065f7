package io.atelier.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * This node's id: the configured one, or one generated at first start and kept in
 * {@code data/node-id} so it survives restarts (leases and logs name nodes by it).
 */
final class NodeId {

    static final String FILE_NAME = "node-id";

    private NodeId() {
    }

    static String resolve(String configured, Path dataDir) throws IOException {
        if (!configured.isEmpty()) {
            return configured;
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            Files.createDirectories(dataDir);
            try {
                Files.writeString(file, Ids.next("node_") + "\n", StandardCharsets.US_ASCII,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException raced) {
                // Created meanwhile by another start: keep that one.
            }
        }
        String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (id.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty: delete it to generate a new node id, or set nodeId in "
                    + StoreConfig.FILE);
        }
        return id;
    }
}
