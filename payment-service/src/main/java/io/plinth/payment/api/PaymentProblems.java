package io.plinth.payment.api;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.plinth.payment.providers.ProviderRejectedException;
import io.plinth.payment.providers.ProviderUnavailableException;
import io.plinth.platform.problem.DomainProblems;
import io.plinth.web.Problem;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * payment-service's one mapping from its domain exceptions to problem+json. Provider failures as the
 * client sees them: down (or its circuit open) → 503 with Retry-After, refused → 502.
 */
@Component
final class PaymentProblems implements DomainProblems {

    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    @Override
    public Problem toProblem(Throwable error) {
        if (error instanceof ProviderUnavailableException down) {
            return unavailable(down.provider());
        }
        if (error instanceof CallNotPermittedException open) {
            return unavailable(open.getCausingCircuitBreakerName());
        }
        if (error instanceof ProviderRejectedException rejected) {
            return Problem.of(502, "provider_rejected",
                    "The payment provider " + rejected.provider() + " refused the request.");
        }
        return null;
    }

    private static Problem unavailable(String provider) {
        return Problem.of(503, "provider_unavailable",
                "The payment provider " + provider + " is unavailable; nothing was charged, try again later.")
                .withRetryAfter(RETRY_AFTER);
    }
}
