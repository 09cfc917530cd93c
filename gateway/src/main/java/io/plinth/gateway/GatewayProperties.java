package io.plinth.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own knobs ({@code plinth.gateway.*}); every one has an environment-variable form,
 * e.g. {@code PLINTH_GATEWAY_MAXBODYSIZE=2MB}, {@code PLINTH_GATEWAY_TIMEOUTS_API=15s}.
 *
 * @param maxBodySize    largest request body accepted, webhooks included
 * @param retryAfter     advised to clients when a service is absent, refusing or slow
 * @param timeouts       time limits per kind of route, with per-route overrides
 * @param circuitBreaker one breaker per downstream service
 * @param trustedProxies  proxies in front of the gateway whose X-Forwarded-For is believed (CIDRs or addresses,
 *                        env {@code PLINTH_GATEWAY_TRUSTED_PROXIES}, comma-separated); empty: trust no one and
 *                        use the TCP peer. Behind an ingress, its pods' range.
 */
@Validated
@ConfigurationProperties("plinth.gateway")
public record GatewayProperties(
        @DefaultValue("1MB") @NotNull DataSize maxBodySize,
        @DefaultValue("5s") @NotNull Duration retryAfter,
        @DefaultValue @Valid Timeouts timeouts,
        @DefaultValue @Valid CircuitBreaker circuitBreaker,
        List<String> trustedProxies) {

    public GatewayProperties {
        trustedProxies = trustedProxies == null ? List.of()
                : trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * @param connect TCP connect limit for every route
     * @param api     response limit for API routes
     * @param webhook response limit for webhook ingress (providers retry slow deliveries anyway)
     * @param docs    response limit for the OpenAPI documents
     * @param routes  per-route-id overrides, e.g. {@code plinth.gateway.timeouts.routes.video-service=30s}
     */
    public record Timeouts(
            @DefaultValue("2s") @NotNull Duration connect,
            @DefaultValue("10s") @NotNull Duration api,
            @DefaultValue("10s") @NotNull Duration webhook,
            @DefaultValue("5s") @NotNull Duration docs,
            Map<String, Duration> routes) {

        public Timeouts {
            routes = routes == null ? Map.of() : Map.copyOf(routes);
        }
    }

    /**
     * @param failureRateThreshold      percentage of failed calls that opens the breaker
     * @param slidingWindowSize         calls the failure rate is computed over
     * @param minimumNumberOfCalls      calls needed before the rate counts
     * @param waitDurationInOpenState   how long an open breaker rejects calls (also the Retry-After then)
     * @param permittedCallsInHalfOpen  trial calls once the wait is over
     */
    public record CircuitBreaker(
            @DefaultValue("50") @DecimalMin("1") @DecimalMax("100") float failureRateThreshold,
            @DefaultValue("20") @Min(1) int slidingWindowSize,
            @DefaultValue("10") @Min(1) int minimumNumberOfCalls,
            @DefaultValue("10s") @NotNull Duration waitDurationInOpenState,
            @DefaultValue("3") @Min(1) int permittedCallsInHalfOpen) {
    }
}
