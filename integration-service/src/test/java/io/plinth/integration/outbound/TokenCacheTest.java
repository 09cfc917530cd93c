package io.plinth.integration.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class TokenCacheTest {

    record Token(String value, Instant expiresAt) implements TokenCache.Expiring {
    }

    @Test
    void oneGrantServesEveryCallUntilNearItsExpiryAndAFailedGrantIsNotKept() {
        TokenCache<Token> cache = new TokenCache<>(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
        AtomicInteger grants = new AtomicInteger();
        Map<String, String> credentials = Map.of("clientId", "a", "clientSecret", "b");

        for (int i = 0; i < 5; i++) {
            assertThat(cache.get(credentials, () -> Mono.fromSupplier(() -> new Token("t" + grants.incrementAndGet(),
                    Instant.parse("2026-11-25T11:00:00Z")))).block().value()).isEqualTo("t1");
        }
        assertThat(grants).hasValue(1);

        Map<String, String> other = Map.of("clientId", "a", "clientSecret", "changed");
        AtomicInteger failures = new AtomicInteger();
        Mono<Token> failing = Mono.defer(() -> failures.incrementAndGet() == 1
                ? Mono.error(new ProviderUnavailable("p", "down", null))
                : Mono.just(new Token("ok", Instant.parse("2026-11-25T11:00:00Z"))));
        assertThat(cache.get(other, () -> failing).onErrorResume(e -> Mono.empty()).block()).isNull();
        assertThat(cache.get(other, () -> failing).block().value()).isEqualTo("ok");
    }

    @Test
    void aTokenInItsLastMinuteIsNotKept() {
        TokenCache<Token> cache = new TokenCache<>(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
        AtomicInteger grants = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            cache.get(Map.of("k", "v"), () -> Mono.fromSupplier(() -> new Token("t" + grants.incrementAndGet(),
                    Instant.parse("2026-11-25T10:00:30Z")))).block();
        }
        assertThat(grants).hasValue(3);
    }
}
