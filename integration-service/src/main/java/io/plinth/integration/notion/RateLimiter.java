package io.plinth.integration.notion;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A client-side limit of {@code permits} calls in any {@code window}, per key (a Notion integration token), by
 * reservation: each caller is handed the moment its call may start, no earlier than the call {@code permits} places
 * before it plus the window, and no earlier than a {@code Retry-After} the provider asked for. Callers wait without
 * blocking a thread (they delay a Mono by what {@link #reserve} returns). One instance per process; several
 * replicas would share the provider's budget and need a shared limiter.
 */
final class RateLimiter {

    private final int permits;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(int permits, Duration window) {
        this(permits, window, System::nanoTime);
    }

    RateLimiter(int permits, Duration window, LongSupplier nanoTime) {
        if (permits < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs at least one call per positive window");
        }
        this.permits = permits;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    private final class Window {
        private final long[] starts = new long[permits];
        private int next;
        private long blockedUntil;

        Window(long now) {
            java.util.Arrays.fill(starts, now - windowNanos);
            blockedUntil = now;
        }
    }

    /** Reserves the next slot for {@code key}; returns how long the caller must wait before its call starts. */
    Duration reserve(String key) {
        long now = nanoTime.getAsLong();
        Window w = windows.computeIfAbsent(key, k -> new Window(now));
        synchronized (w) {
            long start = Math.max(now, Math.max(w.starts[w.next] + windowNanos, w.blockedUntil));
            w.starts[w.next] = start;
            w.next = (w.next + 1) % permits;
            return Duration.ofNanos(start - now);
        }
    }

    /** The provider said to wait ({@code Retry-After}): no call for {@code key} starts before then. */
    void pause(String key, Duration wait) {
        long now = nanoTime.getAsLong();
        Window w = windows.computeIfAbsent(key, k -> new Window(now));
        synchronized (w) {
            w.blockedUntil = Math.max(w.blockedUntil, now + wait.toNanos());
        }
    }
}
