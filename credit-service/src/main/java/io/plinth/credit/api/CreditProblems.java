package io.plinth.credit.api;

import io.plinth.credit.ledger.CreditException;
import io.plinth.platform.problem.ApiException;
import java.time.Duration;
import org.springframework.http.HttpStatusCode;

/** Turns the ledger's refusals into the platform's problem+json exception. */
final class CreditProblems {

    private CreditProblems() {
    }

    static Throwable toApi(Throwable error) {
        if (error instanceof CreditException e) {
            ApiException api = new ApiException(HttpStatusCode.valueOf(e.status()), e.code(), e.getMessage());
            return e.retryAfterSeconds() == null ? api : api.withRetryAfter(Duration.ofSeconds(e.retryAfterSeconds()));
        }
        if (error instanceof IllegalArgumentException e) {
            return ApiException.unprocessable("invalid_request", e.getMessage());
        }
        return error;
    }
}
