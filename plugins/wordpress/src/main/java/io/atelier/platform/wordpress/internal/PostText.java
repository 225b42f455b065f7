package io.atelier.platform.wordpress.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atelier.api.platform.Problem;
import io.atelier.sdk.connector.blog.FrontMatter;

/**
 * A blog post read from the plain text of a post variant. A variant has one text,
 * a WordPress post has a title, a body, categories and tags, so the text says
 * which is which:
 * <ul>
 * <li>It may start with a header between two lines {@code ---}, one {@code name: value}
 * per line ({@link FrontMatter}): {@code title}, {@code categories} and {@code tags},
 * the last two as comma-separated names.</li>
 * <li>Without a {@code title} in the header, the first line of the text is the title
 * and the rest the body.</li>
 * </ul>
 * The title is sent as typed, as WordPress's editor stores a title. The body is
 * plain text: {@code &}, {@code <} and {@code >} are escaped, as WordPress's block
 * editor escapes a paragraph typed into it, paragraphs (separated by blank lines)
 * become paragraph blocks and single line breaks {@code <br>}, so the post reads as
 * typed and is edited in WordPress as ordinary paragraphs.
 *
 * @param title      the post's title, may be empty when the header gives none and the text is only a header
 * @param body       the body as plain text, without blank lines at either end; may be empty
 * @param categories category names, in order, without duplicates (compared ignoring case)
 * @param tags       tag names, likewise
 */
record PostText(String title, String body, List<String> categories, List<String> tags) {

    /** The longest term name WordPress stores. */
    static final int MAX_TERM_NAME = 200;

    private static final List<String> FIELDS = List.of("title", "categories", "tags");

    PostText {
        categories = List.copyOf(categories);
        tags = List.copyOf(tags);
    }

    /**
     * The text read, and what is wrong with it.
     *
     * @param post     the post, as far as it could be read
     * @param problems what WordPress would refuse or the header gets wrong, each on field {@code text}
     */
    record Parsed(PostText post, List<Problem> problems) {
    }

    /** Reads {@code text}; never throws. */
    static Parsed parse(String text) {
        FrontMatter read = FrontMatter.read(text, FIELDS, WordPressConstants.PLATFORM_NAME);
        List<Problem> problems = new ArrayList<>(read.problems());
        Map<String, String> header = read.header();
        String title = read.title();
        String bodyText = read.body();
        if (title.isEmpty() && bodyText.isBlank()) {
            problems.add(new Problem("text", "the text is empty; a WordPress post needs a title (its first line)"
                    + " or a body"));
        }
        List<String> categories = names("categories", header.get("categories"), problems);
        List<String> tags = names("tags", header.get("tags"), problems);
        return new Parsed(new PostText(title, bodyText, categories, tags), problems);
    }

    /** Comma-separated names, trimmed, empty ones dropped, each once (ignoring case, as WordPress compares them). */
    private static List<String> names(String field, String value, List<Problem> problems) {
        if (value == null) {
            return List.of();
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (name.codePointCount(0, name.length()) > MAX_TERM_NAME) {
                problems.add(new Problem("text", "a name in '" + field + "' is " + name.codePointCount(0,
                        name.length()) + " characters; WordPress allows " + MAX_TERM_NAME + ": "
                        + FrontMatter.shorten(name)));
                continue;
            }
            byKey.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
        }
        return List.copyOf(byKey.values());
    }

    /**
     * The body as the post's content: one paragraph block per paragraph, the text
     * escaped, line breaks within a paragraph as {@code <br>}; empty for no body.
     */
    String content() {
        StringBuilder out = new StringBuilder();
        List<String> paragraph = new ArrayList<>();
        for (String line : (body + "\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (!paragraph.isEmpty()) {
                    if (out.length() > 0) {
                        out.append("\n\n");
                    }
                    out.append("<!-- wp:paragraph -->\n<p>");
                    for (int i = 0; i < paragraph.size(); i++) {
                        out.append(i > 0 ? "<br>" : "").append(escape(paragraph.get(i)));
                    }
                    out.append("</p>\n<!-- /wp:paragraph -->");
                    paragraph.clear();
                }
            } else {
                paragraph.add(line);
            }
        }
        return out.toString();
    }

    /** {@code text} with the three characters that make markup escaped, as WordPress's editor stores typed text. */
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
