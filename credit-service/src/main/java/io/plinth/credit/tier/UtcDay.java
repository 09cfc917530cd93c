package io.plinth.credit.tier;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Daily limits count per UTC calendar day. */
public final class UtcDay {

    private UtcDay() {
    }

    public static LocalDate of(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Whole seconds until the next UTC midnight, at least 1 (for Retry-After). */
    public static long secondsUntilNextMidnight(Instant now) {
        Instant midnight = of(now).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        long seconds = Duration.between(now, midnight).toSeconds();
        // Round up so a client that waits Retry-After seconds lands on or after midnight.
        if (Duration.between(now, midnight).toNanosPart() > 0 || seconds == 0) {
            seconds++;
        }
        return Math.max(1, seconds);
    }
}
