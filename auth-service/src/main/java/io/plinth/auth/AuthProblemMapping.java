package io.plinth.auth;

import io.plinth.auth.refusal.AuthException;
import io.plinth.auth.refusal.Refusal;
import io.plinth.platform.problem.DomainProblems;
import io.plinth.web.Problem;
import org.springframework.stereotype.Component;

/**
 * auth-service's one mapping from its domain refusals to problem+json: the only place that knows
 * which HTTP status each {@link Refusal} is.
 */
@Component
class AuthProblemMapping implements DomainProblems {

    @Override
    public Problem toProblem(Throwable error) {
        if (error instanceof AuthException e) {
            Problem problem = Problem.of(status(e.reason()), e.code(), e.getMessage()).withErrors(e.errors());
            return e.retryAfter().map(problem::withRetryAfter).orElse(problem);
        }
        return null;
    }

    static int status(Refusal reason) {
        return switch (reason) {
            case INVALID_OR_EXPIRED_TOKEN -> 400;
            case INVALID_CREDENTIALS, INVALID_REFRESH_TOKEN, REFRESH_TOKEN_REUSED, INVALID_API_KEY -> 401;
            case NOT_FOUND -> 404;
            case TENANT_EXISTS, EMAIL_TAKEN, EMAIL_ALREADY_VERIFIED, APP_REVOKED -> 409;
            case INVALID_FIELDS -> 422;
            case LOGIN_LOCKED -> 429;
        };
    }
}
