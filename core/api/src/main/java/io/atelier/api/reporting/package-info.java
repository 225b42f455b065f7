/**
 * Reporting SPI: renderers that turn a report into a document (HTML, PDF, CSV, JSON...).
 */
@Export
@Version("2.1.0")
package io.atelier.api.reporting;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
