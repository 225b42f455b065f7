package io.atelier.sdk.connector.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which addresses a connector may be sent to, against server-side request
 * forgery: a network (or whoever controls a hostile endpoint) answering with a
 * redirect to {@code http://169.254.169.254/} or {@code http://10.0.0.5:8080/}
 * must not make the workbench call it. The host of every redirect target is
 * resolved and <em>every</em> address it resolves to is checked; the first
 * request is checked too when the policy says so (the default trusts the endpoint
 * a person configured, since a self-hosted WordPress may well live on the LAN).
 * <p>
 * Limit: {@code java.net.http} resolves the host again when it connects, so a
 * name whose DNS answer changes between the check and the connection (DNS
 * rebinding) is not caught. Plugins that must resist that send to literal IP
 * addresses they checked themselves.
 */
public final class AddressPolicy {

    /** Resolves a host name to all its addresses; the default asks the system resolver. */
    @FunctionalInterface
    public interface HostResolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private static final HostResolver SYSTEM = host -> Arrays.asList(InetAddress.getAllByName(host));

    private final Set<AddressKind> allowed;
    private final boolean checkFirstRequests;
    private final HostResolver resolver;

    private AddressPolicy(Set<AddressKind> allowed, boolean checkFirstRequests, HostResolver resolver) {
        this.allowed = Set.copyOf(allowed);
        this.checkFirstRequests = checkFirstRequests;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** Redirects may reach public addresses only; the first request goes where it is sent. The default. */
    public static AddressPolicy publicOnly() {
        return new AddressPolicy(EnumSet.of(AddressKind.PUBLIC), false, SYSTEM);
    }

    /** No checks at all: for connectors that only ever talk to one fixed, trusted host. */
    public static AddressPolicy anyAddress() {
        return new AddressPolicy(EnumSet.allOf(AddressKind.class), false, SYSTEM);
    }

    /** This policy also allowing {@code kinds}, e.g. {@link AddressKind#LOOPBACK} for a server on this machine. */
    public AddressPolicy allowing(AddressKind... kinds) {
        Set<AddressKind> more = EnumSet.copyOf(allowed);
        more.addAll(Arrays.asList(kinds));
        return new AddressPolicy(more, checkFirstRequests, resolver);
    }

    /** This policy applied to first requests as well, not only to redirects. */
    public AddressPolicy checkingFirstRequests() {
        return new AddressPolicy(allowed, true, resolver);
    }

    /** This policy resolving host names with {@code resolver} (tests; a plugin's own DNS). */
    public AddressPolicy resolvingWith(HostResolver resolver) {
        return new AddressPolicy(allowed, checkFirstRequests, resolver);
    }

    /** The kinds of address allowed. */
    public Set<AddressKind> allowed() {
        return allowed;
    }

    /** Whether first requests are checked too. */
    public boolean checksFirstRequests() {
        return checkFirstRequests;
    }

    /**
     * Why {@code target} may not be reached, or empty when it may: its host is
     * resolved and each address it has is judged.
     *
     * @throws UnknownHostException when the host does not resolve (nothing was sent)
     */
    public Optional<String> refusal(URI target) throws UnknownHostException {
        String host = target.getHost();
        if (host == null) {
            return Optional.of(target.getScheme() + " URL without a host");
        }
        if (allowed.size() == AddressKind.values().length) {
            return Optional.empty();
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses = resolver.resolve(bare);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(bare);
        }
        return refusal(host, addresses);
    }

    /** Why a host with {@code addresses} may not be reached, or empty; one forbidden address is enough. */
    public Optional<String> refusal(String host, List<InetAddress> addresses) {
        for (InetAddress a : addresses) {
            AddressKind kind = AddressKind.of(a);
            if (!allowed.contains(kind)) {
                boolean literal = host.matches("[0-9.]+") || host.contains(":");
                return Optional.of(literal ? host + " is " + kind.description()
                        : host + " resolves to " + a.getHostAddress() + ", " + kind.description());
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "AddressPolicy" + allowed + (checkFirstRequests ? " (first requests too)" : " (redirects)");
    }
}
