package io.plinth.video.credit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.plinth.platform.security.CurrentUser;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The holds API of credit-service over HTTP, with the caller's own token (credit-service checks
 * the user, the tier's daily limit and the balance itself). Guarded the platform's way: each
 * attempt has a time limit, transient failures are retried (safe: the request carries an
 * Idempotency-Key, so credit-service places one hold however often it is asked), and a circuit
 * breaker stops asking a credit-service that keeps failing. Refusals (402, 429) are answers, not
 * failures: they are neither retried nor counted against the breaker.
 */
final class HttpCreditHolds implements CreditHolds {

    private static final Logger log = LoggerFactory.getLogger(HttpCreditHolds.class);
    static final String HOLDS_PATH = "/api/v1/credits/holds";

    private final WebClient http;
    private final TimeLimiter timeLimiter;
    private final Retry retry;
    private final CircuitBreaker breaker;

    HttpCreditHolds(WebClient http, TimeLimiter timeLimiter, Retry retry, CircuitBreaker breaker) {
        this.http = http;
        this.timeLimiter = timeLimiter;
        this.retry = retry;
        this.breaker = breaker;
    }

    @Override
    public Mono<PlacedHold> place(CurrentUser user, String requestKey, HoldRequest request) {
        Mono<PlacedHold> call = http.post().uri(HOLDS_PATH)
                .headers(h -> authorize(h, user, requestKey))
                .bodyValue(Map.of("credits", request.credits(), "service", request.service(),
                        "reference", request.reference(), "description", request.description(),
                        "expiresInSeconds", request.expiresInSeconds()))
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.bodyToMono(HoldBody.class).map(b -> new PlacedHold(b.holdId(), b.credits()))
                        : refusal(response));
        return guarded(call, "place a hold");
    }

    @Override
    public Mono<Void> release(CurrentUser user, String requestKey, String holdId) {
        Mono<Void> call = http.post().uri(HOLDS_PATH + "/{id}/release", holdId)
                .headers(h -> authorize(h, user, requestKey + ":release"))
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.releaseBody() : refusal(response).then());
        return guarded(call, "release hold " + holdId);
    }

    private <T> Mono<T> guarded(Mono<T> call, String what) {
        return call
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(RetryOperator.of(retry))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorMap(e -> !(e instanceof CreditRefused), e -> {
                    log.warn("Cannot {} with credit-service: {}", what, e.toString());
                    return new CreditsUnavailable("credit-service cannot " + what + " right now", e);
                });
    }

    private static void authorize(HttpHeaders headers, CurrentUser user, String requestKey) {
        headers.setBearerAuth(user.token());
        headers.set("Idempotency-Key", requestKey);
    }

    /**
     * 402, 429 and the other 4xx answers about this request become a {@link CreditRefused}; 5xx,
     * and a 409 saying the same key is still being processed, are transient ({@link TransientCreditFailure}).
     */
    private static <T> Mono<T> refusal(ClientResponse response) {
        HttpStatusCode status = response.statusCode();
        Duration retryAfter = response.headers().header(HttpHeaders.RETRY_AFTER).stream().findFirst()
                .flatMap(HttpCreditHolds::seconds).orElse(null);
        return response.bodyToMono(ProblemBody.class)
                .defaultIfEmpty(new ProblemBody(null, null))
                .onErrorReturn(new ProblemBody(null, null))
                .flatMap(problem -> {
                    if (status.is5xxServerError() || "idempotency_key_in_use".equals(problem.code())) {
                        return Mono.error(new TransientCreditFailure(status.value(), problem.code()));
                    }
                    String code = problem.code() == null ? "credit_hold_refused" : problem.code();
                    String detail = problem.detail() == null ? "credit-service refused the hold" : problem.detail();
                    return Mono.error(new CreditRefused(status.value(), code, detail, retryAfter));
                });
    }

    private static java.util.Optional<Duration> seconds(String value) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** A failure worth another attempt: credit-service answered 5xx, or is still busy with the same key. */
    static final class TransientCreditFailure extends RuntimeException {
        TransientCreditFailure(int status, String code) {
            super("credit-service answered " + status + (code == null ? "" : " " + code));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record HoldBody(String holdId, long credits) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProblemBody(String code, String detail) {
    }
}
