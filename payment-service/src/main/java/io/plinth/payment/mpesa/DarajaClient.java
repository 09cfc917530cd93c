package io.plinth.payment.mpesa;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.plinth.payment.providers.ProviderRejectedException;
import io.plinth.payment.providers.ProviderUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Daraja over HTTP (non-blocking WebClient). The OAuth token is fetched once and reused until shortly
 * before it expires. Token and status query are retried (they change nothing); the STK push is not — a
 * repeated push would prompt the customer's phone twice.
 */
final class DarajaClient {

    static final String PROVIDER = "mpesa";
    /** Daraja's answer to a status query while the customer has not answered yet. */
    static final String STILL_PROCESSING = "500.001.1001";
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(60);

    record PushAccepted(String merchantRequestId, String checkoutRequestId, String customerMessage) {
    }

    /** A status query's answer; {@code settled} false while the customer has not answered. */
    record QueryResult(boolean settled, String resultCode, String resultDesc) {
    }

    private record Token(String value, Duration ttl) {
    }

    private final WebClient http;
    private final MpesaProperties properties;
    private final Clock clock;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final TimeLimiter timeLimiter;
    private final Mono<Token> token;

    DarajaClient(WebClient.Builder builder, MpesaProperties properties, Clock clock, CircuitBreaker circuitBreaker,
            Retry retry, TimeLimiter timeLimiter) {
        this.http = builder.baseUrl(properties.apiBase()).build();
        this.properties = properties;
        this.clock = clock;
        this.circuitBreaker = circuitBreaker;
        this.retry = retry;
        this.timeLimiter = timeLimiter;
        // One token shared by every caller until just before it expires; a failed fetch is not cached.
        this.token = guarded(fetchToken(), true).cache(t -> t.ttl(), e -> Duration.ZERO, () -> Duration.ZERO);
    }

    Mono<PushAccepted> push(long amountWholeKes, String phone, String callbackUrl, String accountReference,
            String description) {
        DarajaPassword password = DarajaPassword.at(clock.instant(), properties.shortcode(), properties.passkey());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("BusinessShortCode", properties.shortcode());
        body.put("Password", password.password());
        body.put("Timestamp", password.timestamp());
        body.put("TransactionType", "CustomerPayBillOnline");
        body.put("Amount", amountWholeKes);
        body.put("PartyA", phone);
        body.put("PartyB", properties.shortcode());
        body.put("PhoneNumber", phone);
        body.put("CallBackURL", callbackUrl);
        body.put("AccountReference", accountReference);
        body.put("TransactionDesc", description);
        Mono<PushAccepted> call = token.flatMap(t -> http.post().uri("/mpesa/stkpush/v1/processrequest")
                .headers(h -> h.setBearerAuth(t.value()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(json -> new PushAccepted(json.path("MerchantRequestID").asString(""),
                        json.path("CheckoutRequestID").asString(""), json.path("CustomerMessage").asString(""))));
        return guarded(call, false);
    }

    Mono<QueryResult> query(String checkoutRequestId) {
        DarajaPassword password = DarajaPassword.at(clock.instant(), properties.shortcode(), properties.passkey());
        Map<String, Object> body = Map.of("BusinessShortCode", properties.shortcode(), "Password", password.password(),
                "Timestamp", password.timestamp(), "CheckoutRequestID", checkoutRequestId);
        Mono<QueryResult> call = token.flatMap(t -> http.post().uri("/mpesa/stkpushquery/v1/query")
                .headers(h -> h.setBearerAuth(t.value()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchangeToMono(response -> response.bodyToMono(JsonNode.class).defaultIfEmpty(tools.jackson.databind.node.NullNode.getInstance())
                        .flatMap(json -> {
                            if (STILL_PROCESSING.equals(json.path("errorCode").asString(""))) {
                                return Mono.just(new QueryResult(false, null, json.path("errorMessage").asString("")));
                            }
                            if (response.statusCode().isError()) {
                                return response.createError();
                            }
                            return Mono.just(new QueryResult(true, json.path("ResultCode").asString(""),
                                    json.path("ResultDesc").asString("")));
                        })));
        return guarded(call, true);
    }

    private Mono<Token> fetchToken() {
        String basic = Base64.getEncoder().encodeToString((properties.consumerKey() + ":" + properties.consumerSecret())
                .getBytes(StandardCharsets.UTF_8));
        return http.get().uri("/oauth/v1/generate?grant_type=client_credentials")
                .header("Authorization", "Basic " + basic)
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(json -> {
                    long seconds = Long.parseLong(json.path("expires_in").asString("3599"));
                    Duration ttl = Duration.ofSeconds(seconds).minus(TOKEN_MARGIN);
                    return new Token(json.path("access_token").asString(), ttl.isNegative() ? Duration.ZERO : ttl);
                });
    }

    /** Time limit, circuit breaker and (for calls that change nothing) retries; errors in the provider exceptions. */
    private <T> Mono<T> guarded(Mono<T> call, boolean idempotent) {
        Mono<T> attempt = call
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .onErrorMap(DarajaClient::translate)
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker));
        return idempotent ? attempt.transformDeferred(RetryOperator.of(retry)) : attempt;
    }

    private static Throwable translate(Throwable error) {
        if (error instanceof TimeoutException || error instanceof WebClientRequestException) {
            return new ProviderUnavailableException(PROVIDER, "Daraja did not answer", error);
        }
        if (error instanceof WebClientResponseException response) {
            if (response.getStatusCode().is5xxServerError() || response.getStatusCode().value() == 429) {
                return new ProviderUnavailableException(PROVIDER, "Daraja answered " + response.getStatusCode().value(), error);
            }
            String code = "";
            try {
                code = tools.jackson.databind.json.JsonMapper.builder().build()
                        .readTree(response.getResponseBodyAsString()).path("errorCode").asString("");
            } catch (RuntimeException ignored) {
                // not Daraja's error shape; the status says enough
            }
            return new ProviderRejectedException(PROVIDER, code, "Daraja refused the request: "
                    + response.getStatusCode().value() + " " + code, error);
        }
        return error;
    }
}
