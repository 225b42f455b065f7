package io.atelier.sdk.connector.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What an IP address reaches, for the SSRF checks of {@link AddressPolicy}: the
 * public internet, or something on this machine or its networks that a connector
 * must not be steered to by a redirect (a cloud's metadata service at
 * 169.254.169.254, an admin interface on 10.x, a database on 127.0.0.1).
 */
public enum AddressKind {
    /** A public unicast address. */
    PUBLIC("a public address"),
    /** 10/8, 172.16/12, 192.168/16, 100.64/10 (shared), 240/4 (reserved), fc00::/7, fec0::/10. */
    PRIVATE("a private address"),
    /** 127/8 and ::1: this machine. */
    LOOPBACK("a loopback address"),
    /** 169.254/16 (where cloud metadata services answer) and fe80::/10. */
    LINK_LOCAL("a link-local address"),
    /** 224/4, 255.255.255.255 and ff00::/8. */
    MULTICAST("a multicast or broadcast address"),
    /** 0.0.0.0/8 and :: — which many systems treat as this machine. */
    UNSPECIFIED("an unspecified address");

    private final String description;

    AddressKind(String description) {
        this.description = description;
    }

    /** Words for messages, e.g. {@code a private address}. */
    public String description() {
        return description;
    }

    /** The kind of {@code address}; IPv6 forms that embed an IPv4 address are judged by that address. */
    public static AddressKind of(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            byte[] embedded = embeddedIpv4(b);
            if (embedded != null) {
                try {
                    return of(InetAddress.getByAddress(embedded));
                } catch (UnknownHostException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
        }
        if (address.isAnyLocalAddress()) {
            return UNSPECIFIED;
        }
        if (address.isLoopbackAddress()) {
            return LOOPBACK;
        }
        if (address.isLinkLocalAddress()) {
            return LINK_LOCAL;
        }
        if (address.isMulticastAddress()) {
            return MULTICAST;
        }
        if (address.isSiteLocalAddress()) {
            return PRIVATE;
        }
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return UNSPECIFIED;
            }
            if (first == 255 && second == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255) {
                return MULTICAST;
            }
            if (first == 100 && second >= 64 && second <= 127 || first >= 240) {
                return PRIVATE;
            }
        } else if ((b[0] & 0xfe) == 0xfc) {
            return PRIVATE; // unique local addresses, which InetAddress does not call site-local
        }
        return PUBLIC;
    }

    /** The IPv4 address inside an IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address, else null. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        // ::1 and :: are IPv6's own loopback and unspecified addresses, not IPv4 ones.
        if (compatible && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1))) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; i < 12; i++) {
            nat64 &= b[i] == 0;
        }
        return nat64 ? Arrays.copyOfRange(b, 12, 16) : null;
    }
}
