package io.plinth.payment.providers;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * The resilience every WebClient provider call gets: a time limit per attempt, the provider's circuit
 * breaker, and retries only for calls that change nothing at the provider (or carry its idempotency key).
 * Failures become {@link ProviderUnavailableException} (no answer, 5xx, 429) or {@link ProviderRejectedException}
 * (any other 4xx, with the provider's error code as {@code codeOf} reads it from the body).
 */
public final class HttpProviderCalls {

    private final String provider;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final TimeLimiter timeLimiter;
    private final Function<String, String> codeOf;

    public HttpProviderCalls(String provider, CircuitBreaker circuitBreaker, Retry retry, TimeLimiter timeLimiter,
            Function<String, String> codeOf) {
        this.provider = provider;
        this.circuitBreaker = circuitBreaker;
        this.retry = retry;
        this.timeLimiter = timeLimiter;
        this.codeOf = codeOf;
    }

    /** A call that is safe to repeat. */
    public <T> Mono<T> idempotent(Mono<T> call) {
        return once(call).transformDeferred(RetryOperator.of(retry));
    }

    /** A call that must not be repeated (it would charge, prompt or refund twice). */
    public <T> Mono<T> once(Mono<T> call) {
        return call.transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .onErrorMap(this::translate)
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker));
    }

    private Throwable translate(Throwable error) {
        if (error instanceof TimeoutException || error instanceof WebClientRequestException) {
            return new ProviderUnavailableException(provider, provider + " did not answer", error);
        }
        if (error instanceof WebClientResponseException response) {
            int status = response.getStatusCode().value();
            if (response.getStatusCode().is5xxServerError() || status == 429) {
                return new ProviderUnavailableException(provider, provider + " answered " + status, error);
            }
            String code = codeOf.apply(response.getResponseBodyAsString());
            return new ProviderRejectedException(provider, code, provider + " refused the request: " + status + " "
                    + code, error);
        }
        return error;
    }
}
