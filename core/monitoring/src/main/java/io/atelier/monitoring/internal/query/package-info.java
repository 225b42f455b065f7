/**
 * Listening queries: the language a community manager types ({@link
 * io.atelier.monitoring.internal.query.QueryParser}), the folding and tokenising
 * shared by queries and mentions ({@link io.atelier.monitoring.internal.query.Tokenizer}),
 * and the index that matches each mention against many queries at once ({@link
 * io.atelier.monitoring.internal.query.QueryIndex}). Not exported: the monitoring
 * service of this bundle is its only user.
 */
package io.atelier.monitoring.internal.query;
