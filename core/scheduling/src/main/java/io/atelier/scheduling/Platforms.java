package io.atelier.scheduling;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformInfo;

/**
 * The platform connectors installed right now, one per platform id, as the core's
 * services see them: a plugin dropped into {@code deploy/} appears here at once and
 * disappears when removed. A connector whose {@code info()} fails is left out and
 * logged; it never breaks the list. When two connectors claim the same id, the one
 * with the higher service ranking wins.
 */
@ProviderType
public interface Platforms {

    /**
     * A usable connector.
     *
     * @param connector the service
     * @param info      what it declared
     * @param plugin    the symbolic name of the bundle that contributes it
     */
    record Platform(PlatformConnector connector, PlatformInfo info, String plugin) {
    }

    /** Every usable platform, by id. */
    List<Platform> all();

    /** The platform with {@code id}, if a usable connector declares it. */
    Optional<Platform> find(String id);
}
