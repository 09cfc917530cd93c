package io.plinth.gateway.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsABurstUpToCapacityThenSaysHowLongToWait() {
        TokenBucket bucket = new TokenBucket(3, 1.0, 0);
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isEqualTo(SECOND);
    }

    @Test
    void refillsContinuouslyButNeverAboveCapacity() {
        TokenBucket bucket = new TokenBucket(2, 2.0, 0);
        bucket.tryTake(0);
        bucket.tryTake(0);
        assertThat(bucket.tryTake(SECOND / 4)).isPositive();
        assertThat(bucket.tryTake(SECOND / 2)).isZero();
        assertThat(bucket.isIdle(100 * SECOND)).isTrue();
        bucket.tryTake(100 * SECOND);
        bucket.tryTake(100 * SECOND);
        assertThat(bucket.tryTake(100 * SECOND)).isPositive();
    }
}
