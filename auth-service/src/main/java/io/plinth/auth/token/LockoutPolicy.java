package io.plinth.auth.token;

import java.time.Duration;

/**
 * Growing delays after repeated failures: below the threshold nothing happens; at the threshold the
 * key is locked for the base delay, and every further failure doubles it, up to the maximum.
 */
public record LockoutPolicy(int threshold, Duration baseDelay, Duration maxDelay) {

    public Duration lockAfter(int failures) {
        if (failures < threshold) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - threshold, 30);
        Duration delay = baseDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
