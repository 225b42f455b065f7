/**
 * The monitoring service: listening queries, the sources polled for mentions, and
 * the inbox's answers. Stored data (mentions, inbox items, notes) is read through
 * the store's {@code ListeningRepository} and {@code InboxRepository}; this service
 * holds what needs rules: checking queries, previewing them, adding sources of a kind
 * a plugin provides, and sending answers exactly once.
 */
@Export
@Version("2.1.0")
package io.atelier.monitoring;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
