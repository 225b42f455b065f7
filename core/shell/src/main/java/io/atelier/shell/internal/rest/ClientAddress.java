package io.atelier.shell.internal.rest;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is really calling. Behind a reverse proxy every request comes from the
 * proxy's address, so sign-in throttling per address would make all clients one:
 * for requests from a trusted proxy (framework property
 * {@code atelier.http.trustedProxies}, from {@code trustedProxies} in
 * {@code etc/atelier.properties}) the client is the last address the proxy added
 * to {@code X-Forwarded-For}. From anybody else the header is ignored: a client
 * could write anything there.
 */
public final class ClientAddress {

    /** The framework property listing trusted proxies, comma-separated. */
    public static final String TRUSTED_PROXIES = "atelier.http.trustedProxies";

    private ClientAddress() {
    }

    /** The trusted proxies of a comma-separated list (blank: none). */
    public static Set<String> trusted(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(a -> !a.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The client's address.
     *
     * @param remote        the address the connection comes from
     * @param forwardedFor  the {@code X-Forwarded-For} header, or {@code null}
     * @param trustedProxies addresses whose header is believed
     */
    public static String of(String remote, String forwardedFor, Set<String> trustedProxies) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trustedProxies.contains(remote)) {
            return remote;
        }
        // Each proxy appends the address it received the request from: the last one is what the trusted proxy saw.
        List<String> hops = Arrays.stream(forwardedFor.split(",")).map(String::strip).filter(h -> !h.isEmpty())
                .toList();
        return hops.isEmpty() ? remote : hops.get(hops.size() - 1);
    }
}
