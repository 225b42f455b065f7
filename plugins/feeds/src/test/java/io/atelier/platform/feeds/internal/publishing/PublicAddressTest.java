package io.atelier.platform.feeds.internal.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Where the feed's links point: the configured public address, else the HTTP runtime's, else the properties. */
class PublicAddressTest {

    private static PublicAddress address(Map<String, String> properties, List<Object> endpoints) {
        return new PublicAddress(properties::get, () -> endpoints);
    }

    @Test
    void theConfiguredPublicAddressWins() {
        assertEquals("https://social.example.org/atelier/", address(Map.of(PublicAddress.PUBLIC_URL,
                " https://social.example.org/atelier "), List.of("http://127.0.0.1:8080/")).base());
    }

    @Test
    void elseTheFirstHttpOrHttpsEndpointOfTheRuntime() {
        assertEquals("https://127.0.0.1:8443/", address(Map.of(), List.of(
                new String[] {"ws://127.0.0.1:1/", "https://127.0.0.1:8443/", "http://127.0.0.1:43111/"})).base());
        assertEquals("http://10.0.0.5:9000/", address(Map.of(), List.of(List.of("http://10.0.0.5:9000"))).base());
        assertEquals("http://127.0.0.1:8081/", address(Map.of(), List.of("http://127.0.0.1:8081/")).base());
    }

    @Test
    void elseTheHostAndPortProperties() {
        assertEquals("http://127.0.0.1:8080/", address(Map.of(), List.of()).base());
        assertEquals("http://127.0.0.1:9000/", address(Map.of("org.osgi.service.http.port", "9000",
                "org.apache.felix.http.host", "0.0.0.0"), List.of()).base());
        assertEquals("http://192.168.1.4:9000/", address(Map.of("org.osgi.service.http.port", "9000",
                "org.apache.felix.http.host", "192.168.1.4"), List.of()).base());
    }
}
