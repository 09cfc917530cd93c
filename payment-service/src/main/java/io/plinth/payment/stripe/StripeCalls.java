package io.plinth.payment.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.plinth.payment.providers.ProviderRejectedException;
import io.plinth.payment.providers.ProviderUnavailableException;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Every Stripe call goes through here: the blocking SDK runs on a bounded elastic scheduler (never
 * an event-loop thread), under a time limit per attempt, retried only when the call is idempotent
 * (GETs, and POSTs that carry an idempotency key), behind a circuit breaker.
 */
final class StripeCalls {

    static final String PROVIDER = "stripe";
    private static final Logger log = LoggerFactory.getLogger(StripeCalls.class);

    /** One SDK call; {@code StripeException} is translated into the provider exceptions. */
    @FunctionalInterface
    interface Call<T> {
        T call(StripeClient client) throws StripeException;
    }

    private final StripeClient client;
    private final Scheduler scheduler;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final TimeLimiter timeLimiter;

    StripeCalls(StripeClient client, Scheduler scheduler, CircuitBreaker circuitBreaker, Retry retry,
            TimeLimiter timeLimiter) {
        this.client = client;
        this.scheduler = scheduler;
        this.circuitBreaker = circuitBreaker;
        this.retry = retry;
        this.timeLimiter = timeLimiter;
    }

    /** A call that is safe to repeat: a read, or a create carrying an idempotency key. */
    <T> Mono<T> idempotent(String what, Call<T> call) {
        return attempt(what, call).transformDeferred(RetryOperator.of(retry));
    }

    private <T> Mono<T> attempt(String what, Call<T> call) {
        return Mono.fromCallable(() -> invoke(what, call))
                .subscribeOn(scheduler)
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .onErrorMap(TimeoutException.class, e -> new ProviderUnavailableException(PROVIDER,
                        "Stripe did not answer " + what + " in time", e))
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker));
    }

    private <T> T invoke(String what, Call<T> call) {
        try {
            return call.call(client);
        } catch (ApiConnectionException | RateLimitException e) {
            throw unavailable(what, e);
        } catch (StripeException e) {
            Integer status = e.getStatusCode();
            if (status == null || status >= 500) {
                throw unavailable(what, e);
            }
            log.warn("Stripe refused {}: {} {} ({})", what, status, e.getCode(), e.getMessage());
            throw new ProviderRejectedException(PROVIDER, e.getCode(), e.getMessage(), e);
        }
    }

    private static ProviderUnavailableException unavailable(String what, StripeException e) {
        log.warn("Stripe unavailable for {}: {} {}", what, e.getStatusCode(), e.getMessage());
        return new ProviderUnavailableException(PROVIDER, "Stripe is unavailable (" + what + ")", e);
    }
}
