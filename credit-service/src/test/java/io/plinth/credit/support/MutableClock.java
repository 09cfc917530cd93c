package io.plinth.credit.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests can pin and move; unpinned it follows the system clock. */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> pinned = new AtomicReference<>();

    public void pin(Instant instant) {
        pinned.set(instant);
    }

    public void advance(Duration duration) {
        pinned.updateAndGet(current -> (current == null ? Instant.now() : current).plus(duration));
    }

    public void reset() {
        pinned.set(null);
    }

    @Override
    public Instant instant() {
        Instant at = pinned.get();
        return at == null ? Instant.now() : at;
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
