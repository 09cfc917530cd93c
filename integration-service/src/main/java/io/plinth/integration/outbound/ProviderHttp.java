package io.plinth.integration.outbound;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One provider's HTTP calls, each time-limited and (for user calls) behind the provider's circuit breaker, with
 * every answer sorted into three: a 2xx JSON object is the result; a 4xx other than 429 is {@link ProviderRefused}
 * with the provider's own reason; anything else — 5xx, 429, a timeout, an unreachable host, a body that is not
 * JSON, an open circuit — is {@link ProviderUnavailable}. Refusals do not count against the breaker: a provider
 * that says no is up.
 */
public final class ProviderHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_REASON = 300;

    private final String provider;
    private final WebClient http;
    private final Duration timeout;
    private final TimeLimiter limiter;
    private final CircuitBreaker breaker;

    public ProviderHttp(String provider, WebClient http, Duration timeout, CircuitBreakerRegistry breakers) {
        this.provider = provider;
        this.http = http;
        this.timeout = timeout;
        this.limiter = TimeLimiter.of(provider, TimeLimiterConfig.custom().timeoutDuration(timeout).build());
        this.breaker = breakers.circuitBreaker(provider, CircuitBreakerConfig.from(breakers.getDefaultConfig())
                .ignoreExceptions(ProviderRefused.class).build());
    }

    public WebClient client() {
        return http;
    }

    /** A user's call: time limit and circuit breaker. {@code reason} reads the provider's error body. */
    public Mono<JsonNode> call(WebClient.RequestHeadersSpec<?> request, Function<JsonNode, String> reason) {
        return probe(request, reason).transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorMap(CallNotPermittedException.class, e -> new ProviderUnavailable(provider,
                        "its circuit is open after repeated failures", e));
    }

    /** A connection test's call: time limit only, so a test always reaches the provider. */
    public Mono<JsonNode> probe(WebClient.RequestHeadersSpec<?> request, Function<JsonNode, String> reason) {
        return request.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> answer(response.statusCode().value(), body, reason)))
                .transformDeferred(TimeLimiterOperator.of(limiter))
                .onErrorMap(e -> !(e instanceof ProviderRefused || e instanceof ProviderUnavailable),
                        e -> new ProviderUnavailable(provider, e instanceof TimeoutException
                                ? "no answer within " + timeout.toMillis() + " ms"
                                : "unreachable (" + clip(String.valueOf(e.getMessage())) + ")", e));
    }

    private JsonNode answer(int status, String body, Function<JsonNode, String> reason) {
        JsonNode json = parse(body);
        if (status >= 200 && status < 300) {
            if (json == null || !json.isObject()) {
                throw new ProviderUnavailable(provider, "it answered " + status + " with a body that is not its API's JSON", null);
            }
            return json;
        }
        String why = json == null ? null : reason.apply(json);
        if (status >= 400 && status < 500 && status != 429) {
            throw new ProviderRefused(provider, status, why == null || why.isBlank() ? "no reason given" : clip(why));
        }
        throw new ProviderUnavailable(provider, "it answered " + status + (why == null ? "" : ": " + clip(why)), null);
    }

    private static JsonNode parse(String body) {
        try {
            return body.isBlank() ? null : JSON.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A field the provider's answer must have; an answer without it is not the provider's API. */
    public String required(JsonNode json, String field) {
        String value = text(json, field);
        if (value == null || value.isBlank()) {
            throw new ProviderUnavailable(provider, "its answer has no " + field, null);
        }
        return value;
    }

    /** A text field of an answer, or null. */
    public static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node != null && (node.isString() || node.isNumber()) ? node.asString() : null;
    }

    private static String clip(String s) {
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON) + "…";
    }
}
