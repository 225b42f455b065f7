/**
 * Listening SPI: mentions, sources that are not accounts, enrichers that add language or sentiment, and sinks that deliver alerts.
 */
@Export
@Version("1.0.0")
package io.atelier.api.monitoring;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
