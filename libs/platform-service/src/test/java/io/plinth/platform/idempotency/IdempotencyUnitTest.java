package io.plinth.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

class IdempotencyUnitTest {

    @Test
    void fingerprintDependsOnMethodPathAndEveryBodyByte() {
        byte[] body = "{\"credits\":5}".getBytes(StandardCharsets.UTF_8);
        byte[] base = RequestFingerprint.of("POST", "/api/v1/credits/consume", body);

        assertThat(base).hasSize(32).isEqualTo(RequestFingerprint.of("POST", "/api/v1/credits/consume", body.clone()));
        assertThat(RequestFingerprint.of("POST", "/api/v1/credits/consume", "{\"credits\":6}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(base);
        assertThat(RequestFingerprint.of("POST", "/api/v1/credits/holds", body)).isNotEqualTo(base);
        assertThat(RequestFingerprint.of("PUT", "/api/v1/credits/consume", body)).isNotEqualTo(base);
        // The separator keeps "path + body" boundaries unambiguous.
        assertThat(RequestFingerprint.of("POST", "/a", "b".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(RequestFingerprint.of("POST", "/ab", new byte[0]));
    }

    @Test
    void keysAreOneTo255PrintableAsciiCharacters() {
        assertThat(IdempotencyKeyWebFilter.isAcceptableKey("5f0c3a9e-1b2c-4d5e-8f90-123456789abc")).isTrue();
        assertThat(IdempotencyKeyWebFilter.isAcceptableKey("k".repeat(255))).isTrue();
        assertThat(IdempotencyKeyWebFilter.isAcceptableKey("k".repeat(256))).isFalse();
        assertThat(IdempotencyKeyWebFilter.isAcceptableKey("")).isFalse();
        assertThat(IdempotencyKeyWebFilter.isAcceptableKey("tab\there")).isFalse();
    }

    @Test
    void callerIsThePrincipalThenTheHashedApiKeyThenAnonymous() {
        ServerWebExchange withPrincipal = MockServerWebExchange.from(MockServerHttpRequest.post("/")
                .header(IdempotencyCallerResolver.API_KEY_HEADER, "pk_live_1")).mutate()
                .principal(Mono.just((Principal) () -> "user-1")).build();
        ServerWebExchange withApiKey = MockServerWebExchange.from(MockServerHttpRequest.post("/")
                .header(IdempotencyCallerResolver.API_KEY_HEADER, "pk_live_1"));
        ServerWebExchange anonymous = MockServerWebExchange.from(MockServerHttpRequest.post("/"));
        IdempotencyCallerResolver resolver = IdempotencyCallerResolver.standard();

        assertThat(resolver.resolve(withPrincipal).block()).isEqualTo("principal:user-1");
        assertThat(resolver.resolve(withApiKey).block())
                .startsWith("api-key:").hasSize("api-key:".length() + 64).doesNotContain("pk_live_1");
        assertThat(resolver.resolve(anonymous).block()).isEqualTo(IdempotencyCallerResolver.ANONYMOUS);
    }

    @Test
    void propertiesRefuseNonsense() {
        assertThatThrownBy(() -> new IdempotencyProperties(true, Duration.ZERO, Duration.ofMinutes(5),
                Duration.ofMinutes(10), 1000, 64, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdempotencyProperties(true, Duration.ofHours(24), Duration.ofMinutes(5),
                Duration.ofMinutes(10), 0, 64, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdempotencyProperties(true, Duration.ofHours(24), Duration.ofMinutes(5),
                Duration.ofMinutes(10), 1000, 0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdempotencyProperties(true, Duration.ofHours(24), Duration.ofMinutes(5),
                Duration.ofMinutes(10), 1000, 64, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
