package io.atelier.sdk.connector.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.platform.RetryableException;
import io.atelier.sdk.connector.http.AddressKind;
import io.atelier.sdk.connector.http.AddressPolicy;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ConnectorHttp;
import io.atelier.sdk.connector.http.HttpSettings;
import io.atelier.sdk.connector.testing.LocalServer;

/** A medium sent in segments to a real local server that puts them back together, as X's APPEND does. */
class ChunkedUploadTest {

    private final ConnectorHttp http = new ConnectorHttp("Net", HttpSettings.defaults()
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
            .withAddresses(AddressPolicy.publicOnly().allowing(AddressKind.LOOPBACK)));

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** Uploads {@code source}; the server keeps segments by index and fails the segment {@code failAt}. */
    private List<String> upload(ByteSource source, int chunkSize, int failAt, ByteArrayOutputStream assembled)
            throws Exception {
        List<String> ranges = new ArrayList<>();
        try (LocalServer server = new LocalServer((exchange, r) -> {
            int segment = Integer.parseInt(r.query().replace("segment_index=", ""));
            if (segment == failAt) {
                LocalServer.json(exchange, 500, "{\"error\":\"segment lost\"}");
                return;
            }
            synchronized (assembled) {
                assembled.write(r.body());
            }
            LocalServer.answer(exchange, 204, Map.of(), null);
        })) {
            ChunkedUpload.Summary s = ChunkedUpload.send(source, chunkSize, chunk -> {
                ranges.add(chunk.index() + ":" + chunk.contentRange() + (chunk.last() ? ":last" : ""));
                http.require(http.request(server.uri("/media/upload?segment_index=" + chunk.index()))
                        .header("Content-Range", chunk.contentRange())
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(chunk.bytes())).build(),
                        Call.repeatableWrite("uploading segment " + chunk.index()));
            });
            ranges.add("summary " + s.chunks() + " " + s.bytes());
            assertEquals(s.chunks(), server.received.size());
        }
        return ranges;
    }

    @Test
    void aSourceIsSentInFullChunksAndTheLastOneKnowsItIsLast() throws Exception {
        byte[] content = random(10_000);
        ByteArrayOutputStream assembled = new ByteArrayOutputStream();
        List<String> ranges = upload(ByteSource.of(content), 4096, -1, assembled);
        assertEquals(List.of("0:bytes 0-4095/10000", "1:bytes 4096-8191/10000", "2:bytes 8192-9999/10000:last",
                "summary 3 10000"), ranges);
        assertArrayEquals(content, assembled.toByteArray());
    }

    @Test
    void anExactMultipleEndsWithAFullLastChunk() throws Exception {
        byte[] content = random(8192);
        ByteArrayOutputStream assembled = new ByteArrayOutputStream();
        assertEquals(List.of("0:bytes 0-4095/8192", "1:bytes 4096-8191/8192:last", "summary 2 8192"),
                upload(ByteSource.of(content), 4096, -1, assembled));
        assertArrayEquals(content, assembled.toByteArray());
    }

    @Test
    void aSourceOfUnknownSizeNamesTheTotalOnItsLastChunk(@TempDir Path dir) throws Exception {
        byte[] content = random(5000);
        Path file = Files.write(dir.resolve("clip.mp4"), content);
        ByteSource unknown = new ByteSource() {
            @Override
            public InputStream open() throws IOException {
                return trickle(Files.newInputStream(file));
            }

            @Override
            public long size() {
                return -1;
            }
        };
        ByteArrayOutputStream assembled = new ByteArrayOutputStream();
        assertEquals(List.of("0:bytes 0-1999/*", "1:bytes 2000-3999/*", "2:bytes 4000-4999/5000:last", "summary 3 5000"),
                upload(unknown, 2000, -1, assembled));
        assertArrayEquals(content, assembled.toByteArray());
        assertEquals(List.of("0:bytes 0-0/1:last", "summary 1 1"),
                upload(ByteSource.of(new byte[] {7}), 2000, -1, new ByteArrayOutputStream()));
    }

    /** A stream that returns at most 7 bytes per read, as a socket or a slow disk may. */
    private static InputStream trickle(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }

    @Test
    void aFailedChunkStopsTheUpload() throws Exception {
        ByteArrayOutputStream assembled = new ByteArrayOutputStream();
        RetryableException e = assertThrows(RetryableException.class,
                () -> upload(ByteSource.of(random(10_000)), 4096, 1, assembled));
        assertTrue(e.getMessage().contains("uploading segment 1"), e.getMessage());
        assertEquals(4096, assembled.size(), "segment 0 arrived, segment 2 was never sent");
    }

    @Test
    void aSourceThatLiesAboutItsSizeOrBreaksIsRejected() {
        ByteSource shorter = new ByteSource() {
            @Override
            public InputStream open() {
                return new java.io.ByteArrayInputStream(new byte[100]);
            }

            @Override
            public long size() {
                return 150;
            }
        };
        List<Integer> sent = new ArrayList<>();
        RejectedException e = assertThrows(RejectedException.class,
                () -> ChunkedUpload.send(shorter, 60, c -> sent.add(c.index())));
        assertEquals("the medium holds 100 bytes, not the 150 declared; nothing more was sent", e.getMessage());
        assertEquals(List.of(0), sent, "the last chunk is not sent when the size is wrong");

        ByteSource broken = new ByteSource() {
            @Override
            public InputStream open() {
                return new InputStream() {
                    int n;

                    @Override
                    public int read() throws IOException {
                        byte[] one = new byte[1];
                        return read(one, 0, 1) < 0 ? -1 : one[0];
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (n >= 130) {
                            throw new IOException("disk error");
                        }
                        int k = Math.min(len, 130 - n);
                        n += k;
                        return k;
                    }
                };
            }

            @Override
            public long size() {
                return 1000;
            }
        };
        RejectedException b = assertThrows(RejectedException.class, () -> ChunkedUpload.send(broken, 100, c -> { }));
        assertTrue(b.getMessage().contains("at byte 100: disk error"), b.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChunkedUpload.send(ByteSource.of(new byte[1]), 0, c -> { }));
    }

    @Test
    void anEmptySourceSendsNothing() throws PlatformException {
        List<Integer> sent = new ArrayList<>();
        assertEquals(new ChunkedUpload.Summary(0, 0), ChunkedUpload.send(ByteSource.of(new byte[0]), 10,
                c -> sent.add(c.index())));
        assertEquals(List.of(), sent);
    }
}
