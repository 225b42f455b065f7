package io.atelier.scheduling.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.atelier.api.post.PostState;
import io.atelier.store.PostRepository.StoredPost;
import io.atelier.store.PostRepository.Target;

/**
 * Writes the editorial calendar as an iCalendar feed (RFC 5545) that calendar
 * applications subscribe to: one 15-minute event per dated post, at its due time in
 * UTC (each application shows it in its reader's zone). Written by hand because the
 * subset used is small: TEXT escaping, CRLF line ends and lines folded at 75 octets.
 */
final class ICalendar {

    /** The longest line RFC 5545 allows, in octets of UTF-8, without the CRLF. */
    static final int MAX_LINE_OCTETS = 75;

    /** The most characters of a post's text shown in an event's title. */
    static final int SUMMARY_TEXT_LENGTH = 60;

    private static final String CRLF = "\r\n";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ICalendar() {
    }

    /**
     * The feed. Undated drafts have no place on a calendar and are left out.
     *
     * @param calendarName the name applications show for the subscription
     * @param posts        the posts, in the order their events are written
     * @param accountLabel an account id's label, e.g. {@code @acme.bsky.social}; the id when it answers {@code null}
     * @param now          written as each event's {@code DTSTAMP}
     */
    static String feed(String calendarName, List<StoredPost> posts, Function<String, String> accountLabel,
            Instant now) {
        StringBuilder out = new StringBuilder(256 + posts.size() * 400);
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Atelier//Editorial calendar//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + text(calendarName));
        // Hints (RFC 7986 and its common predecessor) so subscribers refresh more often than daily.
        line(out, "REFRESH-INTERVAL;VALUE=DURATION:PT15M");
        line(out, "X-PUBLISHED-TTL:PT15M");
        String stamp = UTC.format(now.truncatedTo(ChronoUnit.SECONDS));
        for (StoredPost post : posts) {
            if (post.at() == null) {
                continue;
            }
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + text(post.id() + "@atelier"));
            line(out, "DTSTAMP:" + stamp);
            line(out, "DTSTART:" + UTC.format(post.at().truncatedTo(ChronoUnit.SECONDS)));
            line(out, "DURATION:PT15M");
            if (post.updatedAt() != null) {
                line(out, "LAST-MODIFIED:" + UTC.format(post.updatedAt().truncatedTo(ChronoUnit.SECONDS)));
            }
            line(out, "SUMMARY:" + text(summary(post, accountLabel)));
            line(out, "DESCRIPTION:" + text(description(post, accountLabel)));
            line(out, "STATUS:" + status(post.state()));
            line(out, "CATEGORIES:" + text(stateName(post.state())));
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /** {@code [Scheduled] @acme +1: Our winter sale starts…}: what a glance at a calendar should tell. */
    private static String summary(StoredPost post, Function<String, String> accountLabel) {
        StringBuilder summary = new StringBuilder("[").append(stateName(post.state())).append(']');
        List<Target> targets = post.targets();
        if (!targets.isEmpty()) {
            summary.append(' ').append(label(targets.get(0).accountId(), accountLabel));
            if (targets.size() > 1) {
                summary.append(" +").append(targets.size() - 1);
            }
            summary.append(": ").append(beginning(targets.get(0).variant().text()));
        }
        return summary.toString();
    }

    /** Each account's full text, as each account will receive it. */
    private static String description(StoredPost post, Function<String, String> accountLabel) {
        StringBuilder description = new StringBuilder();
        for (Target target : post.targets()) {
            if (description.length() > 0) {
                description.append("\n\n");
            }
            description.append(label(target.accountId(), accountLabel));
            boolean error = target.error() != null && !target.error().isBlank();
            if (target.state() != post.state() || error) {
                description.append(" (").append(stateName(target.state()).toLowerCase(Locale.ROOT));
                if (error) {
                    description.append(": ").append(target.error());
                }
                description.append(')');
            }
            description.append(": ").append(target.variant().text());
            for (String part : target.variant().thread()) {
                description.append("\n\n").append(part);
            }
        }
        return description.toString();
    }

    /** The text's first characters on one line, at most {@link #SUMMARY_TEXT_LENGTH} code points with the ellipsis. */
    static String beginning(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.codePointCount(0, flat.length()) <= SUMMARY_TEXT_LENGTH) {
            return flat;
        }
        // Cut on code points so an emoji's surrogate pair is never split.
        String cut = flat.substring(0, flat.offsetByCodePoints(0, SUMMARY_TEXT_LENGTH - 1)).stripTrailing();
        return cut + "…";
    }

    private static String label(String accountId, Function<String, String> accountLabel) {
        String label = accountLabel.apply(accountId);
        return label == null || label.isBlank() ? accountId : label;
    }

    /**
     * What a calendar application makes of the post: a plan that will happen (or did),
     * one that may still change, or one called off. A failed post is tentative rather
     * than cancelled: it still needs someone's attention, and many applications hide or
     * strike through cancelled events.
     */
    static String status(PostState state) {
        return switch (state) {
            case SCHEDULED, PUBLISHING, PUBLISHED -> "CONFIRMED";
            case DRAFT, IN_REVIEW, FAILED -> "TENTATIVE";
            case CANCELLED -> "CANCELLED";
        };
    }

    static String stateName(PostState state) {
        return switch (state) {
            case DRAFT -> "Draft";
            case IN_REVIEW -> "In review";
            case SCHEDULED -> "Scheduled";
            case PUBLISHING -> "Publishing";
            case PUBLISHED -> "Published";
            case FAILED -> "Failed";
            case CANCELLED -> "Cancelled";
        };
    }

    /**
     * A TEXT value escaped as RFC 5545 3.3.11 asks: backslash, semicolon and comma
     * escaped, every line break written {@code \n}. Other control characters are not
     * allowed in a value and are dropped; a lone surrogate becomes U+FFFD so the
     * octet count of folding matches what is written.
     */
    static String text(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case ';' -> escaped.append("\\;");
                case ',' -> escaped.append("\\,");
                case '\n' -> escaped.append("\\n");
                case '\r' -> {
                    escaped.append("\\n");
                    if (i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        escaped.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        escaped.append('\uFFFD');
                    } else if (c == '\t' || !Character.isISOControl(c)) {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /**
     * Appends one content line, folded so that no physical line exceeds
     * {@link #MAX_LINE_OCTETS} octets of UTF-8 (the leading space of a continuation
     * included), breaking only between characters, never inside one.
     */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        for (int i = 0; i < content.length();) {
            int codePoint = content.codePointAt(i);
            int width = utf8Length(codePoint);
            if (octets + width > MAX_LINE_OCTETS) {
                out.append(CRLF).append(' ');
                octets = 1;
            }
            out.appendCodePoint(codePoint);
            octets += width;
            i += Character.charCount(codePoint);
        }
        out.append(CRLF);
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
