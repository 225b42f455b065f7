package io.atelier.sdk.connector.text;

import java.util.Locale;
import java.util.Set;

/**
 * Lays out the text of HTML elements as lines and paragraphs, the way a person
 * reads them: the one place where Atelier decides what an element does to the
 * text. {@link HtmlText} drives it from HTML source; a reader of well-formed
 * markup (an Atom {@code type="xhtml"} construct read with StAX) drives it from
 * its element events, with the same result.
 * <p>
 * <b>The paragraph rule:</b> an element a browser sets apart with vertical space
 * (its default style gives it a margin: {@code p}, {@code h1}–{@code h6},
 * {@code blockquote}, {@code pre}, {@code ul}, {@code ol}, {@code dl},
 * {@code figure}, {@code hr}...) is separated from what surrounds it by one blank
 * line; an element that only starts a new line ({@code div}, {@code li},
 * {@code dt}, {@code dd}, {@code tr}, table cells, sections...) by one line break;
 * {@code <br>} ends a line, so two in a row leave a blank line. A list inside a
 * list is a line break, as browsers give it no margin. Never more than one
 * blank line in a row; none at either end.
 * <p>
 * <b>White space</b> (space, tab, CR, LF, form feed, vertical tab, no-break
 * space, U+2028, U+2029) is collapsed to one space within a line and dropped at
 * the start and end of lines, except that inside {@code pre} a line break of the
 * source is kept (its indentation is not). Other control characters are
 * dropped. The content of {@code script}, {@code style} and {@code template} is
 * never text. Inline elements ({@code a}, {@code span}, {@code strong}...) add
 * nothing.
 * <p>
 * An instance is used once, by one thread. Element names are matched in any case.
 */
public final class TextLayout {

    /** Elements set apart by a blank line: those a browser's default style gives a vertical margin. */
    static final Set<String> PARAGRAPHS = Set.of("blockquote", "dl", "fieldset", "figure", "h1", "h2", "h3", "h4",
            "h5", "h6", "hr", "menu", "ol", "p", "pre", "ul");

    /** Elements that start and end a line, without space around. */
    static final Set<String> LINES = Set.of("address", "article", "aside", "caption", "center", "dd", "details", "div",
            "dt", "figcaption", "footer", "form", "header", "hgroup", "legend", "li", "main", "nav", "option",
            "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr");

    /** Lists: one nested in another is a line break, not a paragraph. */
    private static final Set<String> LISTS = Set.of("dl", "menu", "ol", "ul");

    /** Elements whose content is never text for a reader. */
    static final Set<String> HIDDEN = Set.of("script", "style", "template");

    private final StringBuilder out = new StringBuilder();
    /** Line ends waiting for the next visible character: 0, 1 (new line) or 2 (blank line). */
    private int breaks;
    /** White space seen since the last visible character on this line. */
    private boolean space;
    private int hiddenDepth;
    private int listDepth;
    private int preDepth;
    private boolean afterCarriageReturn;

    /** An element starts. */
    public void open(String name) {
        String element = name.toLowerCase(Locale.ROOT);
        if (hiddenDepth > 0 || HIDDEN.contains(element)) {
            hiddenDepth++;
            return;
        }
        if (element.equals("br")) {
            lineBreak();
        } else {
            block(element);
        }
        if (LISTS.contains(element)) {
            listDepth++;
        } else if (element.equals("pre")) {
            preDepth++;
        }
    }

    /** An element ends; an end without its start (malformed HTML) is tolerated. */
    public void close(String name) {
        if (hiddenDepth > 0) {
            hiddenDepth--;
            return;
        }
        String element = name.toLowerCase(Locale.ROOT);
        if (LISTS.contains(element)) {
            listDepth = Math.max(0, listDepth - 1);
        } else if (element.equals("pre")) {
            preDepth = Math.max(0, preDepth - 1);
        }
        if (!element.equals("br")) {
            block(element);
        }
    }

    /** Text inside the current element, its character references already decoded. */
    public void text(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            append(text.charAt(i));
        }
    }

    /** Ends the current line, as {@code <br>} does: two in a row leave a blank line. */
    public void lineBreak() {
        if (hiddenDepth == 0) {
            breaks = Math.min(2, breaks + 1);
        }
    }

    /** The text laid out so far: lines trimmed, at most one blank line in a row, none at either end. */
    @Override
    public String toString() {
        return out.toString();
    }

    void appendCodePoint(int codePoint) {
        if (Character.isBmpCodePoint(codePoint)) {
            append((char) codePoint);
        } else {
            append(Character.highSurrogate(codePoint));
            append(Character.lowSurrogate(codePoint));
        }
    }

    void append(char c) {
        if (hiddenDepth > 0) {
            return;
        }
        boolean crlf = afterCarriageReturn && c == '\n';
        afterCarriageReturn = c == '\r';
        if (preDepth > 0 && (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029')) {
            if (!crlf) {
                lineBreak();
            }
        } else if (isSpace(c)) {
            space = true;
        } else if (!Character.isISOControl(c)) {
            if (!out.isEmpty()) {
                if (breaks > 0) {
                    out.append(breaks == 2 ? "\n\n" : "\n");
                } else if (space) {
                    out.append(' ');
                }
            }
            breaks = 0;
            space = false;
            out.append(c);
        }
    }

    private void block(String element) {
        if (PARAGRAPHS.contains(element)) {
            if (listDepth > 0 && LISTS.contains(element)) {
                breaks = Math.max(breaks, 1);
            } else {
                breaks = 2;
            }
        } else if (LINES.contains(element)) {
            breaks = Math.max(breaks, 1);
        }
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B' || c == '\u00A0'
                || c == '\u2028' || c == '\u2029';
    }
}
