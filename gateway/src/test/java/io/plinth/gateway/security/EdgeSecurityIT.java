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
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.netty.http.client.HttpClient;
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
        // The test client on 127.0.0.1 plays a trusted proxy (an ingress) that appends X-Forwarded-For, so each
        // test calls from its own pretend address and the address buckets of tests stay apart. A client bound
        // to 127.0.0.2 plays a caller that reaches the gateway directly.
        "plinth.gateway.trusted-proxies=127.0.0.1/32",
        "management.server.port=0"
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

    @LocalManagementPort
    int managementPort;

    WebTestClient client() {
        return client(uniqueAddress());
    }

    WebTestClient client(String address) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeader("X-Forwarded-For", address)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    /**
     * A caller that reaches the gateway directly from {@code localAddress} (127.0.0.x, not a trusted proxy).
     * Each test uses its own, so their address buckets stay apart.
     */
    WebTestClient direct(String localAddress) {
        HttpClient from = HttpClient.create().bindAddress(() -> new InetSocketAddress(localAddress, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(from))
                .baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
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
    void twoClientsBehindATrustedProxyGetSeparateBuckets() {
        // Both arrive from the proxy (127.0.0.1); the proxy's X-Forwarded-For tells them apart.
        WebTestClient first = client(uniqueAddress());
        for (int i = 0; i < 20; i++) {
            first.get().uri("/api/v1/payments/products").exchange().expectStatus().isOk();
        }
        first.get().uri("/api/v1/payments/products").exchange().expectStatus().isEqualTo(429);
        client(uniqueAddress()).get().uri("/api/v1/payments/products").exchange().expectStatus().isOk();
    }

    @Test
    void aDirectCallerCannotPickItsOwnBucketWithXForwardedFor() {
        WebTestClient attacker = direct("127.0.0.3");
        for (int i = 0; i < 20; i++) {
            String forged = uniqueAddress();
            attacker.get().uri("/api/v1/payments/products").header("X-Forwarded-For", forged).exchange()
                    .expectStatus().isOk();
        }
        attacker.get().uri("/api/v1/payments/products").header("X-Forwarded-For", uniqueAddress()).exchange()
                .expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.code").isEqualTo("rate_limited");
    }

    @Test
    void servicesReceiveTheAddressTheGatewayDecidedNeverTheCallersCopy() {
        // A direct caller's forged headers are ignored: the address is its TCP peer.
        direct("127.0.0.2").post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .header("X-Plinth-Client-Address", "203.0.113.9")
                .header("X-Forwarded-For", "198.51.100.7")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.clientAddress").isEqualTo("127.0.0.2");
        // Behind the trusted proxy: the right-most hop the proxy appended, not what the client put before it.
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .header("X-Plinth-Client-Address", "203.0.113.9")
                .header("X-Forwarded-For", "198.51.100.7, 192.0.2.44")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.clientAddress").isEqualTo("192.0.2.44");
        // A chain of trusted proxies is walked until the first hop that is not one of them.
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .header("X-Forwarded-For", "198.51.100.7, 192.0.2.45, 127.0.0.1")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.clientAddress").isEqualTo("192.0.2.45");
    }

    @Test
    void logoutNeedsNoValidAccessTokenAtTheEdge() {
        // The refresh token in the body is the credential; an expired access token must not stop a logout.
        client().post().uri("/api/v1/auth/logout").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(TestTokens.user("u-expired").expired()))
                .bodyValue("{\"refreshToken\":\"rt_x\"}")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/api/v1/auth/logout");
        client().post().uri("/api/v1/auth/logout").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"refreshToken\":\"rt_x\"}")
                .exchange().expectStatus().isOk();
    }

    @Test
    void metricsAndHealthAreOnlyOnTheManagementPort() {
        client().get().uri("/actuator/prometheus").exchange()
                .expectStatus().value(status -> org.assertj.core.api.Assertions.assertThat(status).isIn(401, 404));
        client().get().uri("/actuator/health").exchange()
                .expectStatus().value(status -> org.assertj.core.api.Assertions.assertThat(status).isIn(401, 404));
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
        management.get().uri("/actuator/health").exchange().expectStatus().isOk();
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(text -> org.assertj.core.api.Assertions.assertThat(text)
                        .contains("jvm_memory_used_bytes"));
    }

    @Test
    void theDocsPageAndEverythingItLoadsNeedNoToken() {
        WebTestClient anonymous = client();
        String location = anonymous.get().uri("/docs").exchange()
                .expectStatus().is3xxRedirection()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();
        anonymous.get().uri(location).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
        String base = location.substring(0, location.lastIndexOf('/') + 1);
        for (String asset : new String[]{"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
                "swagger-initializer.js"}) {
            anonymous.get().uri(base + asset).exchange().expectStatus().isOk();
        }
        anonymous.get().uri("/docs/gateway/v3/api-docs/swagger-config").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.urls.length()").isEqualTo(5);
        for (String service : io.plinth.gateway.routing.PlinthRoutes.SERVICES) {
            anonymous.get().uri(io.plinth.gateway.routing.PlinthRoutes.docsPath(service)).exchange()
                    .expectStatus().isOk();
        }
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
                String clientAddress = exchange.getRequestHeaders().getFirst("X-Plinth-Client-Address");
                String body = "{\"path\":\"" + exchange.getRequestURI().getPath() + "\",\"authorization\":\""
                        + (auth == null ? "" : auth) + "\",\"xUserId\":\"" + (xUser == null ? "" : xUser)
                        + "\",\"clientAddress\":\"" + (clientAddress == null ? "" : clientAddress) + "\"}";
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
