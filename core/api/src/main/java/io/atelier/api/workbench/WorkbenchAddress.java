package io.atelier.api.workbench;

import java.net.URI;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where people and networks reach the workbench: the configured public address
 * ({@code publicUrl} in {@code etc/atelier.properties}, for a workbench behind a
 * proxy or reached from the internet), else the address its HTTP server listens
 * on. Registered by the shell. Links a plugin hands out (a feed's, a sign-in's way
 * back) start here.
 */
@ProviderType
public interface WorkbenchAddress {

    /** The base address, absolute, ending in {@code /}; worked out on each call, so a port chosen at start is seen. */
    URI base();
}
