/**
 * What a connector remembers of the posts it sent, for networks that cannot be
 * asked by idempotency key whether a post was made
 * ({@link io.atelier.sdk.connector.attempts.AttemptJournal}): noted before
 * sending, confirmed with the network's id, looked up by {@code publish} and
 * {@code reconcile}.
 */
package io.atelier.sdk.connector.attempts;
