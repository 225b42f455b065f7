/**
 * What short-post networks' plugins share (Bluesky, Mastodon, X, Telegram…): the
 * checks every such network makes before anything is sent
 * ({@link io.atelier.sdk.connector.post.ShortPost}: an empty post, each text of a
 * thread, the number of media, each medium), run with the network's own
 * {@link io.atelier.sdk.connector.post.TextCheck} and
 * {@link io.atelier.sdk.connector.post.MediaCheck}.
 */
package io.atelier.sdk.connector.post;
