package io.atelier.reports.internal;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportSection;

/** Reports the tests render: a realistic monthly report, and the awkward cases. */
final class TestReports {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String HOSTILE = "<script>alert(1)</script><b>x</b>";
    static final String ATTRIBUTE_BREAKER = "\"onerror=alert(2) x=\"";
    static final String ACCENTED = "Café crème à l'été, Ærø, Łódź";
    static final BigDecimal RATE = new BigDecimal("0.0650");

    private TestReports() {
    }

    /** March 2026 for a workspace whose name and posts carry accents, markup and formulas. */
    static Report monthly() {
        return report("Pâtisserie Hélène", "Monthly report — March", List.of(engagement(), networks(), heatmap(),
                posts()));
    }

    static Report report(String workspace, String title, List<ReportSection> sections) {
        return new Report("ws_1", workspace, title, Instant.parse("2026-02-28T23:00:00Z"),
                Instant.parse("2026-03-31T22:00:00Z"), PARIS, Instant.parse("2026-04-01T06:30:00Z"), sections);
    }

    /** The monthly report under a workspace's branding: a 120×40 PNG logo, red on white, and an accent. */
    static Report branded(String accent) throws java.io.IOException {
        Report monthly = monthly();
        return new Report(monthly.workspaceId(), monthly.workspaceName(), monthly.title(), monthly.from(), monthly.to(),
                monthly.zone(), monthly.generatedAt(), monthly.sections(),
                new io.atelier.api.reporting.ReportBranding("image/png", logo(), accent));
    }

    /** A PNG of 120×40 pixels, red on its left half and white on its right, written by the JDK. */
    static byte[] logo() throws java.io.IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(120, 40,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 120; x++) {
            for (int y = 0; y < 40; y++) {
                image.setRGB(x, y, x < 60 ? 0xCC0000 : 0xFFFFFF);
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A line chart: two series over 31 days, two days not reported for the first. */
    static ReportSection engagement() {
        List<List<Object>> rows = new ArrayList<>();
        for (int d = 1; d <= 31; d++) {
            Object likes = d == 12 || d == 13 ? null : 40 + (d * 7) % 23;
            rows.add(Arrays.asList(LocalDate.of(2026, 3, d), likes, (long) (d % 5) + 3));
        }
        return new ReportSection("Engagement per day", "Likes and shares as each network counts them.",
                List.of("Day", "Likes", "Shares"), rows, ReportSection.LINE);
    }

    /** A bar chart with a negative figure and a BigDecimal. */
    static ReportSection networks() {
        return new ReportSection("Follower growth by network", null, List.of("Network", "Growth", "Rate %"),
                List.of(Arrays.asList("Bluesky", 120, new BigDecimal("3.5")),
                        Arrays.asList("Mastodon", -14, new BigDecimal("-0.8")),
                        Arrays.asList("WordPress", null, null)),
                ReportSection.BAR);
    }

    /** Mentions per weekday and hour, nights not reported on Sunday. */
    static ReportSection heatmap() {
        List<String> columns = new ArrayList<>();
        columns.add("Day");
        for (int h = 0; h < 24; h++) {
            columns.add(Integer.toString(h));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            List<Object> row = new ArrayList<>();
            row.add(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            for (int h = 0; h < 24; h++) {
                row.add(day == DayOfWeek.SUNDAY && h < 6 ? null : (day.getValue() * 3 + h) % 17 * 13);
            }
            rows.add(row);
        }
        return new ReportSection("Mentions by hour", "Hours in Europe/Paris.", columns, rows,
                ReportSection.HEATMAP);
    }

    /** A table only, with texts as strangers write them. */
    static ReportSection posts() {
        return new ReportSection("Top posts", ACCENTED + " — " + HOSTILE,
                List.of("Post", "Published", "Day", "Likes", "Engagement rate"),
                List.of(Arrays.asList(HOSTILE, Instant.parse("2026-03-03T08:15:00Z"), LocalDate.of(2026, 3, 3), 412,
                                RATE),
                        Arrays.asList(ATTRIBUTE_BREAKER, Instant.parse("2026-03-09T17:40:00Z"), LocalDate.of(2026, 3, 9),
                                97, new BigDecimal("1E+3")),
                        Arrays.asList(ACCENTED + " \uD83C\uDF89", null, null, null, null),
                        Arrays.asList("=HYPERLINK(\"http://evil.example\",\"win\")", null, null, -3, 0.25),
                        Arrays.asList("-5 reasons to love croissants", null, null, 1L, 2.5f)),
                ReportSection.NONE);
    }

    /** A report with no section at all. */
    static Report empty() {
        return report("Empty", "Nothing to say", List.of());
    }
}
