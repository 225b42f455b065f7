/**
 * The text a person reads, from what networks and sites send:
 * {@link io.atelier.sdk.connector.text.HtmlText} turns HTML into plain text,
 * {@link io.atelier.sdk.connector.text.PlainText} tidies text that is already plain
 * by the same rules, and {@link io.atelier.sdk.connector.text.TextLayout} holds
 * those rules (blocks, paragraphs, white space) for readers that walk elements
 * themselves.
 */
package io.atelier.sdk.connector.text;
