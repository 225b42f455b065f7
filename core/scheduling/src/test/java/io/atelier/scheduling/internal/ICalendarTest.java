package io.atelier.scheduling.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.atelier.api.post.PostState;
import io.atelier.api.post.PostVariant;
import io.atelier.store.PostRepository.StoredPost;
import io.atelier.store.PostRepository.Target;

class ICalendarTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:15:30.123Z");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Function<String, String> LABELS = Map.of("acc_1", "@acme.bsky.social",
            "acc_2", "Acme on Mastodon")::get;

    private static StoredPost post(String id, PostState state, String at, String... accountAndText) {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < accountAndText.length; i += 2) {
            targets.add(new Target(new PostVariant(accountAndText[i], accountAndText[i + 1], null, null), state, 0,
                    null, null, null, null));
        }
        return new StoredPost(id, "ws_1", state, at == null ? null : Instant.parse(at), PARIS, null, targets, 1,
                NOW, NOW, "per_1");
    }

    /** The calendar's content lines: physical lines joined again as RFC 5545 3.1 unfolds them. */
    private static List<String> unfold(String feed) {
        assertTrue(feed.endsWith("\r\n"), "the feed ends with CRLF");
        return Arrays.asList(feed.replace("\r\n ", "").split("\r\n"));
    }

    private static String value(List<String> lines, String name) {
        return lines.stream().filter(line -> line.startsWith(name + ":")).findFirst()
                .map(line -> line.substring(name.length() + 1)).orElseThrow(() -> new AssertionError("no " + name));
    }

    /** A TEXT value read back: the inverse of the escaping the feed must do. */
    private static String unescape(String text) {
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                char next = text.charAt(++i);
                plain.append(next == 'n' || next == 'N' ? '\n' : next);
            } else {
                assertFalse(c == ',' || c == ';', "unescaped " + c + " in " + text);
                plain.append(c);
            }
        }
        return plain.toString();
    }

    @Test
    void aFeedHasTheCalendarPropertiesAndOneEventPerDatedPost() {
        String feed = ICalendar.feed("Acme, editorial", List.of(
                post("pst_1", PostState.SCHEDULED, "2026-12-01T08:30:00Z", "acc_1", "Winter sale starts today"),
                post("pst_2", PostState.DRAFT, null, "acc_1", "Someday"),
                post("pst_3", PostState.IN_REVIEW, "2026-12-02T09:00:05Z", "acc_2", "Review me")), LABELS, NOW);
        List<String> lines = unfold(feed);
        assertEquals(List.of("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Atelier//Editorial calendar//EN",
                "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Acme\\, editorial"), lines.subList(0, 6));
        assertEquals("END:VCALENDAR", lines.get(lines.size() - 1));
        assertEquals(2, lines.stream().filter("BEGIN:VEVENT"::equals).count());
        assertEquals(2, lines.stream().filter("END:VEVENT"::equals).count());
        assertFalse(feed.contains("pst_2"), "an undated draft has no event");

        int first = lines.indexOf("BEGIN:VEVENT");
        List<String> event = lines.subList(first, lines.indexOf("END:VEVENT") + 1);
        assertEquals("pst_1@atelier", value(event, "UID"));
        assertEquals("20261120T101530Z", value(event, "DTSTAMP"));
        assertEquals("20261201T083000Z", value(event, "DTSTART"));
        assertEquals("PT15M", value(event, "DURATION"));
        assertEquals("[Scheduled] @acme.bsky.social: Winter sale starts today", unescape(value(event, "SUMMARY")));
        assertEquals("@acme.bsky.social: Winter sale starts today", unescape(value(event, "DESCRIPTION")));
        assertEquals("CONFIRMED", value(event, "STATUS"));
        assertEquals("Scheduled", value(event, "CATEGORIES"));
        assertTrue(lines.contains("DTSTART:20261202T090005Z"));
    }

    @Test
    void everyLineEndsWithCrlf() {
        String feed = ICalendar.feed("Acme", List.of(post("pst_1", PostState.SCHEDULED, "2026-12-01T08:30:00Z",
                "acc_1", "one\ntwo\r\nthree\rfour")), LABELS, NOW);
        assertFalse(feed.replace("\r\n", "").contains("\n"), "no bare LF");
        assertFalse(feed.replace("\r\n", "").contains("\r"), "no bare CR");
        assertEquals("@acme.bsky.social: one\ntwo\nthree\nfour", unescape(value(unfold(feed), "DESCRIPTION")));
    }

    @Test
    void statusesFollowTheState() {
        assertEquals("CONFIRMED", ICalendar.status(PostState.SCHEDULED));
        assertEquals("CONFIRMED", ICalendar.status(PostState.PUBLISHING));
        assertEquals("CONFIRMED", ICalendar.status(PostState.PUBLISHED));
        assertEquals("TENTATIVE", ICalendar.status(PostState.DRAFT));
        assertEquals("TENTATIVE", ICalendar.status(PostState.IN_REVIEW));
        assertEquals("TENTATIVE", ICalendar.status(PostState.FAILED));
        assertEquals("CANCELLED", ICalendar.status(PostState.CANCELLED));

        String feed = ICalendar.feed("Acme", List.of(
                post("pst_1", PostState.PUBLISHED, "2026-12-01T08:30:00Z", "acc_1", "a"),
                post("pst_2", PostState.DRAFT, "2026-12-01T08:30:00Z", "acc_1", "b"),
                post("pst_3", PostState.CANCELLED, "2026-12-01T08:30:00Z", "acc_1", "c")), LABELS, NOW);
        List<String> lines = unfold(feed);
        assertEquals(List.of("STATUS:CONFIRMED", "STATUS:TENTATIVE", "STATUS:CANCELLED"),
                lines.stream().filter(line -> line.startsWith("STATUS:")).toList());
        assertEquals(List.of("CATEGORIES:Published", "CATEGORIES:Draft", "CATEGORIES:Cancelled"),
                lines.stream().filter(line -> line.startsWith("CATEGORIES:")).toList());
    }

    @Test
    void textIsEscaped() {
        assertEquals("a\\,b\\;c\\\\d\\ne", ICalendar.text("a,b;c\\d\ne"));
        assertEquals("tab\tkept, bell dropped".replace(",", "\\,"), ICalendar.text("tab\tkept, bell\u0007 dropped"));
        String tricky = "Prices: 10€; 20€, \\o/ \"quoted\"\nNext line";
        String feed = ICalendar.feed("A;B", List.of(post("pst_1", PostState.SCHEDULED, "2026-12-01T08:30:00Z",
                "acc_1", tricky)), LABELS, NOW);
        List<String> lines = unfold(feed);
        assertEquals("@acme.bsky.social: " + tricky, unescape(value(lines, "DESCRIPTION")));
        assertEquals("A;B", unescape(value(lines, "X-WR-CALNAME")));
    }

    @Test
    void theDescriptionHasEveryAccountsFullText() {
        StoredPost post = new StoredPost("pst_1", "ws_1", PostState.FAILED, Instant.parse("2026-12-01T08:30:00Z"),
                PARIS, null, List.of(
                        new Target(new PostVariant("acc_1", "Short one", null, null), PostState.PUBLISHED, 1, "r1",
                                null, null, NOW),
                        new Target(new PostVariant("acc_2", "Longer one", null, List.of("part two")),
                                PostState.FAILED, 3, null, null, "rate limited", null),
                        new Target(new PostVariant("acc_9", "Unlabelled", null, null), PostState.FAILED, 1, null,
                                null, null, null)),
                2, NOW, NOW, "per_1");
        List<String> lines = unfold(ICalendar.feed("Acme", List.of(post), LABELS, NOW));
        assertEquals("@acme.bsky.social (published): Short one\n\n"
                + "Acme on Mastodon (failed: rate limited): Longer one\n\npart two\n\n"
                + "acc_9: Unlabelled", unescape(value(lines, "DESCRIPTION")));
        assertEquals("[Failed] @acme.bsky.social +2: Short one", unescape(value(lines, "SUMMARY")));
    }

    @Test
    void theSummaryShowsTheTextsBeginning() {
        String text = "Our winter collection is here: warm coats, scarves and hats for the whole family, "
                + "delivered before the holidays.";
        String beginning = ICalendar.beginning(text);
        assertEquals(ICalendar.SUMMARY_TEXT_LENGTH, beginning.codePointCount(0, beginning.length()));
        assertTrue(beginning.endsWith("…"));
        assertTrue(text.startsWith(beginning.substring(0, beginning.length() - 1)));
        assertEquals("two lines", ICalendar.beginning("  two\n\nlines "));
        // Sixty emoji are kept whole; sixty-one are cut between two of them, never inside one.
        String emoji = "😀".repeat(61);
        assertEquals("😀".repeat(59) + "…", ICalendar.beginning(emoji));
        assertEquals("😀".repeat(60), ICalendar.beginning("😀".repeat(60)));
    }

    @Test
    void longLinesAreFoldedAt75OctetsWithoutSplittingACharacter() {
        String text = "Café crème à l'œil — déjà vu ✨ 👩‍👩‍👧‍👦 ".repeat(12) + "日本語のテキスト".repeat(10)
                + "😀".repeat(50);
        String feed = ICalendar.feed("Équipe éditoriale 🌍", List.of(post("pst_1", PostState.SCHEDULED,
                "2026-12-01T08:30:00Z", "acc_1", text)), LABELS, NOW);
        String[] physical = feed.split("\r\n");
        int folded = 0;
        for (String line : physical) {
            byte[] octets = line.getBytes(StandardCharsets.UTF_8);
            assertTrue(octets.length <= 75, octets.length + " octets: " + line);
            // A split multi-byte sequence or surrogate pair would not survive the round trip.
            assertEquals(line, new String(octets, StandardCharsets.UTF_8));
            if (line.startsWith(" ")) {
                folded++;
            }
        }
        assertTrue(folded > 10, "the long description is folded");
        List<String> lines = unfold(feed);
        assertEquals("@acme.bsky.social: " + text, unescape(value(lines, "DESCRIPTION")));
        assertEquals("Équipe éditoriale 🌍", unescape(value(lines, "X-WR-CALNAME")));
    }

    @Test
    void foldingFillsLinesToTheLimit() {
        StringBuilder out = new StringBuilder();
        ICalendar.line(out, "DESCRIPTION:" + "a".repeat(100));
        assertEquals("DESCRIPTION:" + "a".repeat(63) + "\r\n " + "a".repeat(37) + "\r\n", out.toString());

        // "é" is two octets: 12 + 31 * 2 = 74, and a 32nd would make 76, so it goes on the next line.
        out.setLength(0);
        ICalendar.line(out, "DESCRIPTION:" + "é".repeat(40));
        assertEquals("DESCRIPTION:" + "é".repeat(31) + "\r\n " + "é".repeat(9) + "\r\n", out.toString());

        out.setLength(0);
        ICalendar.line(out, "SHORT:" + "x".repeat(69));
        assertEquals(75, out.length() - 2);
        assertFalse(out.toString().contains("\r\n "));
    }

    @Test
    void aLoneSurrogateCannotBreakTheOctetCount() {
        String escaped = ICalendar.text("broken \uD83D end");
        assertEquals("broken \uFFFD end", escaped);
    }
}
