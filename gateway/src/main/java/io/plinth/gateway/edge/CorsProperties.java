package io.plinth.gateway.edge;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which browser origins may call the API ({@code plinth.cors.*}). application.yml feeds
 * {@code allowed-origins} from {@code PLINTH_CORS_ALLOWED_ORIGINS} (comma-separated; entries may be
 * patterns such as {@code https://*.example.com}). An empty list allows no cross-origin calls.
 */
@ConfigurationProperties("plinth.cors")
public record CorsProperties(
        List<String> allowedOrigins,
        @DefaultValue({"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) List<String> allowedMethods,
        @DefaultValue({"Authorization", "Content-Type", "Accept", "Idempotency-Key", "X-API-Key", "X-Request-Id"})
        List<String> allowedHeaders,
        @DefaultValue({"X-Request-Id", "Retry-After", "Location"}) List<String> exposedHeaders,
        @DefaultValue("false") boolean allowCredentials,
        @DefaultValue("1h") Duration maxAge) {

    public CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
