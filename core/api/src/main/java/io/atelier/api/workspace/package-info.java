/**
 * Workspaces (one per client or brand, each with its own IANA time zone) and the accounts they publish to and listen on.
 */
@Export
@Version("1.0.0")
package io.atelier.api.workspace;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
