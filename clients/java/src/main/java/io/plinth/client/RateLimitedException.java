package io.plinth.client;

/**
 * 429: too many requests (or, at login, too many failed attempts). The client already waited and
 * retried as far as its retry policy allows; {@link #retryAfter()} says how long the platform asked to wait.
 */
public final class RateLimitedException extends PlinthException {

    RateLimitedException(ProblemDetails problem) {
        super(problem);
    }
}
