/**
 * The reporting service's API for the shell and other bundles: reports, metrics
 * collection, objectives, scheduled reports, share links and best times to post.
 */
@Export
@Version("1.1.0")
package io.atelier.reporting;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
