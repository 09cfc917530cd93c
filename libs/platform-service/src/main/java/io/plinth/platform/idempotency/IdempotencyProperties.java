package io.plinth.platform.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code plinth.idempotency.*}.
 *
 * @param enabled        switch the filter off entirely (default true)
 * @param ttl            how long a key and its stored response live (default 24h, like Stripe)
 * @param lockTimeout    an in-progress claim older than this is considered abandoned (its process
 *                       died) and may be taken over; must exceed the slowest idempotent handler
 *                       (default 5m)
 * @param sweepInterval  how often expired keys are deleted (default 10m)
 * @param sweepBatchSize rows deleted per statement by the sweeper (default 1000)
 * @param batchSize      the most claims (or stored responses) written in one statement when requests
 *                       arrive together (group commit; default 64)
 * @param batchesInFlight how many such statements of each kind run at once per replica (default 1:
 *                       when the service is busy, one statement at a time gathers the most requests
 *                       into each one, which is what saves CPU on both sides; see bench/README.md)
 */
@ConfigurationProperties("plinth.idempotency")
public record IdempotencyProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("24h") Duration ttl,
        @DefaultValue("5m") Duration lockTimeout,
        @DefaultValue("10m") Duration sweepInterval,
        @DefaultValue("1000") int sweepBatchSize,
        @DefaultValue("64") int batchSize,
        @DefaultValue("1") int batchesInFlight) {

    public IdempotencyProperties {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("plinth.idempotency.ttl must be positive");
        }
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("plinth.idempotency.lock-timeout must be positive");
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("plinth.idempotency.sweep-interval must be positive");
        }
        if (sweepBatchSize <= 0) {
            throw new IllegalArgumentException("plinth.idempotency.sweep-batch-size must be positive");
        }
        if (batchSize <= 0 || batchesInFlight <= 0) {
            throw new IllegalArgumentException("plinth.idempotency.batch-size and batches-in-flight must be positive");
        }
    }
}
