package io.plinth.credit;

import io.plinth.credit.refusal.CreditException;
import io.plinth.platform.problem.DomainProblems;
import io.plinth.web.Problem;
import org.springframework.stereotype.Component;

/**
 * credit-service's one mapping from its domain refusals to problem+json: the only place that knows
 * which HTTP status each {@link io.plinth.credit.refusal.Refusal} is.
 */
@Component
class CreditProblemMapping implements DomainProblems {

    @Override
    public Problem toProblem(Throwable error) {
        if (error instanceof CreditException e) {
            Problem problem = Problem.of(status(e), e.code(), e.getMessage());
            return e.retryAfter().map(problem::withRetryAfter).orElse(problem);
        }
        if (error instanceof IllegalArgumentException e) {
            // Domain records refuse impossible values (a non-positive amount) in their constructors.
            return Problem.of(422, "invalid_request", e.getMessage() == null ? "The request is invalid." : e.getMessage());
        }
        return null;
    }

    static int status(CreditException e) {
        return switch (e.reason()) {
            case INSUFFICIENT_CREDITS -> 402;
            case DAILY_LIMIT_REACHED -> 429;
            case TRANSFER_ID_CONFLICT, HOLD_REQUEST_REUSED, HOLD_EXPIRED, HOLD_ALREADY_SETTLED -> 409;
            case WALLET_BUSY, AUTH_UNAVAILABLE -> 503;
            case NOT_FOUND -> 404;
            case INVALID_CURSOR -> 400;
            case INVALID_HOLD_TTL, INVALID_CAPTURE_AMOUNT -> 422;
            case SESSION_INVALID -> 401;
            case APP_NOT_PERMITTED -> 403;
        };
    }
}
