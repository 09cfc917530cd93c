package io.plinth.client;

/**
 * 429 {@code daily_limit_reached}: the user's tier allows no more of this service today. Not retried:
 * {@link #retryAfter()} says how long until the limit resets (midnight UTC).
 */
public final class DailyLimitReachedException extends PlinthException {

    DailyLimitReachedException(ProblemDetails problem) {
        super(problem);
    }
}
