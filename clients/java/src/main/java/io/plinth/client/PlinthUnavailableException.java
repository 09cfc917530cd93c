package io.plinth.client;

/**
 * The platform could not be reached or answered 503 on every attempt the retry policy allowed. For
 * a call that moves credits, retrying it later with the same Idempotency-Key is safe: whatever
 * the first attempt did is answered again, never done twice.
 */
public final class PlinthUnavailableException extends PlinthException {

    PlinthUnavailableException(ProblemDetails problem, Throwable cause) {
        super(problem, cause);
    }
}
