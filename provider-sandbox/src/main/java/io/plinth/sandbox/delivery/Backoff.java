package io.plinth.sandbox.delivery;

import java.time.Duration;

/** Exponential back-off between delivery attempts: initial, doubled per failed attempt, capped. */
record Backoff(Duration initial, Duration max) {

    /** The wait after failed attempt number {@code attempt} (1-based). */
    Duration after(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long millis = initial.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
