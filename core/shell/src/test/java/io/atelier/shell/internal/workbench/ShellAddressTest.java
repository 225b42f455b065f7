package io.atelier.shell.internal.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Where the workbench's links point: the configured public address, else the HTTP runtime's, else the properties. */
class ShellAddressTest {

    private static ShellAddress address(Map<String, String> properties, List<Object> endpoints) {
        return new ShellAddress(properties::get, () -> endpoints);
    }

    @Test
    void theConfiguredPublicAddressWins() {
        assertEquals("https://social.example.org/atelier/", address(Map.of(ShellAddress.PUBLIC_URL,
                " https://social.example.org/atelier "), List.of("http://127.0.0.1:8080/")).text());
    }

    @Test
    void elseTheFirstHttpOrHttpsEndpointOfTheRuntime() {
        assertEquals("https://127.0.0.1:8443/", address(Map.of(), List.of(
                new String[] {"ws://127.0.0.1:1/", "https://127.0.0.1:8443/", "http://127.0.0.1:43111/"})).text());
        assertEquals("http://10.0.0.5:9000/", address(Map.of(), List.of(List.of("http://10.0.0.5:9000"))).text());
        assertEquals("http://127.0.0.1:8081/", address(Map.of(), List.of("http://127.0.0.1:8081/")).text());
    }

    @Test
    void elseTheHostAndPortProperties() {
        assertEquals("http://127.0.0.1:8080/", address(Map.of(), List.of()).text());
        assertEquals("http://127.0.0.1:9000/", address(Map.of("org.osgi.service.http.port", "9000",
                "org.apache.felix.http.host", "0.0.0.0"), List.of()).text());
        assertEquals("http://192.168.1.4:9000/", address(Map.of("org.osgi.service.http.port", "9000",
                "org.apache.felix.http.host", "192.168.1.4"), List.of()).text());
    }
}
