/**
 * Workbench contributions: views shown by the web shell and commands offered in the shell, the REST API and the console. Both are whiteboard services known by their service properties.
 */
@Export
@Version("1.2.0")
package io.atelier.api.workbench;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
