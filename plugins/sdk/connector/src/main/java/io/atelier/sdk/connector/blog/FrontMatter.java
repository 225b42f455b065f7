package io.atelier.sdk.connector.blog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atelier.api.platform.Problem;

/**
 * The header a variant's text may start with, between two lines {@code ---}, one
 * {@code name: value} per line (front matter, as static site generators write
 * it), and the lines after it: the convention blog platforms' plugins share for
 * saying which part of a post variant's one text is the title, the tags and so on.
 * It knows no platform: the fields a header may name and the platform's name (for
 * messages) are given.
 *
 * @param header   the fields given, by lower-case name, each once, in order
 * @param rest     the lines after the header (all lines without one), without blank lines at either end
 * @param problems what is wrong with the header, each on field {@code text}, naming the line
 */
public record FrontMatter(Map<String, String> header, List<String> rest, List<Problem> problems) {

    private static final String FENCE = "---";

    public FrontMatter {
        header = Collections.unmodifiableMap(new LinkedHashMap<>(header));
        rest = List.copyOf(rest);
        problems = List.copyOf(problems);
    }

    /**
     * Reads {@code text}; never throws.
     *
     * @param fields   the names a header may give, lower case
     * @param platform the platform's name, for messages ({@code a Ghost post takes title, tags})
     */
    public static FrontMatter read(String text, List<String> fields, String platform) {
        List<Problem> problems = new ArrayList<>();
        List<String> lines = List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        Map<String, String> header = new LinkedHashMap<>();
        int start = 0;
        if (!lines.isEmpty() && lines.get(0).strip().equals(FENCE)) {
            int close = -1;
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).strip().equals(FENCE)) {
                    close = i;
                    break;
                }
            }
            if (close < 0) {
                problems.add(new Problem("text", "the header opened by '---' on line 1 is never closed: end it with"
                        + " a line '---'"));
            } else {
                for (int i = 1; i < close; i++) {
                    readLine(lines.get(i).strip(), i + 1, fields, platform, header, problems);
                }
                start = close + 1;
            }
        }
        return new FrontMatter(header, trimBlankLines(lines.subList(start, lines.size())), problems);
    }

    private static void readLine(String line, int lineNumber, List<String> fields, String platform,
            Map<String, String> header, List<Problem> problems) {
        if (line.isEmpty()) {
            return;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            problems.add(new Problem("text", "line " + lineNumber + " of the header is not 'name: value': "
                    + shorten(line)));
            return;
        }
        String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).strip();
        if (!fields.contains(name)) {
            problems.add(new Problem("text", "line " + lineNumber + " of the header names '" + shorten(name)
                    + "'; a " + platform + " post takes " + String.join(", ", fields)));
        } else if (header.containsKey(name)) {
            problems.add(new Problem("text", "line " + lineNumber + " of the header gives '" + name
                    + "' a second time"));
        } else {
            header.put(name, value);
        }
    }

    /**
     * The post's title: the header's {@code title} when it gives one, else the first
     * line of the text, stripped; {@code ""} when there is none. Only for platforms
     * whose header names the title {@code title}.
     */
    public String title() {
        return header.containsKey("title") ? header.get("title") : rest.isEmpty() ? "" : rest.get(0).strip();
    }

    /** The post's body: the text without the line that gave the {@link #title}, blank lines at its ends left out. */
    public String body() {
        return String.join("\n", header.containsKey("title") || rest.isEmpty() ? rest
                : trimBlankLines(rest.subList(1, rest.size())));
    }

    /** {@code lines} without blank lines at either end. */
    public static List<String> trimBlankLines(List<String> lines) {
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isBlank()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isBlank()) {
            to--;
        }
        return lines.subList(from, to);
    }

    /** {@code s} cut to 40 characters for a message. */
    public static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
