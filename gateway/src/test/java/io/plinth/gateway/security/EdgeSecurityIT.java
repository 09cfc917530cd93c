package io.plinth.gateway.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import io.plinth.test.security.TestTokens;
import io.plinth.test.security.UseTestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The edge check against the TestTokens JWKS, with one real HTTP server standing in for every service
 * (it echoes what reached it, so the test sees whether a request was proxied and with which headers).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "plinth.gateway.rate-limit.user-capacity=5",
        "plinth.gateway.rate-limit.user-refill-per-second=0.1",
        "plinth.gateway.rate-limit.address-capacity=20",
        "plinth.gateway.rate-limit.address-refill-per-second=0.1",
        // Each test calls from its own pretend address, so the address buckets of tests stay apart.
        "plinth.gateway.rate-limit.trust-forwarded-for=true"
})
@UseTestTokens
class EdgeSecurityIT {

    static final HttpServer UPSTREAM = startUpstream();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String uri = "http://127.0.0.1:" + UPSTREAM.getAddress().getPort();
        for (String service : new String[]{"auth-service", "credit-service", "payment-service", "video-service",
                "integration-service"}) {
            registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri", () -> uri);
        }
    }

    @AfterAll
    static void stop() {
        UPSTREAM.stop(0);
    }

    @LocalServerPort
    int port;

    WebTestClient client() {
        return client(uniqueAddress());
    }

    WebTestClient client(String address) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeader("X-Forwarded-For", address)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    static String uniqueAddress() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    @Test
    void perAddressRateLimitCoversAnonymousCallersToo() {
        WebTestClient sameAddress = client(uniqueAddress());
        for (int i = 0; i < 20; i++) {
            sameAddress.get().uri("/api/v1/payments/products").exchange().expectStatus().isOk();
        }
        sameAddress.get().uri("/api/v1/payments/products").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.code").isEqualTo("rate_limited");
        client().get().uri("/api/v1/payments/products").exchange().expectStatus().isOk();
    }

    @Test
    void validTokenIsProxiedWithItsBearerAndWithoutSpoofedIdentityHeaders() {
        String token = TestTokens.user(UUID.randomUUID().toString()).sign();
        client().get().uri("/api/v1/credits/balance")
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("X-User-Id", "someone-else");
                })
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.path").isEqualTo("/api/v1/credits/balance")
                .jsonPath("$.authorization").isEqualTo("Bearer " + token)
                .jsonPath("$.xUserId").isEqualTo("");
    }

    @Test
    void missingTokenIs401AndNothingIsProxied() {
        client().get().uri("/api/v1/credits/balance").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectBody().jsonPath("$.code").isEqualTo("unauthorized").jsonPath("$.path").doesNotExist();
    }

    static Stream<Arguments> badTokens() {
        TestTokens.Builder b = TestTokens.user("u-bad");
        return Stream.of(
                Arguments.of("expired", b.expired()),
                Arguments.of("tampered", b.tampered()),
                Arguments.of("alg none", b.algNone()),
                Arguments.of("hs256 with the public key", b.hs256()),
                Arguments.of("wrong audience", b.wrongAudience()),
                Arguments.of("unknown kid", b.unknownKid()),
                Arguments.of("cross-app session token", TestTokens.app("app-1", "u-bad", "read_credits").sign()),
                Arguments.of("garbage", "garbage"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void badTokensAre401ProblemJson(String kind, String token) {
        client().get().uri("/api/v1/credits/balance").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.code").isEqualTo("invalid_token");
    }

    @Test
    void publicRoutesNeedNoToken() {
        client().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.path").isEqualTo("/api/v1/auth/login");
        client().get().uri("/api/v1/payments/products").exchange().expectStatus().isOk();
        client().get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk();
        client().post().uri("/api/v1/webhooks/stripe").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isOk();
        // ... but only those: the payments list next to the products listing is protected.
        client().get().uri("/api/v1/payments").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void perUserRateLimitAnswers429WithRetryAfter() {
        String token = TestTokens.user(UUID.randomUUID().toString()).sign();
        for (int i = 0; i < 5; i++) {
            client().get().uri("/api/v1/credits/balance").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isOk();
        }
        client().get().uri("/api/v1/credits/balance").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.code").isEqualTo("rate_limited");
        // Another user is not affected.
        client().get().uri("/api/v1/credits/balance")
                .headers(h -> h.setBearerAuth(TestTokens.user(UUID.randomUUID().toString()).sign())).exchange()
                .expectStatus().isOk();
    }

    private static HttpServer startUpstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                String xUser = exchange.getRequestHeaders().getFirst("X-User-Id");
                String body = "{\"path\":\"" + exchange.getRequestURI().getPath() + "\",\"authorization\":\""
                        + (auth == null ? "" : auth) + "\",\"xUserId\":\"" + (xUser == null ? "" : xUser) + "\"}";
                exchange.getRequestBody().readAllBytes();
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
