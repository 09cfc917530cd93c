package io.plinth.auth.refusal;

import io.plinth.web.FieldViolation;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A refusal the client can act on: a {@link Refusal}, a sentence safe to show, the invalid fields
 * when there are any, and when to retry when that is known. Plain Java, no HTTP:
 * {@code io.plinth.auth.AuthProblemMapping} turns it into problem+json.
 */
public final class AuthException extends RuntimeException {

    private final Refusal reason;
    private final List<FieldViolation> errors;
    private final Duration retryAfter;

    public AuthException(Refusal reason, String detail) {
        this(reason, detail, List.of(), null);
    }

    private AuthException(Refusal reason, String detail, List<FieldViolation> errors, Duration retryAfter) {
        super(detail);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** The request has invalid fields, each named. */
    public static AuthException invalid(List<FieldViolation> errors) {
        return new AuthException(Refusal.INVALID_FIELDS, "The request has invalid fields.", errors, null);
    }

    public static AuthException notFound(String detail) {
        return new AuthException(Refusal.NOT_FOUND, detail);
    }

    public static AuthException loginLocked(String detail, Duration retryAfter) {
        return new AuthException(Refusal.LOGIN_LOCKED, detail, List.of(), Objects.requireNonNull(retryAfter));
    }

    public Refusal reason() {
        return reason;
    }

    public String code() {
        return reason.code();
    }

    public List<FieldViolation> errors() {
        return errors;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
