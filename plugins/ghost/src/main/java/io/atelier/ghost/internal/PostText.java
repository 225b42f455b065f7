package io.atelier.ghost.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atelier.api.platform.Problem;
import io.atelier.sdk.connector.blog.FrontMatter;

/**
 * A Ghost post read from the plain text of a post variant. A variant has one
 * text, a Ghost post has a title, a body and tags, so the text says which is
 * which, by the convention Atelier's blog platforms share ({@link FrontMatter}):
 * <ul>
 * <li>It may start with a header between two lines {@code ---}: {@code title},
 * {@code tags} (comma-separated names) and {@code newsletter} — the slug of the
 * newsletter to e-mail the post with, or {@code none} to e-mail it with none
 * even when the account names one.</li>
 * <li>Without a {@code title} in the header, the first line of the text is the title
 * and the rest the body.</li>
 * </ul>
 * The title is sent as typed. The body is plain text sent as HTML (Ghost converts
 * it into its editor's format): {@code &}, {@code <} and {@code >} are escaped,
 * paragraphs (separated by blank lines) become {@code <p>} and single line breaks
 * {@code <br>}, so the post reads as typed and is edited in Ghost as ordinary
 * paragraphs.
 *
 * @param title      the post's title
 * @param body       the body as plain text, without blank lines at either end; may be empty
 * @param tags       tag names, in order, without duplicates (compared ignoring case)
 * @param newsletter the header's {@code newsletter}: a slug, {@link #NO_NEWSLETTER}, or null when it names none
 */
record PostText(String title, String body, List<String> tags, String newsletter) {

    /** What {@code newsletter:} says to e-mail the post with no newsletter. */
    static final String NO_NEWSLETTER = "none";

    private static final List<String> FIELDS = List.of("title", "tags", "newsletter");

    PostText {
        tags = List.copyOf(tags);
    }

    /**
     * The text read, and what is wrong with it.
     *
     * @param post     the post, as far as it could be read
     * @param problems what Ghost would refuse or the header gets wrong, each on field {@code text}
     */
    record Parsed(PostText post, List<Problem> problems) {
    }

    /** Reads {@code text}; never throws. */
    static Parsed parse(String text) {
        FrontMatter read = FrontMatter.read(text, FIELDS, GhostConstants.PLATFORM_NAME);
        List<Problem> problems = new ArrayList<>(read.problems());
        Map<String, String> header = read.header();
        String title = read.title();
        String bodyText = read.body();
        if (title.isEmpty()) {
            problems.add(new Problem("text", bodyText.isBlank()
                    ? "the text is empty; a Ghost post needs a title (its first line)"
                    : "the title is empty; a Ghost post needs one (the first line, or 'title:' in the header)"));
        } else if (length(title) > GhostConstants.MAX_TITLE) {
            problems.add(new Problem("text", "the title is " + length(title) + " characters; Ghost allows "
                    + GhostConstants.MAX_TITLE + ": " + FrontMatter.shorten(title)));
        }
        List<String> tags = tags(header.get("tags"), problems);
        String newsletter = header.get("newsletter");
        if (newsletter != null) {
            newsletter = newsletter.toLowerCase(Locale.ROOT);
            if (!newsletter.matches("[a-z0-9][a-z0-9-]{0,190}")) {
                problems.add(new Problem("text", "'newsletter' in the header is not a newsletter's slug (lower-case"
                        + " letters, digits and dashes, as Ghost shows it) nor '" + NO_NEWSLETTER + "': "
                        + FrontMatter.shorten(newsletter)));
                newsletter = null;
            }
        }
        return new Parsed(new PostText(title, bodyText, tags, newsletter), problems);
    }

    /**
     * The length of {@code text} as Ghost's validation counts it (validator.js
     * {@code isLength}): code points, not counting the variation selectors U+FE0E and
     * U+FE0F, so an emoji is one character and {@code ❤️} too.
     */
    static int length(String text) {
        int n = 0;
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            if (cp != 0xFE0E && cp != 0xFE0F) {
                n++;
            }
            i += Character.charCount(cp);
        }
        return n;
    }

    /** Comma-separated names, trimmed, empty ones dropped, each once (ignoring case). */
    private static List<String> tags(String value, List<Problem> problems) {
        if (value == null) {
            return List.of();
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (length(name) > GhostConstants.MAX_TAG_NAME) {
                problems.add(new Problem("text", "a name in 'tags' is " + length(name) + " characters; Ghost allows "
                        + GhostConstants.MAX_TAG_NAME + ": " + FrontMatter.shorten(name)));
                continue;
            }
            byKey.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
        }
        return List.copyOf(byKey.values());
    }

    /**
     * The body as HTML: one {@code <p>} per paragraph, the text escaped, line breaks
     * within a paragraph as {@code <br>}; empty for no body.
     */
    String html() {
        return paragraphs(body);
    }

    /** {@code text} as HTML paragraphs, as {@link #html()} describes; also the form of comment answers. */
    static String paragraphs(String text) {
        StringBuilder out = new StringBuilder();
        List<String> paragraph = new ArrayList<>();
        for (String line : (text.replace("\r\n", "\n").replace('\r', '\n') + "\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (!paragraph.isEmpty()) {
                    out.append("<p>");
                    for (int i = 0; i < paragraph.size(); i++) {
                        out.append(i > 0 ? "<br>" : "").append(escape(paragraph.get(i)));
                    }
                    out.append("</p>");
                    paragraph.clear();
                }
            } else {
                paragraph.add(line.strip());
            }
        }
        return out.toString();
    }

    /** {@code text} with the three characters that make markup escaped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
