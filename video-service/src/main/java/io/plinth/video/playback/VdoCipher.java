package io.plinth.video.playback;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * VdoCipher's OTP API: {@code POST /api/videos/{id}/otp} with {@code Authorization: Apisecret …}
 * and {@code {"ttl": seconds}} answers {@code {otp, playbackInfo}} for its player. The secret never
 * leaves this service. Base URL is configuration: VdoCipher in production, the provider sandbox
 * in the devstack and tests.
 */
final class VdoCipher {

    private final WebClient http;
    private final String apiSecret;
    private final Duration timeout;
    private final CircuitBreaker breaker;

    VdoCipher(WebClient http, String apiSecret, Duration timeout, CircuitBreaker breaker) {
        this.http = http;
        this.apiSecret = apiSecret;
        this.timeout = timeout;
        this.breaker = breaker;
    }

    Mono<Otp> otp(String vdoCipherVideoId, Duration ttl) {
        return http.post().uri("/api/videos/{id}/otp", vdoCipherVideoId)
                .header(HttpHeaders.AUTHORIZATION, "Apisecret " + apiSecret)
                .bodyValue(Map.of("ttl", ttl.toSeconds()))
                .retrieve()
                .bodyToMono(Otp.class)
                .timeout(timeout)
                .transformDeferred(CircuitBreakerOperator.of(breaker));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Otp(String otp, String playbackInfo) {
    }
}
