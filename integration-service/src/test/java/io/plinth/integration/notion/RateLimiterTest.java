package io.plinth.integration.notion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class RateLimiterTest {

    private static final Duration WINDOW = Duration.ofMillis(200);
    private final RateLimiter limiter = new RateLimiter(3, WINDOW);

    /** A call that records when it started and finished and takes {@code millis}. */
    private Mono<long[]> call(String key, long millis) {
        return limiter.run(key, () -> {
            long start = System.nanoTime();
            return Mono.delay(Duration.ofMillis(millis)).map(x -> new long[] {start, System.nanoTime()});
        });
    }

    @Test
    void ofAnyFourCallsTheLastStartsAWindowAfterOneOfTheOthersFinished() {
        List<long[]> calls = Collections.synchronizedList(new ArrayList<>());
        Flux.range(0, 12).flatMap(i -> call("token", i % 2 == 0 ? 5 : 40).doOnNext(calls::add), 12).blockLast(Duration.ofSeconds(10));

        List<long[]> byStart = new ArrayList<>(calls);
        byStart.sort((a, b) -> Long.compare(a[0], b[0]));
        assertThat(byStart).hasSize(12);
        for (int i = 3; i < byStart.size(); i++) {
            long start = byStart.get(i)[0];
            long finishedAWindowBefore = byStart.subList(0, i).stream().filter(c -> start - c[1] >= WINDOW.toNanos()).count();
            // Of the i calls that started earlier, at most two may still be within a window of this one.
            assertThat(finishedAWindowBefore).as("call %d", i).isGreaterThanOrEqualTo(i - 2);
        }
    }

    @Test
    void tokensHaveTheirOwnBudgets() {
        Flux.range(0, 3).flatMap(i -> call("a", 1)).blockLast(Duration.ofSeconds(5));
        long before = System.nanoTime();

        long[] b = call("b", 1).block(Duration.ofSeconds(5));
        long[] a = call("a", 1).block(Duration.ofSeconds(5));

        assertThat(b[0] - before).isLessThan(WINDOW.toNanos());
        assertThat(a[0] - before).isGreaterThanOrEqualTo(WINDOW.toNanos() / 2);
    }

    @Test
    void retryAfterHoldsTheNextCallBack() {
        long paused = System.nanoTime();
        limiter.pause("token", Duration.ofMillis(300));

        long[] next = call("token", 1).block(Duration.ofSeconds(5));

        assertThat(next[0] - paused).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
    }
}
