/**
 * What a connector remembers of the posts it sent, for networks that cannot be
 * asked by idempotency key whether a post was made
 * ({@link io.atelier.sdk.connector.attempts.AttemptJournal}): noted before
 * sending, confirmed with the network's id, looked up by {@code publish} and
 * {@code reconcile}; kept in the workbench's plugin store when the plugin has it,
 * so that it outlives restarts and is shared by every node.
 */
package io.atelier.sdk.connector.attempts;
