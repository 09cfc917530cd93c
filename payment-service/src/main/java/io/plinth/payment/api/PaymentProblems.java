package io.plinth.payment.api;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.plinth.payment.providers.ProviderRejectedException;
import io.plinth.payment.providers.ProviderUnavailableException;
import io.plinth.platform.problem.ApiException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** Provider failures as the client sees them: down → 503 with Retry-After, refused → 502. */
final class PaymentProblems {

    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private PaymentProblems() {
    }

    static Throwable toApi(Throwable error) {
        if (error instanceof ProviderUnavailableException down) {
            return ApiException.serviceUnavailable("provider_unavailable",
                    "The payment provider " + down.provider() + " is unavailable; nothing was charged, try again later.",
                    RETRY_AFTER);
        }
        if (error instanceof CallNotPermittedException open) {
            return ApiException.serviceUnavailable("provider_unavailable", "The payment provider "
                    + open.getCausingCircuitBreakerName() + " is unavailable; nothing was charged, try again later.",
                    RETRY_AFTER);
        }
        if (error instanceof ProviderRejectedException rejected) {
            return new ApiException(HttpStatus.BAD_GATEWAY, "provider_rejected",
                    "The payment provider " + rejected.provider() + " refused the request.");
        }
        return error;
    }
}
