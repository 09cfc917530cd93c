package io.plinth.gateway.security;

/**
 * A classic token bucket in plain Java: {@code capacity} tokens, refilled continuously at
 * {@code refillPerSecond}. Time is passed in (nanoseconds), so the arithmetic is unit tested without waiting.
 */
public final class TokenBucket {

    private final double capacity;
    private final double refillPerNano;
    private double tokens;
    private long lastNanos;

    public TokenBucket(int capacity, double refillPerSecond, long nowNanos) {
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1_000_000_000.0;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** Takes one token; returns 0 when allowed, otherwise the nanoseconds until one is available. */
    public synchronized long tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return 0;
        }
        return (long) Math.ceil((1.0 - tokens) / refillPerNano);
    }

    /** True when the bucket is full again, i.e. forgetting it changes nothing. */
    public synchronized boolean isIdle(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * refillPerNano);
            lastNanos = nowNanos;
        }
    }
}
