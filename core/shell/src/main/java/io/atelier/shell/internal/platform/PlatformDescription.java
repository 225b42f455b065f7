package io.atelier.shell.internal.platform;

import java.util.List;

import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.CredentialKind;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.RatePolicy;
import io.atelier.scheduling.Platforms;

/**
 * A platform as {@code /api/v1/platforms} shows it: its {@link PlatformInfo},
 * flattened for the account form, and the bundle that contributes it.
 *
 * @param id             the platform id, e.g. {@code bluesky}
 * @param name           display name
 * @param capabilities   what the connector can do, in declaration order of {@link Capability}
 * @param limits         what the network enforces on posts
 * @param credentialKind the kind of credentials
 * @param credentials    the fields of the account form
 * @param signIn         whether accounts connect by signing in on the network's page, the fields typed before
 * @param ratePolicy     concurrency and rate limits
 * @param plugin         symbolic name of the contributing bundle
 */
public record PlatformDescription(String id, String name, List<Capability> capabilities, Limits limits,
        CredentialKind credentialKind, List<CredentialField> credentials, boolean signIn, RatePolicy ratePolicy,
        String plugin) {

    /** Every installed platform, described, by id. */
    public static List<PlatformDescription> all(Platforms platforms) {
        return platforms.all().stream().map(p -> of(p.info(), p.plugin())).toList();
    }

    static PlatformDescription of(PlatformInfo info, String plugin) {
        List<Capability> capabilities = info.capabilities().stream().sorted().toList();
        return new PlatformDescription(info.id(), info.name(), capabilities, info.limits(), info.credentials().kind(),
                info.credentials().fields(), info.credentials().signIn(), info.ratePolicy(), plugin);
    }
}
