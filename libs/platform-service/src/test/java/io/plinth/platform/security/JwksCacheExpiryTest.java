package io.plinth.platform.security;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.plinth.jwt.JwksCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After an emergency rotation auth-service drops the suspect key from its JWKS at once; a verifier
 * with the default settings must stop trusting its cached copy within a minute, not five.
 */
class JwksCacheExpiryTest {

    private final AtomicReference<String> served = new AtomicReference<>();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aKeyDroppedFromTheJwksStopsVerifyingWithinOneMinuteByDefault() throws Exception {
        RSAKey suspect = new RSAKeyGenerator(2048).keyID("suspect").generate();
        RSAKey fresh = new RSAKeyGenerator(2048).keyID("fresh").generate();
        served.set(new JWKSet(suspect.toPublicJWK()).toString());
        MovableClock clock = new MovableClock();
        PlinthSecurityProperties defaults = PlinthSecurityProperties.defaults();
        JwksCache cache = new JwksCache(WebClient.create(),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json"),
                defaults.jwksTtl(), defaults.jwksRefreshCooldown(), clock);
        SignedJWT signedBySuspect = signedBy(suspect);
        assertThat(cache.apply(signedBySuspect).collectList().block()).hasSize(1);

        // Emergency rotation: auth-service now publishes only the new key.
        served.set(new JWKSet(fresh.toPublicJWK()).toString());
        clock.advance(Duration.ofSeconds(61));

        assertThat(cache.apply(signedBySuspect).collectList().block()).isEmpty();
        assertThat(cache.apply(signedBy(fresh)).collectList().block()).hasSize(1);
    }

    private static SignedJWT signedBy(RSAKey key) {
        return new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("someone").build());
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
