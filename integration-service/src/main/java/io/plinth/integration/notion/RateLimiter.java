package io.plinth.integration.notion;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A client-side limit of {@code permits} calls per {@code window}, per key (a Notion integration token), that holds as
 * the provider sees the calls arrive, however late they leave or long they take: there are {@code permits} slots, a
 * call takes one, and the slot is free again only {@code window} after that call <em>finished</em>. Of any
 * {@code permits + 1} calls two shared a slot, so the later one started at least a window after the earlier one's
 * answer, hence arrived at least a window after it: no window ever sees more than {@code permits} arrivals. (Reserving
 * start times alone does not hold under load: calls reserved a window apart can leave late and arrive together.) A
 * {@code Retry-After} holds every call of the key back until then. Callers wait without blocking a thread. One
 * instance per process: several replicas would share the provider's budget and need a shared limiter.
 */
final class RateLimiter {

    private final int permits;
    private final long windowNanos;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

    RateLimiter(int permits, Duration window) {
        if (permits < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs at least one call per positive window");
        }
        this.permits = permits;
        this.windowNanos = window.toNanos();
    }

    /** Runs {@code call} for {@code key} when a slot is free, and frees the slot a window after it finished. */
    <T> Mono<T> run(String key, Supplier<Mono<T>> call) {
        Budget budget = budgets.computeIfAbsent(key, k -> new Budget());
        return Mono.<Long>create(budget::acquire)
                .flatMap(startAt -> Mono.delay(Duration.ofNanos(Math.max(0, startAt - System.nanoTime())))
                        .then(Mono.defer(call))
                        .doFinally(signal -> budget.release()));
    }

    /** The provider said to wait ({@code Retry-After}): no call for {@code key} starts before then. */
    void pause(String key, Duration wait) {
        budgets.computeIfAbsent(key, k -> new Budget()).pause(System.nanoTime() + wait.toNanos());
    }

    private final class Budget {
        /** When each free slot may be used again, oldest first (releases come in time order). */
        private final ArrayDeque<Long> free = new ArrayDeque<>();
        private final ArrayDeque<MonoSink<Long>> waiting = new ArrayDeque<>();
        private long blockedUntil = Long.MIN_VALUE;

        Budget() {
            long now = System.nanoTime();
            for (int i = 0; i < permits; i++) {
                free.add(now);
            }
        }

        synchronized void acquire(MonoSink<Long> sink) {
            Long slot = free.poll();
            if (slot != null) {
                sink.success(Math.max(slot, blockedUntil));
                return;
            }
            waiting.add(sink);
            // A caller that gives up while waiting must not be handed a slot it would never give back.
            sink.onCancel(() -> cancel(sink));
        }

        synchronized void release() {
            long freeAt = System.nanoTime() + windowNanos;
            MonoSink<Long> next = waiting.poll();
            if (next != null) {
                next.success(Math.max(freeAt, blockedUntil));
            } else {
                free.add(freeAt);
            }
        }

        synchronized void pause(long until) {
            blockedUntil = Math.max(blockedUntil, until);
        }

        private synchronized void cancel(MonoSink<Long> sink) {
            waiting.remove(sink);
        }
    }
}
