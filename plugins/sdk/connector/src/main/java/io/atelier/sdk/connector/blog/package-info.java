/**
 * What blog platforms' plugins share (WordPress, Ghost…): a post variant's one text
 * read as a blog post ({@link io.atelier.sdk.connector.blog.FrontMatter}: a
 * {@code ---} header naming the title, tags and the like, then the title's line and
 * the body), and what such a post refuses ({@link io.atelier.sdk.connector.blog.BlogPost}:
 * threads, and media beyond its featured image).
 */
package io.atelier.sdk.connector.blog;
