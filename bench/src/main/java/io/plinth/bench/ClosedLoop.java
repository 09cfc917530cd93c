package io.plinth.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Load generation: a closed loop of {@code clients} concurrent clients, each sending its next request
 * when the previous one answered, for a warm-up and then a measured period. Only requests sent and
 * answered inside the measured period count; every answer is counted by status (a deadlock or
 * serialization failure in the service surfaces as a 5xx, a broken connection as -1).
 */
final class ClosedLoop {

    /** Per client, at most this many latencies are kept (far above what 20 s at any rate here produces). */
    private static final int LATENCIES_PER_CLIENT = 250_000;

    /**
     * What one measured period gave.
     *
     * @param evenClientOk 200s answered to even-numbered clients (the hot wallet's in the mixed scenario)
     * @param latencies    every measured latency in nanoseconds, sorted
     */
    record Outcome(Map<Integer, Long> statuses, long evenClientOk, double seconds, long[] latencies) {

        long answered() {
            return statuses.values().stream().mapToLong(Long::longValue).sum();
        }

        long ok() {
            return statuses.getOrDefault(200, 0L);
        }

        long serverErrors() {
            return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
        }
    }

    private ClosedLoop() {
    }

    /**
     * Runs {@code request} (a status, or -1) from every client until warm-up plus duration are over.
     *
     * @param atMeasureStart run once when the warm-up ends (to sample CPU and counters)
     */
    static Outcome run(int clients, Duration warmup, Duration duration, IntFunction<Mono<Integer>> request,
            Runnable atMeasureStart) {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        Schedulers.boundedElastic().schedule(atMeasureStart, warmup.toMillis(), TimeUnit.MILLISECONDS);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder evenOk = new LongAdder();
        List<long[]> latencies = new ArrayList<>();
        AtomicLong[] counts = new AtomicLong[clients];
        for (int i = 0; i < clients; i++) {
            latencies.add(new long[LATENCIES_PER_CLIENT]);
            counts[i] = new AtomicLong();
        }
        Flux.range(0, clients).flatMap(client -> {
            long[] lat = latencies.get(client);
            return Mono.defer(() -> {
                        long sent = System.nanoTime();
                        return request.apply(client).doOnNext(status -> {
                            long now = System.nanoTime();
                            if (sent >= measureFrom && now <= end) {
                                statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                                if (status == 200 && client % 2 == 0) {
                                    evenOk.increment();
                                }
                                long n = counts[client].getAndIncrement();
                                if (n < lat.length) {
                                    lat[(int) n] = now - sent;
                                }
                            }
                        });
                    })
                    .repeat(() -> System.nanoTime() < end)
                    .then();
        }, clients).blockLast();
        Map<Integer, Long> byStatus = new LinkedHashMap<>();
        statuses.forEach((status, n) -> byStatus.put(status, n.sum()));
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
        return new Outcome(byStatus, evenOk.sum(), duration.toNanos() / 1e9, all);
    }
}
