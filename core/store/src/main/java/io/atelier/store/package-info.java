/**
 * The narrow repository interfaces through which the core services use the
 * store. No SQL leaves the store bundle; every method that reads or changes a
 * workspace's data takes the workspace's id and never touches another workspace's
 * rows.
 */
@Export
@Version("1.11.0")
package io.atelier.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
