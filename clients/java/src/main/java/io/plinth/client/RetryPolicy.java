package io.plinth.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How many times a call is sent at most and how long to wait in between: the platform's
 * {@code Retry-After} when it gave one, else exponential backoff with jitter. A {@code Retry-After}
 * longer than {@code maxWait} is not waited for: the caller gets the exception and decides.
 */
record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxWait) {

    static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5),
            Duration.ofSeconds(30));

    RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Checks.positive(initialBackoff, "initialBackoff");
        Checks.positive(maxBackoff, "maxBackoff");
        Checks.positive(maxWait, "maxWait");
    }

    /**
     * The wait before attempt {@code attempt + 1}, or null when the call must not be sent again.
     *
     * @param attempt    the attempt that just failed, from 1
     * @param retryAfter what the platform asked for, or null
     */
    Duration delayAfter(int attempt, Duration retryAfter) {
        if (attempt >= maxAttempts) {
            return null;
        }
        if (retryAfter != null) {
            return retryAfter.compareTo(maxWait) > 0 ? null : retryAfter;
        }
        long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
        // "Equal jitter": at least half the backoff, so clients that failed together spread out but still back off.
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }
}
