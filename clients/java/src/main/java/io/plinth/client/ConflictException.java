package io.plinth.client;

/**
 * 409: the call conflicts with the platform's state — {@code email_taken},
 * {@code idempotency_key_reused} (the same key was sent before with another request),
 * {@code hold_already_settled}, {@code hold_expired}, …; {@link #code()} says which.
 */
public final class ConflictException extends PlinthException {

    ConflictException(ProblemDetails problem) {
        super(problem);
    }
}
