package io.atelier.reporting.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.atelier.api.platform.PostMetrics;
import io.atelier.api.workspace.Account;
import io.atelier.reporting.kpi.AudienceGrowth;
import io.atelier.reporting.kpi.EngagementRates;
import io.atelier.reporting.kpi.FollowerCount;
import io.atelier.reporting.kpi.FollowerHistory;
import io.atelier.reporting.kpi.InboxItem;
import io.atelier.reporting.kpi.InboxResponse;
import io.atelier.reporting.kpi.Kpi;
import io.atelier.reporting.kpi.KpiResult;
import io.atelier.reporting.kpi.NetSentiment;
import io.atelier.reporting.kpi.PostStats;
import io.atelier.reporting.kpi.ReportPeriod;
import io.atelier.reporting.kpi.SentimentCounts;
import io.atelier.reporting.kpi.ShareOfVoice;
import io.atelier.reporting.kpi.VoiceCounts;
import io.atelier.store.MetricsRepository;
import io.atelier.store.MetricsRepository.Daily;
import io.atelier.store.MetricsRepository.PostFigures;
import io.atelier.store.ReportRepository;
import io.atelier.store.ReportRepository.InboxTiming;
import io.atelier.store.ReportRepository.SentimentDay;
import io.atelier.store.ReportRepository.Voices;

/**
 * What the KPIs of one period rest on, read from the store once: the posts
 * published in it with their counters, the follower counts of each account (from
 * a quarter before the period, so the count as of its start is known), the inbox
 * items that arrived in it, the mentions by sentiment and those of the brand and
 * its competitors. {@link #kpi} computes any KPI from it with the formulas of
 * {@code io.atelier.reporting.kpi}.
 */
final class PeriodData {

    /** How far before a period follower counts are read, to know the count as of its start. */
    static final int FOLLOWER_LOOKBACK_DAYS = 92;
    static final String FOLLOWERS = "followers";
    /** The response time an inbox item should be answered within when nothing else is said. */
    static final Duration DEFAULT_RESPONSE_TARGET = Duration.ofHours(2);

    final LocalDate from;
    final LocalDate to;
    final ZoneId zone;
    final ReportPeriod period;
    final List<PostFigures> posts;
    /** Each post's figures as the KPI formulas take them, and their engagements, computed once. */
    private final List<PostStats> stats;
    private final Map<PostFigures, Long> engagements;
    final List<Daily> days;
    final Map<String, FollowerHistory> followers;
    final List<InboxTiming> inbox;
    final List<SentimentDay> sentiment;
    final Voices voices;

    private PeriodData(LocalDate from, LocalDate to, ZoneId zone, List<PostFigures> posts, List<Daily> days,
            Map<String, FollowerHistory> followers, List<InboxTiming> inbox, List<SentimentDay> sentiment,
            Voices voices) {
        this.from = from;
        this.to = to;
        this.zone = zone;
        this.period = new ReportPeriod(from.atStartOfDay(zone).toInstant(), to.atStartOfDay(zone).toInstant());
        this.posts = posts;
        this.stats = new ArrayList<>(posts.size());
        this.engagements = new IdentityHashMap<>(posts.size());
        for (PostFigures post : posts) {
            PostStats stat = stats(post);
            stats.add(stat);
            var sum = EngagementRates.engagements(stat);
            engagements.put(post, sum.isPresent() ? sum.getAsLong() : null);
        }
        this.days = days;
        this.followers = followers;
        this.inbox = inbox;
        this.sentiment = sentiment;
        this.voices = voices;
    }

    /**
     * Reads the period {@code [from, to)} of the workspace's accounts that {@code accounts}
     * keeps (all of them, one network, one account).
     *
     * @param texts whether the posts' texts and links are read (only lists of posts show them)
     */
    static PeriodData load(MetricsRepository metrics, ReportRepository reports, String workspaceId, ZoneId zone,
            LocalDate from, LocalDate to, Predicate<String> accounts, boolean texts) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.atStartOfDay(zone).toInstant();
        List<PostFigures> read = texts ? metrics.posts(workspaceId, start, end)
                : metrics.postCounters(workspaceId, start, end);
        List<PostFigures> posts = read.stream().filter(p -> accounts.test(p.accountId())).toList();
        List<Daily> withLookback = metrics.daily(workspaceId, from.minusDays(FOLLOWER_LOOKBACK_DAYS), to).stream()
                .filter(d -> accounts.test(d.accountId())).toList();
        Map<String, List<FollowerCount>> counts = new TreeMap<>();
        List<Daily> days = new ArrayList<>();
        for (Daily day : withLookback) {
            if (FOLLOWERS.equals(day.metric()) && day.closing() != null) {
                // A day's closing count stands as of the end of that day.
                counts.computeIfAbsent(day.accountId(), k -> new ArrayList<>()).add(
                        new FollowerCount(day.day().plusDays(1).atStartOfDay(zone).toInstant(), day.closing()));
            }
            if (!day.day().isBefore(from)) {
                days.add(day);
            }
        }
        Map<String, FollowerHistory> followers = new LinkedHashMap<>();
        counts.forEach((account, list) -> followers.put(account, new FollowerHistory(list)));
        return new PeriodData(from, to, zone, posts, days, followers, reports.inboxTimings(workspaceId, start, end),
                reports.sentimentByDay(workspaceId, start, end, zone), reports.voices(workspaceId, start, end));
    }

    /**
     * The same period narrowed to the accounts {@code accounts} keeps, without reading
     * the store again. Inbox items and mentions (sentiment, share of voice) are the
     * workspace's, as in {@link #load}.
     */
    PeriodData restrict(Predicate<String> accounts) {
        Map<String, FollowerHistory> kept = new LinkedHashMap<>();
        followers.forEach((account, history) -> {
            if (accounts.test(account)) {
                kept.put(account, history);
            }
        });
        return new PeriodData(from, to, zone, posts.stream().filter(p -> accounts.test(p.accountId())).toList(),
                days.stream().filter(d -> accounts.test(d.accountId())).toList(), kept, inbox, sentiment, voices);
    }

    /** The posts as the KPI formulas take them. */
    List<PostStats> postStats() {
        return stats;
    }

    /** The engagements of one of this period's posts, or {@code null} when it reports none. */
    Long engagementsOf(PostFigures post) {
        return engagements.containsKey(post) ? engagements.get(post) : engagements(post);
    }

    static PostStats stats(PostFigures post) {
        String id = post.postId() != null ? post.postId() : post.remoteId();
        Instant measured = post.measuredAt() != null ? post.measuredAt() : post.publishedAt();
        return PostStats.from(id, post.publishedAt(), new PostMetrics(post.remoteId(), measured, post.values()));
    }

    /** The sum of a post's engagement counters, or {@code null} when it reports none. */
    static Long engagements(PostFigures post) {
        var sum = EngagementRates.engagements(stats(post));
        return sum.isPresent() ? sum.getAsLong() : null;
    }

    SentimentCounts sentimentCounts() {
        long positive = 0;
        long neutral = 0;
        long negative = 0;
        long unrated = 0;
        for (SentimentDay day : sentiment) {
            positive += day.positive();
            neutral += day.neutral();
            negative += day.negative();
            unrated += day.unrated();
        }
        return new SentimentCounts(positive, neutral, negative, unrated);
    }

    /** The share of voice, once the listening queries say which count the brand and which its competitors. */
    KpiResult shareOfVoice() {
        if (!voicesMarked()) {
            return new KpiResult.NotComputable(Kpi.SHARE_OF_VOICE, KpiResult.Reason.NO_DATA,
                    voices.brandQueries().isEmpty() ? "no listening query is marked as the brand"
                            : "no listening query is marked as a competitor");
        }
        return ShareOfVoice.of(new VoiceCounts(voices.brand(), voices.competitors()));
    }

    /** Whether the workspace's queries say which count the brand and which at least one competitor. */
    boolean voicesMarked() {
        return !voices.brandQueries().isEmpty() && !voices.competitors().isEmpty();
    }

    List<InboxItem> inboxItems() {
        return inbox.stream().map(i -> new InboxItem(i.itemId(), i.createdAt(), i.firstResponseAt())).toList();
    }

    /**
     * The KPI over the period.
     *
     * @param within the response target of inbox KPIs, or {@code null} for {@link #DEFAULT_RESPONSE_TARGET}
     * @param asOf   when the figures are read (an inbox item still pending then is left out)
     */
    KpiResult kpi(Kpi kpi, Duration within, Instant asOf) {
        Duration target = within == null ? DEFAULT_RESPONSE_TARGET : within;
        Instant when = asOf.isBefore(period.to()) ? asOf : period.to();
        return switch (kpi) {
            case ENGAGEMENT_RATE_BY_REACH -> EngagementRates.byReach(postStats());
            case ENGAGEMENT_RATE_BY_IMPRESSIONS -> EngagementRates.byImpressions(postStats());
            case ENGAGEMENT_RATE_BY_FOLLOWERS -> {
                Map<String, List<PostStats>> byAccount = new HashMap<>();
                for (int i = 0; i < posts.size(); i++) {
                    byAccount.computeIfAbsent(posts.get(i).accountId(), k -> new ArrayList<>()).add(stats.get(i));
                }
                yield EngagementRates.byFollowers(byAccount, followers);
            }
            case AUDIENCE_GROWTH -> AudienceGrowth.combined(followers, period, false);
            case AUDIENCE_GROWTH_RATE -> AudienceGrowth.combined(followers, period, true);
            case FIRST_RESPONSE_MEDIAN -> InboxResponse.median(inboxItems(), target, when);
            case FIRST_RESPONSE_P90 -> InboxResponse.p90(inboxItems(), target, when);
            case ANSWERED_WITHIN_TARGET -> InboxResponse.answeredWithin(inboxItems(), target, when);
            case NET_SENTIMENT -> NetSentiment.of(sentimentCounts());
            case SHARE_OF_VOICE -> shareOfVoice();
        };
    }

    /** Whether {@code account} is kept by an objective's or report's scope. */
    static Predicate<String> scope(Map<String, Account> accounts, String platform, String accountId) {
        return id -> {
            Account account = accounts.get(id);
            return account != null && (platform == null || platform.equals(account.platform()))
                    && (accountId == null || accountId.equals(id));
        };
    }
}
