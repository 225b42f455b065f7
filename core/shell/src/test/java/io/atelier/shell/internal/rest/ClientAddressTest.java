package io.atelier.shell.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static final Set<String> PROXY = ClientAddress.trusted(" 127.0.0.1 , ::1 ");

    @Test
    void aTrustedProxyNamesTheClient() {
        assertEquals("203.0.113.7", ClientAddress.of("127.0.0.1", "203.0.113.7", PROXY));
        assertEquals("203.0.113.7", ClientAddress.of("::1", "203.0.113.7", PROXY));
    }

    @Test
    void onlyTheHopTheTrustedProxyAddedCounts() {
        // A client may send its own X-Forwarded-For; the proxy appends the real address last.
        assertEquals("198.51.100.9", ClientAddress.of("127.0.0.1", "10.0.0.1, 1.2.3.4, 198.51.100.9", PROXY));
    }

    @Test
    void anybodyElseCannotChooseTheirAddress() {
        assertEquals("198.51.100.9", ClientAddress.of("198.51.100.9", "127.0.0.1", PROXY));
        assertEquals("127.0.0.1", ClientAddress.of("127.0.0.1", "203.0.113.7", ClientAddress.trusted("")));
        assertEquals("127.0.0.1", ClientAddress.of("127.0.0.1", " , ", PROXY));
        assertEquals("127.0.0.1", ClientAddress.of("127.0.0.1", null, PROXY));
    }
}
