package io.plinth.client;

import java.time.Duration;
import java.util.Optional;

/**
 * The platform refused a call, or could not be reached. Every subclass carries what the
 * platform's problem+json answer said: the HTTP status, the stable {@link #code()} (for example
 * {@code insufficient_credits}), the human-readable detail as the message, and the
 * {@link #requestId()} to quote to support.
 *
 * <p>Subclasses name the cases an app usually handles differently; anything else arrives as a
 * plain {@code PlinthException} whose {@link #code()} tells what happened.
 */
public class PlinthException extends RuntimeException {

    private final int status;
    private final String code;
    private final String requestId;
    private final Duration retryAfter;

    PlinthException(ProblemDetails problem) {
        this(problem, null);
    }

    PlinthException(ProblemDetails problem, Throwable cause) {
        super(problem.message(), cause);
        this.status = problem.status();
        this.code = problem.code();
        this.requestId = problem.requestId();
        this.retryAfter = problem.retryAfter();
    }

    /** The HTTP status of the answer, or 0 when no answer arrived (the platform was unreachable). */
    public int status() {
        return status;
    }

    /** The stable machine code of the problem, e.g. {@code insufficient_credits}; never null. */
    public String code() {
        return code;
    }

    /**
     * The {@code X-Request-Id} of the failed call: quote it to support, it finds the call in every
     * service's log. Empty only when no answer arrived at all.
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** How long the platform asked to wait before trying again ({@code Retry-After}), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
