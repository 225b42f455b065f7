package io.atelier.api.platform;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the workbench knows of a network before talking to it: its identity, what
 * it can do, its limits, the credentials it needs and how hard it may be driven.
 *
 * @param id           stable identifier used in accounts and URLs, e.g. {@code bluesky}; lower case letters, digits and dashes
 * @param name         display name, e.g. {@code Bluesky}
 * @param capabilities what the connector can do
 * @param limits       what the network enforces on posts
 * @param credentials  the form that connects an account
 * @param ratePolicy   concurrency and rate limits
 */
public record PlatformInfo(String id, String name, Set<Capability> capabilities, Limits limits,
        CredentialForm credentials, RatePolicy ratePolicy) {

    public PlatformInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(ratePolicy, "ratePolicy");
        if (!id.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("platform id must be lower case letters, digits and dashes: " + id);
        }
        capabilities = capabilities == null || capabilities.isEmpty()
                ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
    }

    /** Whether the connector declares {@code capability}. */
    public boolean can(Capability capability) {
        return capabilities.contains(capability);
    }
}
