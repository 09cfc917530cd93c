package io.plinth.payment.pipit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.plinth.payment.providers.ProviderRejectedException;
import io.plinth.payment.providers.ProviderUnavailableException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Pipit over HTTP. Pipit's create takes no idempotency key, so it is never retried; reads are. */
final class PipitClient {

    static final String PROVIDER = "pipit";

    record Created(String id, String paymentUrl) {
    }

    private final WebClient http;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final TimeLimiter timeLimiter;

    PipitClient(WebClient.Builder builder, PipitProperties properties, CircuitBreaker circuitBreaker, Retry retry,
            TimeLimiter timeLimiter) {
        this.http = builder.baseUrl(properties.apiBase())
                .defaultHeaders(h -> h.setBearerAuth(properties.apiKey()))
                .build();
        this.circuitBreaker = circuitBreaker;
        this.retry = retry;
        this.timeLimiter = timeLimiter;
    }

    Mono<Created> create(Map<String, Object> body) {
        return guarded(http.post().uri("/v1/payments").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .retrieve().bodyToMono(JsonNode.class)
                .map(json -> new Created(json.path("id").asString(), json.path("payment_url").asString())), false);
    }

    private <T> Mono<T> guarded(Mono<T> call, boolean idempotent) {
        Mono<T> attempt = call
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .onErrorMap(PipitClient::translate)
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker));
        return idempotent ? attempt.transformDeferred(RetryOperator.of(retry)) : attempt;
    }

    private static Throwable translate(Throwable error) {
        if (error instanceof TimeoutException || error instanceof WebClientRequestException) {
            return new ProviderUnavailableException(PROVIDER, "Pipit did not answer", error);
        }
        if (error instanceof WebClientResponseException response) {
            if (response.getStatusCode().is5xxServerError() || response.getStatusCode().value() == 429) {
                return new ProviderUnavailableException(PROVIDER, "Pipit answered " + response.getStatusCode().value(), error);
            }
            return new ProviderRejectedException(PROVIDER, String.valueOf(response.getStatusCode().value()),
                    "Pipit refused the request: " + response.getResponseBodyAsString(), error);
        }
        return error;
    }
}
