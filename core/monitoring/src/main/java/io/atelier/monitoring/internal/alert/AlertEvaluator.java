package io.atelier.monitoring.internal.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.atelier.monitoring.internal.alert.NegativeSurge.Surge;
import io.atelier.monitoring.internal.alert.SpikeDetector.Spike;
import io.atelier.store.AlertRepository;
import io.atelier.store.AlertRepository.Clock;
import io.atelier.store.AlertRepository.NewAlert;
import io.atelier.store.AlertRepository.Rule;
import io.atelier.store.AlertRepository.Sentiments;
import io.atelier.store.AlertRepository.Window;
import io.atelier.store.ListeningRepository;
import io.atelier.store.ListeningRepository.Query;

/**
 * Evaluates one alert rule at one instant, on the mentions in the store:
 * <ul>
 * <li>a <b>spike</b> compares the mentions published in the last hour with the same
 *     hour of the previous weeks ({@link SpikeDetector}); a scope with less than a week
 *     of history has no baseline and never spikes;</li>
 * <li>a <b>negative surge</b> compares the negative share of the last three hours with
 *     the week before them ({@link NegativeSurge});</li>
 * <li>a <b>keyword</b> rule alerts on the mentions matching its query that arrived
 *     since its last evaluation; during its cool-down they wait, and the next alert
 *     counts them all.</li>
 * </ul>
 * No rule alerts during its cool-down ({@link CoolDown}, from the rule's last alert
 * as the store keeps it).
 */
public final class AlertEvaluator {

    /** The period a spike is about. */
    public static final Duration HOUR = Duration.ofHours(1);
    /** The distance between an hour and its baseline hours. */
    public static final Duration WEEK = Duration.ofDays(7);
    /** The period a negative surge is about, and its baseline before it. */
    public static final Duration SURGE_WINDOW = Duration.ofHours(3);
    public static final Duration SURGE_BASELINE = Duration.ofDays(7);
    /**
     * Mentions received in the last seconds may belong to a poll whose transaction is not
     * committed yet: a keyword rule counts up to this long ago, and takes them next time.
     */
    public static final Duration SETTLE = Duration.ofSeconds(10);
    /** How many mentions an alert shows. */
    public static final int EVIDENCE = 20;

    private final AlertRepository alerts;
    private final ListeningRepository listening;
    private final SpikeDetector spikes;
    private final NegativeSurge surges;

    public AlertEvaluator(AlertRepository alerts, ListeningRepository listening, SpikeDetector spikes,
            NegativeSurge surges) {
        this.alerts = alerts;
        this.listening = listening;
        this.spikes = spikes;
        this.surges = surges;
    }

    /**
     * What an evaluation found.
     *
     * @param evaluatedUntil where the next evaluation of a keyword rule starts
     * @param raised         the alert to raise, or {@code null}
     */
    public record Outcome(Instant evaluatedUntil, NewAlert raised) {
    }

    /** Evaluates {@code rule} at {@code now}. */
    public Outcome evaluate(Rule rule, Instant now) {
        boolean cooling = !new CoolDown(rule.coolDown()).allows(rule.lastAlertAt(), now);
        return switch (rule.kind()) {
            case AlertRepository.KEYWORD -> keyword(rule, now, cooling);
            case AlertRepository.SPIKE -> new Outcome(now, cooling ? null : spike(rule, now).orElse(null));
            case AlertRepository.NEGATIVE_SURGE -> new Outcome(now, cooling ? null : surge(rule, now).orElse(null));
            default -> new Outcome(now, null);
        };
    }

    private Outcome keyword(Rule rule, Instant now, boolean cooling) {
        Instant end = now.minus(SETTLE);
        if (cooling || !end.isAfter(rule.evaluatedUntil())) {
            return new Outcome(rule.evaluatedUntil(), null);
        }
        Window window = new Window(rule.workspaceId(), rule.queryId(), Clock.RECEIVED, rule.evaluatedUntil(), end);
        int count = alerts.count(window);
        if (count == 0) {
            return new Outcome(end, null);
        }
        String scope = scope(rule);
        String title = count == 1 ? "A new mention matches " + scope
                : count + " new mentions match " + scope;
        String message = "Alert rule \"" + rule.name() + "\": " + plural(count, "mention") + " matching " + scope
                + " arrived since " + rule.evaluatedUntil() + ".";
        return new Outcome(end, new NewAlert(title, message, window.from(), window.to(),
                alerts.mentionIds(window, false, EVIDENCE)));
    }

    private Optional<NewAlert> spike(Rule rule, Instant now) {
        Window hour = new Window(rule.workspaceId(), rule.queryId(), Clock.PUBLISHED, now.minus(HOUR), now);
        int count = alerts.count(hour);
        if (count < spikes.minCount()) {
            return Optional.empty();
        }
        Optional<Instant> first = alerts.firstMention(rule.workspaceId(), rule.queryId());
        long history = first.map(f -> Duration.between(f, hour.from()).toDays() / 7).orElse(0L);
        int weeks = (int) Math.min(spikes.weeks(), Math.max(0, history));
        int[] previous = new int[weeks];
        for (int week = 1; week <= weeks; week++) {
            Duration back = WEEK.multipliedBy(week);
            previous[week - 1] = alerts.count(new Window(rule.workspaceId(), rule.queryId(), Clock.PUBLISHED,
                    hour.from().minus(back), hour.to().minus(back)));
        }
        Optional<Spike> spike = spikes.check(count, previous);
        if (spike.isEmpty()) {
            return Optional.empty();
        }
        Spike found = spike.get();
        String scope = scope(rule);
        String title = "Spike on " + scope + ": " + count + " mentions in the last hour, usually "
                + format(found.baseline());
        String message = "Alert rule \"" + rule.name() + "\": " + count + " mentions of " + scope + " were published"
                + " in the hour to " + now + ", " + format(found.ratio()) + " times the same hour of the last "
                + plural(weeks, "week") + " (" + format(found.baseline()) + " on average). So many by chance: p = "
                + String.format(Locale.ROOT, "%.1e", found.pValue()) + ".";
        return Optional.of(new NewAlert(title, message, hour.from(), hour.to(),
                alerts.mentionIds(hour, false, EVIDENCE)));
    }

    private Optional<NewAlert> surge(Rule rule, Instant now) {
        Window recent = new Window(rule.workspaceId(), rule.queryId(), Clock.PUBLISHED, now.minus(SURGE_WINDOW), now);
        Sentiments window = alerts.sentiments(recent);
        if (window.negative() < surges.minNegative()) {
            return Optional.empty();
        }
        Sentiments baseline = alerts.sentiments(new Window(rule.workspaceId(), rule.queryId(), Clock.PUBLISHED,
                recent.from().minus(SURGE_BASELINE), recent.from()));
        Optional<Surge> surge = surges.check(window.negative(), window.total(), baseline.negative(),
                baseline.total());
        if (surge.isEmpty()) {
            return Optional.empty();
        }
        Surge found = surge.get();
        String scope = scope(rule);
        String title = "Bad buzz on " + scope + ": " + percent(found.share()) + " negative in the last 3 hours,"
                + " usually " + percent(found.baselineShare());
        String message = "Alert rule \"" + rule.name() + "\": " + window.negative() + " of " + window.total()
                + " mentions of " + scope + " with a sentiment were negative in the 3 hours to " + now + ", against "
                + baseline.negative() + " of " + baseline.total() + " in the week before (z = "
                + format(found.z()) + ").";
        return Optional.of(new NewAlert(title, message, recent.from(), recent.to(),
                alerts.mentionIds(recent, true, EVIDENCE)));
    }

    /** The rule's scope for people: the query's name in quotes, or the workspace. */
    private String scope(Rule rule) {
        if (rule.queryId() == null) {
            return "the workspace";
        }
        return listening.query(rule.workspaceId(), rule.queryId()).map(Query::name).map(n -> "\"" + n + "\"")
                .orElse("a removed query");
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String percent(double share) {
        return Math.round(share * 100) + " %";
    }
}
