package io.plinth.integration.notion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(3, Duration.ofMillis(1100), now::get);

    @Test
    void aBurstGetsStartTimesWithNoMoreThanThreeInAnyWindow() {
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            starts.add(now.get() + limiter.reserve("token").toNanos());
        }
        for (int i = 3; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - 3)).isGreaterThanOrEqualTo(Duration.ofMillis(1100).toNanos());
        }
        // Three at once, then three per window: 100 calls take 33 windows.
        assertThat(starts.get(99) - starts.get(0)).isEqualTo(Duration.ofMillis(1100).toNanos() * 33);
    }

    @Test
    void tokensHaveTheirOwnBudgets() {
        for (int i = 0; i < 3; i++) {
            limiter.reserve("a");
        }
        assertThat(limiter.reserve("b")).isZero();
        assertThat(limiter.reserve("a")).isEqualTo(Duration.ofMillis(1100));
    }

    @Test
    void retryAfterHoldsEveryLaterCallBack() {
        limiter.pause("token", Duration.ofSeconds(5));
        assertThat(limiter.reserve("token")).isEqualTo(Duration.ofSeconds(5));
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(limiter.reserve("token")).isZero();
    }
}
