package io.atelier.shell.internal.runtime;

/**
 * A bundle as the Plugins view and {@code /api/v1/plugins} show it.
 *
 * @param id       the bundle's symbolic name
 * @param bundleId the framework's bundle id
 * @param name     the {@code Bundle-Name}, or the symbolic name
 * @param version  the bundle's version
 * @param state    INSTALLED, RESOLVED, STARTING, STOPPING, ACTIVE or UNINSTALLED
 * @param kind     {@code core}, {@code platform}, {@code feature} or {@code system} (from {@code Atelier-Kind})
 */
public record PluginInfo(String id, long bundleId, String name, String version, String state, String kind) {
}
