package io.plinth.video.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * CapCut's export API (PROVIDERS.md): {@code POST /v1/exports} with {@code X-Api-Key} and
 * {@code X-Api-Secret}. Completion comes back as a signed webhook to {@code callback_url}, which
 * is Plinth's ingress, never the client's URL.
 */
final class CapCut {

    private final WebClient http;
    private final String apiKey;
    private final String apiSecret;
    private final String webhookUrl;
    private final Duration timeout;
    private final CircuitBreaker breaker;

    CapCut(WebClient http, String apiKey, String apiSecret, String webhookUrl, Duration timeout, CircuitBreaker breaker) {
        this.http = http;
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.webhookUrl = webhookUrl;
        this.timeout = timeout;
        this.breaker = breaker;
    }

    Mono<Created> createExport(String projectId, String format, String quality, boolean includeMetadata,
            boolean watermark) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project_id", projectId);
        body.put("format", format);
        body.put("quality", quality);
        body.put("callback_url", webhookUrl);
        body.put("include_metadata", includeMetadata);
        body.put("watermark", watermark);
        return http.post().uri("/v1/exports")
                .header("X-Api-Key", apiKey)
                .header("X-Api-Secret", apiSecret)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(Created.class)
                .timeout(timeout)
                .transformDeferred(CircuitBreakerOperator.of(breaker));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Created(@JsonProperty("export_id") String exportId, String status,
            @JsonProperty("estimated_completion_time") String estimatedCompletionTime) {
    }
}
