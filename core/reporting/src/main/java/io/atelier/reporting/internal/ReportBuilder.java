package io.atelier.reporting.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.atelier.api.reporting.Report;
import io.atelier.api.reporting.ReportBranding;
import io.atelier.api.reporting.ReportSection;
import io.atelier.api.workspace.Account;
import io.atelier.reporting.kpi.Evaluation;
import io.atelier.reporting.kpi.Kpi;
import io.atelier.reporting.kpi.KpiResult;
import io.atelier.store.MetricsRepository.Daily;
import io.atelier.store.MetricsRepository.PostFigures;
import io.atelier.store.ReportRepository.SentimentDay;

/**
 * Turns the data of a period, of the period before it and the objectives' verdicts
 * into a {@link Report}: a summary against the previous period, the objectives,
 * interactions per day, followers, top posts, best publishing times, sentiment, the
 * share of voice and the inbox. Figures are exact decimals rounded to two places for reading;
 * "not computable" is an empty cell with the reason beside it, never a 0.
 */
final class ReportBuilder {

    static final List<String> INTERACTIONS = List.of("likes", "replies", "shares", "quotes");
    static final int TOP_POSTS = 10;
    static final int TEXT_LENGTH = 140;
    private static final List<Kpi> SUMMARY = List.of(Kpi.ENGAGEMENT_RATE_BY_FOLLOWERS, Kpi.ENGAGEMENT_RATE_BY_REACH,
            Kpi.ENGAGEMENT_RATE_BY_IMPRESSIONS, Kpi.AUDIENCE_GROWTH, Kpi.AUDIENCE_GROWTH_RATE,
            Kpi.FIRST_RESPONSE_MEDIAN, Kpi.ANSWERED_WITHIN_TARGET, Kpi.NET_SENTIMENT, Kpi.SHARE_OF_VOICE);

    private ReportBuilder() {
    }

    /**
     * The report of {@code current} against {@code previous}, under the name and
     * branding clients know the workspace by.
     */
    static Report build(String workspaceId, String name, ReportBranding branding, Map<String, Account> accounts,
            PeriodData current, PeriodData previous, List<Evaluation> objectives, Instant now) {
        List<ReportSection> sections = new ArrayList<>();
        sections.add(summary(current, previous, now));
        if (!objectives.isEmpty()) {
            sections.add(objectives(objectives));
        }
        sections.add(interactionsPerDay(current));
        sections.add(followers(current, accounts));
        sections.add(topPosts(current, accounts));
        sections.add(bestTimes(current));
        sections.add(sentiment(current));
        sections.add(shareOfVoice(current, previous));
        sections.add(inbox(current, now));
        String title = "Report " + current.from + " – " + current.to.minusDays(1);
        return new Report(workspaceId, name, title, current.period.from(), current.period.to(), current.zone, now,
                sections, branding);
    }

    /** The value of a result for reading (two decimals), or {@code null} when not computable. */
    static BigDecimal figure(KpiResult result) {
        return result.value().map(ReportBuilder::round).orElse(null);
    }

    static BigDecimal round(BigDecimal value) {
        BigDecimal rounded = value.setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }

    private static ReportSection summary(PeriodData current, PeriodData previous, Instant now) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row("Posts published", "count", BigDecimal.valueOf(current.posts.size()),
                BigDecimal.valueOf(previous.posts.size()), null));
        rows.add(row("Interactions", "count", totalInteractions(current), totalInteractions(previous), null));
        for (Kpi kpi : SUMMARY) {
            KpiResult now_ = current.kpi(kpi, null, now);
            KpiResult before = previous.kpi(kpi, null, now);
            String note = now_ instanceof KpiResult.NotComputable n ? n.detail() : null;
            rows.add(row(label(kpi), kpi.unit().name().toLowerCase(Locale.ROOT), figure(now_), figure(before), note));
        }
        return new ReportSection("Summary", "Each figure against the previous period of the same length ("
                + previous.from + " – " + previous.to.minusDays(1) + "). Formulas: docs/kpis.md.",
                List.of("Indicator", "Unit", "This period", "Previous period", "Change", "Note"), rows,
                ReportSection.NONE);
    }

    private static List<Object> row(String label, String unit, BigDecimal current, BigDecimal previous, String note) {
        BigDecimal change = current == null || previous == null ? null : round(current.subtract(previous));
        return Arrays.asList(label, unit, current, previous, change, note);
    }

    /** The sum of the engagement counters of the period's posts, or {@code null} when none reports any. */
    private static BigDecimal totalInteractions(PeriodData data) {
        long sum = 0;
        boolean any = false;
        for (PostFigures post : data.posts) {
            Long e = data.engagementsOf(post);
            if (e != null) {
                sum += e;
                any = true;
            }
        }
        return any ? BigDecimal.valueOf(sum) : null;
    }

    static String label(Kpi kpi) {
        return switch (kpi) {
            case ENGAGEMENT_RATE_BY_REACH -> "Engagement rate by reach";
            case ENGAGEMENT_RATE_BY_IMPRESSIONS -> "Engagement rate by impressions";
            case ENGAGEMENT_RATE_BY_FOLLOWERS -> "Engagement rate by followers";
            case AUDIENCE_GROWTH -> "Audience growth";
            case AUDIENCE_GROWTH_RATE -> "Audience growth rate";
            case FIRST_RESPONSE_MEDIAN -> "First response, median";
            case FIRST_RESPONSE_P90 -> "First response, 90th percentile";
            case ANSWERED_WITHIN_TARGET -> "Answered within 2 h";
            case SHARE_OF_VOICE -> "Share of voice";
            case NET_SENTIMENT -> "Net sentiment";
        };
    }

    private static ReportSection objectives(List<Evaluation> evaluations) {
        List<List<Object>> rows = new ArrayList<>();
        for (Evaluation e : evaluations) {
            rows.add(Arrays.asList(label(e.objective().kpi()), e.objective().comparison().name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ') + " " + e.objective().target().toPlainString(), figure(e.result()),
                    e.outcome().name(), e.gap().map(ReportBuilder::round).orElse(null)));
        }
        return new ReportSection("Objectives", "Each objective over this report's period.",
                List.of("KPI", "Target", "Value", "Outcome", "Gap"), rows, ReportSection.NONE);
    }

    private static ReportSection interactionsPerDay(PeriodData data) {
        Map<LocalDate, long[]> byDay = new TreeMap<>();
        boolean[] reported = new boolean[INTERACTIONS.size()];
        for (Daily day : data.days) {
            int index = INTERACTIONS.indexOf(day.metric());
            if (index >= 0) {
                byDay.computeIfAbsent(day.day(), d -> new long[INTERACTIONS.size()])[index] += day.gained();
                reported[index] = true;
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        for (LocalDate d = data.from; d.isBefore(data.to); d = d.plusDays(1)) {
            long[] counts = byDay.getOrDefault(d, new long[INTERACTIONS.size()]);
            List<Object> row = new ArrayList<>();
            row.add(d);
            for (int i = 0; i < counts.length; i++) {
                row.add(reported[i] ? (Object) counts[i] : null);
            }
            rows.add(row);
        }
        return new ReportSection("Interactions per day", "What the posts gained each day (a post's first count on"
                + " its publication day). An empty column: no network reported that counter.",
                List.of("Day", "Likes", "Replies", "Shares", "Quotes"), rows, ReportSection.BAR);
    }

    private static ReportSection followers(PeriodData data, Map<String, Account> accounts) {
        List<String> ids = new ArrayList<>(data.followers.keySet());
        List<String> columns = new ArrayList<>();
        columns.add("Day");
        for (String id : ids) {
            Account account = accounts.get(id);
            columns.add(account == null ? id : account.handle() + " (" + account.platform() + ")");
        }
        List<List<Object>> rows = new ArrayList<>();
        for (LocalDate d = data.from; d.isBefore(data.to); d = d.plusDays(1)) {
            Instant endOfDay = d.plusDays(1).atStartOfDay(data.zone).toInstant();
            List<Object> row = new ArrayList<>();
            row.add(d);
            for (String id : ids) {
                row.add(data.followers.get(id).asOf(endOfDay).map(c -> (Object) c.followers()).orElse(null));
            }
            rows.add(row);
        }
        return new ReportSection("Followers", ids.isEmpty() ? "No account reported its followers in the period."
                : "Followers at the end of each day.", columns, rows, ReportSection.LINE);
    }

    private static ReportSection topPosts(PeriodData data, Map<String, Account> accounts) {
        List<PostFigures> sorted = new ArrayList<>(data.posts);
        sorted.sort(Comparator.comparing((PostFigures p) -> {
            Long e = data.engagementsOf(p);
            return e == null ? -1 : e;
        }).reversed().thenComparing(PostFigures::publishedAt));
        List<List<Object>> rows = new ArrayList<>();
        for (PostFigures post : sorted.subList(0, Math.min(TOP_POSTS, sorted.size()))) {
            Account account = accounts.get(post.accountId());
            String text = post.text() == null ? post.remoteId() : post.text().strip();
            if (text.length() > TEXT_LENGTH) {
                text = text.substring(0, text.offsetByCodePoints(0, text.codePointCount(0, TEXT_LENGTH) - 1)) + "…";
            }
            rows.add(Arrays.asList(post.publishedAt().atZone(data.zone).toLocalDateTime().withNano(0).toString(),
                    account == null ? post.accountId() : account.handle() + " (" + account.platform() + ")", text,
                    post.values().get("likes"), post.values().get("replies"), post.values().get("shares"),
                    data.engagementsOf(post), post.url()));
        }
        return new ReportSection("Top posts", sorted.isEmpty() ? "No post published in the period was measured."
                : "The posts of the period with the most interactions, as last measured.",
                List.of("Published", "Account", "Text", "Likes", "Replies", "Shares", "Interactions", "Link"), rows,
                ReportSection.NONE);
    }

    private static ReportSection bestTimes(PeriodData data) {
        long[][] sums = new long[7][24];
        int[][] counts = new int[7][24];
        for (PostFigures post : data.posts) {
            Long e = data.engagementsOf(post);
            if (e == null) {
                continue;
            }
            ZonedDateTime local = post.publishedAt().atZone(data.zone);
            int day = local.getDayOfWeek().getValue() - 1;
            sums[day][local.getHour()] += e;
            counts[day][local.getHour()]++;
        }
        List<String> columns = new ArrayList<>();
        columns.add("Weekday");
        for (int h = 0; h < 24; h++) {
            columns.add(String.format(Locale.ROOT, "%02d", h));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            List<Object> row = new ArrayList<>();
            row.add(day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            for (int h = 0; h < 24; h++) {
                int n = counts[day.getValue() - 1][h];
                row.add(n == 0 ? null : round(BigDecimal.valueOf(sums[day.getValue() - 1][h])
                        .divide(BigDecimal.valueOf(n), 4, RoundingMode.HALF_EVEN)));
            }
            rows.add(row);
        }
        return new ReportSection("Best publishing times", "Mean interactions of the posts published at each hour, in "
                + data.zone.getId() + "; empty: no post then.", columns, rows, ReportSection.HEATMAP);
    }

    private static ReportSection sentiment(PeriodData data) {
        Map<LocalDate, SentimentDay> byDay = new TreeMap<>();
        data.sentiment.forEach(s -> byDay.put(s.day(), s));
        List<List<Object>> rows = new ArrayList<>();
        for (LocalDate d = data.from; d.isBefore(data.to); d = d.plusDays(1)) {
            SentimentDay s = byDay.get(d);
            rows.add(Arrays.asList(d, s == null ? 0L : s.positive(), s == null ? 0L : s.neutral(),
                    s == null ? 0L : s.negative()));
        }
        return new ReportSection("Sentiment", "Mentions published each day, by the sentiment the enrichers found.",
                List.of("Day", "Positive", "Neutral", "Negative"), rows, ReportSection.LINE);
    }

    private static ReportSection shareOfVoice(PeriodData current, PeriodData previous) {
        List<String> columns = List.of("Voice", "This period", "Previous period");
        KpiResult share = current.shareOfVoice();
        if (!current.voicesMarked()) {
            return new ReportSection("Share of voice", "Not computable: " + ((KpiResult.NotComputable) share).detail()
                    + ". Mark listening queries as the brand and as competitors in Listening.", columns, List.of(),
                    ReportSection.BAR);
        }
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList("Brand (" + String.join(", ", current.voices.brandQueries()) + ")",
                current.voices.brand(), previous.voices.brand()));
        List<Map.Entry<String, Long>> competitors = new ArrayList<>(current.voices.competitors().entrySet());
        competitors.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Long> competitor : competitors) {
            rows.add(Arrays.asList(competitor.getKey(), competitor.getValue(),
                    previous.voices.competitors().get(competitor.getKey())));
        }
        String figure = share instanceof KpiResult.Value v ? "the brand's share is " + round(v.amount()).toPlainString()
                + " % of " + v.basis() + " mentions" : ((KpiResult.NotComputable) share).detail();
        return new ReportSection("Share of voice", "Mentions published in the period that the queries marked as the"
                + " brand and as competitors matched; " + figure + ".", columns, rows, ReportSection.BAR);
    }

    private static ReportSection inbox(PeriodData data, Instant now) {
        long answered = data.inbox.stream().filter(i -> i.firstResponseAt() != null).count();
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList("Items received", (Object) (long) data.inbox.size(), "count", null));
        rows.add(Arrays.asList("Items answered", (Object) answered, "count", null));
        for (Kpi kpi : List.of(Kpi.FIRST_RESPONSE_MEDIAN, Kpi.FIRST_RESPONSE_P90, Kpi.ANSWERED_WITHIN_TARGET)) {
            KpiResult result = data.kpi(kpi, null, now);
            rows.add(Arrays.asList(label(kpi), figure(result), kpi.unit().name().toLowerCase(Locale.ROOT),
                    result instanceof KpiResult.NotComputable n ? n.detail() : null));
        }
        return new ReportSection("Inbox", "Items that arrived in the period; response times in seconds.",
                List.of("Indicator", "Value", "Unit", "Note"), rows, ReportSection.NONE);
    }
}
