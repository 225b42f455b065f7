package io.atelier.monitoring.internal.alert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The detectors on synthetic series: a strong weekly rhythm with Poisson noise (busy
 * weekday mornings, quiet nights and weekends) never alerts by itself; a burst of 5
 * times the usual volume in one hour does; a cool-down keeps a crisis from alerting
 * every hour.
 */
class AlertDetectorsTest {

    static final int WEEKS = 8;

    /** Mentions expected at each hour of the week (0 = Monday 00:00). */
    static double rhythm(int hourOfWeek) {
        int day = hourOfWeek / 24;
        int hour = hourOfWeek % 24;
        boolean weekend = day >= 5;
        if (hour < 7) {
            return 0.5;
        }
        if (weekend) {
            return 4;
        }
        if (day == 0 && hour == 9) {
            return 80; // the Monday-morning newsletter
        }
        return hour >= 9 && hour < 18 ? 30 : 8;
    }

    static int[] series(long seed, double scale) {
        Random random = new Random(seed);
        int[] hourly = new int[WEEKS * SpikeDetector.WEEK];
        for (int h = 0; h < hourly.length; h++) {
            hourly[h] = poisson(random, scale * rhythm(h % SpikeDetector.WEEK));
        }
        return hourly;
    }

    /** A Poisson draw (Knuth's method; the rates here are small). */
    static int poisson(Random random, double lambda) {
        double limit = Math.exp(-lambda);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    /** The spikes found after the baseline weeks. */
    static int spikesAfterBaseline(SpikeDetector detector, int[] hourly) {
        int found = 0;
        for (int h = detector.weeks() * SpikeDetector.WEEK; h < hourly.length; h++) {
            if (detector.check(hourly, h).isPresent()) {
                found++;
            }
        }
        return found;
    }

    @Test
    void aWeeklyRhythmWithItsNoiseNeverAlerts() {
        int checked = 0;
        for (long seed = 1; seed <= 30; seed++) {
            int[] hourly = series(seed, 1);
            assertEquals(0, spikesAfterBaseline(SpikeDetector.DEFAULT, hourly), "seed " + seed);
            checked += hourly.length - 4 * SpikeDetector.WEEK;
        }
        assertEquals(30 * 4 * SpikeDetector.WEEK, checked);
    }

    @Test
    void theSameRhythmWithoutTheSameHourBaselineWouldAlert() {
        // What the same-hour-of-week baseline buys: against the previous hour instead, Monday 9:00 looks like a spike.
        int[] hourly = series(3, 1);
        int monday9 = 5 * SpikeDetector.WEEK + 9;
        double previousHour = hourly[monday9 - 1];
        assertTrue(hourly[monday9] >= 3 * previousHour, hourly[monday9] + " vs " + previousHour);
        assertTrue(SpikeDetector.DEFAULT.check(hourly, monday9).isEmpty());
    }

    @Test
    void aFiveFoldBurstWithinOneHourAlerts() {
        for (long seed = 1; seed <= 30; seed++) {
            int[] hourly = series(seed, 1);
            int tuesday14 = 6 * SpikeDetector.WEEK + 24 + 14; // usually 30
            int thursday20 = 6 * SpikeDetector.WEEK + 3 * 24 + 20; // usually 8
            hourly[tuesday14] = (int) (5 * rhythm(24 + 14));
            hourly[thursday20] = (int) (5 * rhythm(3 * 24 + 20));
            assertArrayEquals(new int[] {tuesday14, thursday20},
                    java.util.Arrays.stream(SpikeDetector.DEFAULT.spikes(hourly))
                            .filter(h -> h >= 4 * SpikeDetector.WEEK).toArray(), "seed " + seed);
            SpikeDetector.Spike spike = SpikeDetector.DEFAULT.check(hourly, tuesday14).orElseThrow();
            assertEquals(150, spike.count());
            assertTrue(spike.ratio() > 4 && spike.ratio() < 6.5, "about 5 times: " + spike.ratio());
        }
    }

    @Test
    void aBurstTooSmallToMeanAnythingDoesNotAlert() {
        int[] hourly = series(5, 1);
        int night = 6 * SpikeDetector.WEEK + 3; // usually 0.5 an hour
        hourly[night] = 8; // 16 times the usual, but 8 mentions at 3 a.m. are no crisis
        assertTrue(SpikeDetector.DEFAULT.check(hourly, night).isEmpty());
        hourly[night] = 12;
        assertTrue(SpikeDetector.DEFAULT.check(hourly, night).isPresent(), "from minCount on, it is");
    }

    @Test
    void aCoolDownAnnouncesACrisisOnce() {
        int[] hourly = series(7, 1);
        int start = 6 * SpikeDetector.WEEK + 2 * 24 + 10; // Wednesday 10:00, usually 30
        for (int h = start; h < start + 8; h++) {
            hourly[h] = 200; // a crisis lasting eight hours
        }
        CoolDown coolDown = new CoolDown(Duration.ofHours(6));
        Instant t0 = Instant.parse("2030-01-01T10:00:00Z");
        Instant last = null;
        int alerts = 0;
        for (int h = start; h < start + 8; h++) {
            Instant now = t0.plus(Duration.ofHours(h - start));
            if (SpikeDetector.DEFAULT.check(hourly, h).isPresent() && coolDown.allows(last, now)) {
                last = now;
                alerts++;
            }
        }
        assertEquals(2, alerts, "at the start, then again once the six hours have passed");
        assertTrue(coolDown.allows(null, t0), "a rule that never alerted may");
        assertFalse(coolDown.allows(t0, t0.plus(Duration.ofHours(6)).minusSeconds(1)));
        assertTrue(coolDown.allows(t0, t0.plus(Duration.ofHours(6))), "the period is over");
    }

    @Test
    void theNegativeShareSurgesOnlyWhenItIsBothLargeAndSignificant() {
        NegativeSurge surge = NegativeSurge.DEFAULT;
        // Usually 10 % negative; the last hours: 25 of 60.
        NegativeSurge.Surge found = surge.check(25, 60, 100, 1000).orElseThrow();
        assertEquals(25.0 / 60, found.share(), 1e-12);
        assertEquals(0.1, found.baselineShare(), 1e-12);
        assertTrue(found.z() > 4, "z = " + found.z());
        assertTrue(surge.check(8, 10, 100, 1000).isEmpty(), "8 angry mentions are not a bad buzz");
        assertTrue(surge.check(36, 300, 100, 1000).isEmpty(), "12 % instead of 10 % is a trickle, not news");
        assertTrue(surge.check(12, 40, 25, 100).isEmpty(), "30 % against 25 %: too small a rise");
        assertTrue(surge.check(0, 0, 0, 0).isEmpty(), "no mentions, no alert");
    }

    @Test
    void thePoissonTailMatchesADirectSum() {
        for (double lambda : new double[] {0.5, 1, 2, 7.5, 30, 80}) {
            for (int k = 0; k <= 200; k += 3) {
                double direct = 0;
                double term = Math.exp(-lambda); // P(X = 0)
                for (int j = 0; j < 400; j++) {
                    if (j >= k) {
                        direct += term;
                    }
                    term = term * lambda / (j + 1);
                }
                double tail = Poisson.upperTail(k, lambda);
                double tolerance = Math.max(1e-300, Math.abs(direct) * 1e-9);
                assertEquals(direct, tail, tolerance, "k=" + k + " lambda=" + lambda);
            }
        }
        assertEquals(1 - Math.exp(-3), Poisson.upperTail(1, 3), 1e-15);
        assertEquals(1.0, Poisson.upperTail(10, 5_000), 1e-12, "far below a large mean");
    }
}
