package io.atelier.reporting.kpi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The engagement rates of a set of posts: by reach, by impressions and by followers
 * at posting time. Each is computed per post and averaged over the posts that have
 * what the formula needs, so that every post weighs the same whatever its audience.
 *
 * <p>Engagements are likes + replies + shares + quotes + saves + clicks, each counted
 * where the network reports it. A post is left out of a rate (and counted in
 * {@link KpiResult.Value#excluded()}) when its denominator is not reported or is zero,
 * or when none of its engagement counters is reported.
 */
public final class EngagementRates {

    private EngagementRates() {
    }

    /**
     * The engagements of one post: the sum of the engagement counters its network
     * reports, or empty when it reports none of them.
     */
    public static OptionalLong engagements(PostStats post) {
        long sum = 0;
        boolean any = false;
        for (OptionalLong c : List.of(post.likes(), post.replies(), post.shares(), post.quotes(), post.saves(),
                post.clicks())) {
            if (c.isPresent()) {
                sum = Math.addExact(sum, c.getAsLong());
                any = true;
            }
        }
        return any ? OptionalLong.of(sum) : OptionalLong.empty();
    }

    /** Mean over posts of engagements / reach × 100. */
    public static KpiResult byReach(Collection<PostStats> posts) {
        return averaged(Kpi.ENGAGEMENT_RATE_BY_REACH, posts, PostStats::reach, "reach",
                KpiResult.Reason.NOT_REPORTED, "without reach (not reported)");
    }

    /** Mean over posts of engagements / impressions × 100. */
    public static KpiResult byImpressions(Collection<PostStats> posts) {
        return averaged(Kpi.ENGAGEMENT_RATE_BY_IMPRESSIONS, posts, PostStats::impressions, "impressions",
                KpiResult.Reason.NOT_REPORTED, "without impressions (not reported)");
    }

    /**
     * Mean over posts of engagements / followers at posting time × 100, the followers
     * being the last count of {@code followers} read at or before each post's
     * publication. All posts must belong to the account {@code followers} describes.
     */
    public static KpiResult byFollowers(Collection<PostStats> posts, FollowerHistory followers) {
        return averaged(Kpi.ENGAGEMENT_RATE_BY_FOLLOWERS, posts,
                p -> followers.asOf(p.publishedAt()).map(c -> OptionalLong.of(c.followers()))
                        .orElse(OptionalLong.empty()),
                "followers", KpiResult.Reason.NO_DATA, "published before the first follower count");
    }

    /**
     * {@link #byFollowers} over several accounts: each account's posts against its own
     * follower history, the rates averaged over all posts (each post weighs the same,
     * as in a single account). Accounts without a history have all their posts left out.
     *
     * @param posts     posts by account id
     * @param followers follower histories by account id
     */
    public static KpiResult byFollowers(Map<String, ? extends Collection<PostStats>> posts,
            Map<String, FollowerHistory> followers) {
        List<PostStats> all = new ArrayList<>();
        List<BigDecimal> sums = new ArrayList<>();
        long basis = 0;
        long excluded = 0;
        KpiResult firstMissing = null;
        for (Map.Entry<String, ? extends Collection<PostStats>> entry : posts.entrySet()) {
            all.addAll(entry.getValue());
            KpiResult result = byFollowers(entry.getValue(),
                    followers.getOrDefault(entry.getKey(), new FollowerHistory(List.of())));
            if (result instanceof KpiResult.Value v) {
                sums.add(v.amount().multiply(BigDecimal.valueOf(v.basis())));
                basis += v.basis();
                excluded += v.excluded();
            } else {
                excluded += entry.getValue().size();
                firstMissing = firstMissing == null ? result : firstMissing;
            }
        }
        if (basis == 0) {
            return firstMissing == null || all.isEmpty()
                    ? new KpiResult.NotComputable(Kpi.ENGAGEMENT_RATE_BY_FOLLOWERS, KpiResult.Reason.NO_DATA,
                            "no post in the period")
                    : firstMissing;
        }
        BigDecimal total = sums.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return new KpiResult.Value(Kpi.ENGAGEMENT_RATE_BY_FOLLOWERS,
                total.divide(BigDecimal.valueOf(basis), Decimals.CONTEXT), basis, excluded);
    }

    private static KpiResult averaged(Kpi kpi, Collection<PostStats> posts, Function<PostStats, OptionalLong> denominator,
            String denominatorName, KpiResult.Reason whenMissing, String missingText) {
        if (posts.isEmpty()) {
            return new KpiResult.NotComputable(kpi, KpiResult.Reason.NO_DATA, "no post in the period");
        }
        List<BigDecimal> rates = new ArrayList<>(posts.size());
        long missing = 0;
        long zero = 0;
        long noEngagement = 0;
        for (PostStats post : posts) {
            OptionalLong d = denominator.apply(post);
            OptionalLong e = engagements(post);
            if (d.isEmpty()) {
                missing++;
            } else if (d.getAsLong() == 0) {
                zero++;
            } else if (e.isEmpty()) {
                noEngagement++;
            } else {
                rates.add(Decimals.percent(e.getAsLong(), d.getAsLong()));
            }
        }
        if (!rates.isEmpty()) {
            return new KpiResult.Value(kpi, Decimals.mean(rates), rates.size(), posts.size() - rates.size());
        }
        List<String> why = new ArrayList<>();
        if (zero > 0) {
            why.add(denominatorName + " is 0 for " + Decimals.plural(zero, "post"));
        }
        if (missing > 0) {
            why.add(Decimals.plural(missing, "post") + " " + missingText);
        }
        if (noEngagement > 0) {
            why.add(Decimals.plural(noEngagement, "post") + " without any engagement counter");
        }
        KpiResult.Reason reason = zero > 0 ? KpiResult.Reason.ZERO_DENOMINATOR
                : missing > 0 ? whenMissing : KpiResult.Reason.NOT_REPORTED;
        return new KpiResult.NotComputable(kpi, reason, String.join("; ", why));
    }
}
