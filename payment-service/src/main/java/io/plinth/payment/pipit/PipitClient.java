package io.plinth.payment.pipit;

import io.plinth.payment.providers.HttpProviderCalls;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Pipit over HTTP. Pipit takes no idempotency key: neither create nor refund is ever retried. */
final class PipitClient {

    static final String PROVIDER = "pipit";

    record Created(String id, String paymentUrl) {
    }

    private final WebClient http;
    private final HttpProviderCalls calls;

    PipitClient(WebClient.Builder builder, PipitProperties properties, HttpProviderCalls calls) {
        this.http = builder.baseUrl(properties.apiBase())
                .defaultHeaders(h -> h.setBearerAuth(properties.apiKey()))
                .build();
        this.calls = calls;
    }

    Mono<Created> create(Map<String, Object> body) {
        return calls.once(http.post().uri("/v1/payments").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .retrieve().bodyToMono(JsonNode.class)
                .map(json -> new Created(json.path("id").asString(), json.path("payment_url").asString())));
    }

    /** Not retried: Pipit's refund takes no idempotency key, a repeat could refund twice. */
    Mono<JsonNode> refund(String pipitPaymentId, long amountMinor) {
        return calls.once(http.post().uri("/v1/payments/{id}/refund", pipitPaymentId)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("amount", amountMinor))
                .retrieve().bodyToMono(JsonNode.class));
    }

    /** Pipit's error code from an error body ({@code {"error": {code, message, param}}}). */
    static String errorCode(String body) {
        try {
            return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body).path("error").path("code")
                    .asString("");
        } catch (RuntimeException notJson) {
            return "";
        }
    }
}
