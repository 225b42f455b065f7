/**
 * Durable records plugins keep for themselves in the workbench's store
 * ({@link io.atelier.api.storage.PluginStore}): shared by every node, kept across restarts.
 */
@Export
@Version("1.0.0")
package io.atelier.api.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
