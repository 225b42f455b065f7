package io.atelier.sdk.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    @Test
    void everyKindOfAddressIsRecognised() throws Exception {
        Map<String, AddressKind> cases = Map.ofEntries(
                Map.entry("93.184.216.34", AddressKind.PUBLIC),
                Map.entry("2606:4700:4700::1111", AddressKind.PUBLIC),
                Map.entry("10.0.0.1", AddressKind.PRIVATE),
                Map.entry("172.16.5.4", AddressKind.PRIVATE),
                Map.entry("172.32.0.1", AddressKind.PUBLIC),
                Map.entry("192.168.0.10", AddressKind.PRIVATE),
                Map.entry("100.64.0.1", AddressKind.PRIVATE),
                Map.entry("100.128.0.1", AddressKind.PUBLIC),
                Map.entry("240.0.0.1", AddressKind.PRIVATE),
                Map.entry("fd12:3456::1", AddressKind.PRIVATE),
                Map.entry("127.0.0.1", AddressKind.LOOPBACK),
                Map.entry("127.200.0.9", AddressKind.LOOPBACK),
                Map.entry("::1", AddressKind.LOOPBACK),
                Map.entry("169.254.169.254", AddressKind.LINK_LOCAL),
                Map.entry("fe80::1", AddressKind.LINK_LOCAL),
                Map.entry("224.0.0.251", AddressKind.MULTICAST),
                Map.entry("ff02::1", AddressKind.MULTICAST),
                Map.entry("255.255.255.255", AddressKind.MULTICAST),
                Map.entry("0.0.0.0", AddressKind.UNSPECIFIED),
                Map.entry("0.1.2.3", AddressKind.UNSPECIFIED),
                Map.entry("::", AddressKind.UNSPECIFIED),
                Map.entry("::ffff:10.0.0.1", AddressKind.PRIVATE),
                Map.entry("::127.0.0.1", AddressKind.LOOPBACK),
                Map.entry("64:ff9b::a9fe:a9fe", AddressKind.LINK_LOCAL));
        for (var c : cases.entrySet()) {
            assertEquals(c.getValue(), AddressKind.of(InetAddress.getByName(c.getKey())), c.getKey());
        }
    }

    @Test
    void everyAddressOfAHostIsChecked() throws Exception {
        InetAddress pub = InetAddress.getByAddress("cdn.example", new byte[] {93, (byte) 184, (byte) 216, 34});
        InetAddress priv = InetAddress.getByAddress("cdn.example", new byte[] {10, 0, 0, 5});
        AddressPolicy policy = AddressPolicy.publicOnly().resolvingWith(host -> List.of(pub, priv));
        assertEquals(Optional.of("cdn.example resolves to 10.0.0.5, a private address"),
                policy.refusal(URI.create("https://cdn.example/x")));
        AddressPolicy onlyPublic = AddressPolicy.publicOnly().resolvingWith(host -> List.of(pub));
        assertEquals(Optional.empty(), onlyPublic.refusal(URI.create("https://cdn.example/x")));
        assertEquals(Optional.empty(), policy.allowing(AddressKind.PRIVATE).refusal(URI.create("https://cdn.example/x")));
    }
}
