/**
 * The platform SPI: a {@link io.atelier.api.platform.PlatformConnector} per network, registered as an OSGi service by its own bundle, and the typed values and errors it exchanges with the core.
 */
@Export
@Version("1.4.0")
package io.atelier.api.platform;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
