/**
 * Alert detectors, pure functions of counts: a volume spike against the same hour of
 * the week ({@link io.atelier.monitoring.internal.alert.SpikeDetector}), a surge in
 * the share of negative mentions ({@link io.atelier.monitoring.internal.alert.NegativeSurge}),
 * and the cool-down that keeps one cause from alerting again and again
 * ({@link io.atelier.monitoring.internal.alert.CoolDown}). The statistics are in
 * {@link io.atelier.monitoring.internal.alert.Poisson}.
 */
package io.atelier.monitoring.internal.alert;
