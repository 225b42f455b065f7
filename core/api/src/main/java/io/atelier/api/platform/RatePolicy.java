package io.atelier.api.platform;

/**
 * How hard the core may drive a network. The dispatcher never exceeds these,
 * whatever the number of due posts. Where an account's limits bind (an
 * {@code accountConcurrency} of 1, or an {@code accountPerMinute}), each account
 * is published by one node at a time, so they hold whatever the number of nodes;
 * otherwise each node applies {@code accountConcurrency} on its own.
 *
 * @param platformConcurrency most calls in flight to the network at once, per node
 * @param accountConcurrency  most calls in flight for one account at once
 * @param accountPerMinute    most publishes per account per minute; 0 for no limit
 */
public record RatePolicy(int platformConcurrency, int accountConcurrency, int accountPerMinute) {

    /** A cautious default: 8 calls at once, one per account, no per-minute limit. */
    public static final RatePolicy DEFAULT = new RatePolicy(8, 1, 0);

    public RatePolicy {
        if (platformConcurrency < 1 || accountConcurrency < 1 || accountPerMinute < 0) {
            throw new IllegalArgumentException("concurrency must be at least 1 and the rate not negative");
        }
    }
}
