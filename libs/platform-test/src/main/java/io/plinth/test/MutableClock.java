package io.plinth.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock tests can move, so expiry and day boundaries are tested without waiting. Unpinned it is
 * real time plus an offset ({@link #advance} pushes it forward and time keeps flowing); {@link #pin}
 * stops it at an instant, after which {@link #advance} moves that instant. {@link #reset} returns to
 * real time. Register it as the context's {@code @Primary Clock}.
 */
public final class MutableClock extends Clock {

    private record State(Instant pinned, Duration offset) {
    }

    private volatile State state = new State(null, Duration.ZERO);

    /** Stops the clock at {@code instant}. */
    public synchronized void pin(Instant instant) {
        state = new State(instant, Duration.ZERO);
    }

    /** Moves the clock forward: the pinned instant if pinned, otherwise the offset from real time. */
    public synchronized void advance(Duration by) {
        State now = state;
        state = now.pinned() != null ? new State(now.pinned().plus(by), Duration.ZERO)
                : new State(null, now.offset().plus(by));
    }

    /** Real time again. */
    public synchronized void reset() {
        state = new State(null, Duration.ZERO);
    }

    @Override
    public Instant instant() {
        State now = state;
        return now.pinned() != null ? now.pinned() : Instant.now().plus(now.offset());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
