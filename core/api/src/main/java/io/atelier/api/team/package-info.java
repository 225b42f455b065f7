/**
 * People and their roles: who may see and do what in which workspace.
 */
@Export
@Version("1.0.0")
package io.atelier.api.team;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
