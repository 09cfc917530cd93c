package io.plinth.video.credit;

import java.time.Duration;

/**
 * Credit-service answered and said no: not enough credits (402) or the day's limit is reached
 * (429). Carries credit-service's own status, code and Retry-After so the client sees them as they are.
 */
public final class CreditRefused extends RuntimeException {

    private final int status;
    private final String code;
    private final Duration retryAfter;

    CreditRefused(int status, String code, String detail, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Null when credit-service gave none. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
