/**
 * Moderation: a workspace's charter of forbidden words and phrases
 * ({@link io.atelier.monitoring.internal.moderation.Charter}), checked on incoming
 * mentions and on outgoing posts and answers, and its moderation rules applied to
 * each incoming mention ({@link io.atelier.monitoring.internal.moderation.Moderator}).
 */
package io.atelier.monitoring.internal.moderation;
