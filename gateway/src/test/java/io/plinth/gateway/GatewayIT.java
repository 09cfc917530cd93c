package io.plinth.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.plinth.test.KeepAliveConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway in front of real HTTP servers. auth-, credit- and integration-service are live
 * (recording servers); video-service is registered at a port nobody listens on; payment-service
 * has no instance at all. Services are found through Spring Cloud's simple discovery client,
 * Eureka is off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        // Routing behaviour only: the edge token check and rate limits are tested in security.EdgeSecurityIT.
        "plinth.security.enabled=false",
        "plinth.gateway.rate-limit.enabled=false",
        "plinth.cors.allowed-origins=https://app.example.com",
        "plinth.gateway.timeouts.routes.credit-service=800ms",
        "plinth.gateway.circuit-breaker.minimum-number-of-calls=4",
        "plinth.gateway.circuit-breaker.sliding-window-size=4",
        "plinth.gateway.circuit-breaker.wait-duration-in-open-state=30s",
        "management.server.port=0",
})
class GatewayIT {

    static final RecordingServer AUTH = RecordingServer.start("auth-service");
    static final RecordingServer CREDIT = RecordingServer.start("credit-service");
    static final RecordingServer INTEGRATION = RecordingServer.start("integration-service");
    static final int CLOSED_PORT = closedPort();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String prefix = "spring.cloud.discovery.client.simple.instances.";
        registry.add(prefix + "auth-service[0].uri", AUTH::uri);
        registry.add(prefix + "credit-service[0].uri", CREDIT::uri);
        registry.add(prefix + "integration-service[0].uri", INTEGRATION::uri);
        registry.add(prefix + "video-service[0].uri", () -> "http://127.0.0.1:" + CLOSED_PORT);
    }

    @AfterAll
    static void stopServices() {
        AUTH.close();
        CREDIT.close();
        INTEGRATION.close();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory breakers;

    WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Test
    void routesToALiveServiceAndEchoesTheRequestId() {
        String id = requestId();

        client.get().uri("/api/v1/auth/me?verbose=true").header("X-Request-Id", id).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", id)
                .expectBody().jsonPath("$.service").isEqualTo("auth-service");

        RecordingServer.Received received = only(AUTH, id);
        assertThat(received.uri()).isEqualTo("/api/v1/auth/me?verbose=true");
        assertThat(received.method()).isEqualTo("GET");
    }

    /**
     * A proxied request and an unknown path pipelined, then one more request on the same connection: all
     * three answered (reactor/reactor-netty#4361 left the last one unread until the client gave up).
     */
    @Test
    void aKeptAliveConnectionIsStillReadAfterPipelinedRequests() throws IOException {
        try (KeepAliveConnection connection = new KeepAliveConnection(port, Duration.ofSeconds(10))) {
            assertThat(connection.pipeline("/api/v1/auth/me", "/no-such-route")).containsExactly(200, 404);
            assertThat(connection.pipeline("/api/v1/auth/me")).containsExactly(200);
        }
    }

    @Test
    void generatesARequestIdWhenNoneOrAnUnsafeOneIsSent() {
        EntityExchangeResult<byte[]> none = client.get().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isOk().expectBody().returnResult();
        String generated = none.getResponseHeaders().getFirst("X-Request-Id");
        assertThat(generated).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(only(AUTH, generated).path()).isEqualTo("/.well-known/jwks.json");

        String unsafe = "x\" onload=alert(1) " + "y".repeat(200);
        EntityExchangeResult<byte[]> replaced = client.get().uri("/.well-known/jwks.json")
                .header("X-Request-Id", unsafe).exchange().expectStatus().isOk().expectBody().returnResult();
        assertThat(replaced.getResponseHeaders().get("X-Request-Id"))
                .singleElement().isNotEqualTo(unsafe).asString().hasSize(36);
    }

    @Test
    void stripsInboundIdentityHeadersButForwardsTheRest() {
        String id = requestId();

        client.get().uri("/api/v1/auth/me").header("X-Request-Id", id)
                .header("X-User-Id", "someone-else").header("X-Auth-Roles", "ROLE_ADMIN")
                .header("Authorization", "Bearer abc").header("Idempotency-Key", "k-1")
                .exchange().expectStatus().isOk();

        RecordingServer.Received received = only(AUTH, id);
        assertThat(received.header("X-User-Id")).isNull();
        assertThat(received.header("X-Auth-Roles")).isNull();
        assertThat(received.header("Authorization")).isEqualTo("Bearer abc");
        assertThat(received.header("Idempotency-Key")).isEqualTo("k-1");
    }

    @ParameterizedTest(name = "{0} reaches {1} at {2}")
    @CsvSource({
            "/api/v1/webhooks/stripe,           integration-service, /api/v1/webhooks/stripe",
            "/api/webhooks/zoom,                integration-service, /api/v1/webhooks/zoom",
            "/api/webhooks/mpesa/cb-token-1,    integration-service, /api/v1/webhooks/mpesa/cb-token-1",
            "/api/stripe/webhook,               integration-service, /api/v1/webhooks/stripe",
            "/api/capcut-pipit/capcut/webhook,  integration-service, /api/v1/webhooks/capcut",
            "/api/capcut-pipit/pipit/webhook,   integration-service, /api/v1/webhooks/pipit",
            "/api/cross-app/auth,               auth-service,        /api/v1/cross-app/auth",
            "/api/cross-app/validate-token,     auth-service,        /api/v1/cross-app/validate-token",
            "/api/cross-app/credits/check,      credit-service,      /api/v1/cross-app/credits/check",
            "/api/cross-app/credits/consume,    credit-service,      /api/v1/cross-app/credits/consume",
            "/api/v1/cross-app/credits/consume, credit-service,      /api/v1/cross-app/credits/consume",
            "/api/v1/admin/webhook-events/e-1/replay, integration-service, /api/v1/admin/webhook-events/e-1/replay",
    })
    void postsReachTheServiceAtTheCurrentPath(String path, String service, String expectedPath) {
        String id = requestId();
        String body = "{\"id\":\"evt_1\"}";

        client.post().uri(path).header("X-Request-Id", id).header("Stripe-Signature", "t=1,v1=abc")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo(service);

        RecordingServer.Received received = only(server(service), id);
        assertThat(received.path()).isEqualTo(expectedPath);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(received.header("Stripe-Signature")).isEqualTo("t=1,v1=abc");
    }

    @Test
    void answers503ProblemWhenTheServiceHasNoInstance() {
        String id = requestId();

        EntityExchangeResult<byte[]> result = client.get().uri("/api/v1/payments/products")
                .header("X-Request-Id", id).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectHeader().valueEquals("X-Request-Id", id)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://plinth.io/problems/service_unavailable")
                .jsonPath("$.title").isEqualTo("Service Unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.code").isEqualTo("service_unavailable")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("payment-service"))
                .jsonPath("$.requestId").isEqualTo(id)
                .returnResult();
        assertThat(Long.parseLong(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isPositive();
    }

    @Test
    void answers503ProblemWhenTheServiceRefusesConnections() {
        client.post().uri("/api/v1/videos/generations").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.code").isEqualTo("service_unavailable");
    }

    @Test
    void answers503AfterTheRoutesTimeLimitWhenTheServiceIsSlow() {
        String id = requestId();
        long started = System.nanoTime();

        client.get().uri("/api/v1/credits/slow").header("X-Request-Id", id).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.code").isEqualTo("service_unavailable")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("time limit"));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isBetween(Duration.ofMillis(800), Duration.ofMillis(2500));
        assertThat(CREDIT.withRequestId(id)).hasSize(1);
    }

    @Test
    void opensTheBreakerAfterRepeatedFailuresAndAdvisesItsWait() {
        CircuitBreaker breaker = breakers.getCircuitBreakerRegistry().circuitBreaker("video-service");

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            client.get().uri("/api/v1/videos/v-1").exchange().expectStatus().isEqualTo(503);
            return breaker.getState() == CircuitBreaker.State.OPEN;
        });

        client.get().uri("/api/v1/videos/v-1").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "30")
                .expectBody()
                .jsonPath("$.code").isEqualTo("service_unavailable")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("paused"));
    }

    @Test
    void carriesManyConcurrentCallsToOneService() {
        int calls = 60;
        WebClient concurrent = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(
                        ConnectionProvider.builder("gateway-it").maxConnections(calls).build())))
                .baseUrl("http://localhost:" + port)
                .build();

        List<Integer> statuses = Flux.range(0, calls)
                .flatMap(i -> concurrent.get().uri("/api/v1/auth/busy")
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())),
                        calls)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(statuses).hasSize(calls).containsOnly(200);
    }

    @Test
    void passesADownstreamErrorThroughUnchanged() {
        client.get().uri("/api/v1/auth/missing").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().json("{\"code\":\"downstream_not_found\",\"service\":\"auth-service\"}", true);

        client.get().uri("/api/v1/meetings/boom").exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class).isEqualTo("downstream exploded");
    }

    @Test
    void rejectsABodyOverOneMegabyteWithContentLength() {
        String id = requestId();
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];

        client.post().uri("/api/v1/webhooks/stripe").header("X-Request-Id", id)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(twoMegabytes).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("payload_too_large")
                .jsonPath("$.status").isEqualTo(413)
                .jsonPath("$.requestId").isEqualTo(id);

        assertThat(INTEGRATION.withRequestId(id)).isEmpty();
    }

    @Test
    void rejectsAChunkedBodyOverOneMegabyte() {
        String id = requestId();

        client.post().uri("/api/v1/credits/consume").header("X-Request-Id", id)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks(32, 64 * 1024), DataBuffer.class).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.code").isEqualTo("payload_too_large");

        assertThat(CREDIT.withRequestId(id)).isEmpty();
    }

    @Test
    void forwardsAChunkedBodyUnderTheLimitWhole() {
        String id = requestId();

        client.post().uri("/api/v1/signatures/envelopes").header("X-Request-Id", id)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks(8, 64 * 1024), DataBuffer.class).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.bytes").isEqualTo(8 * 64 * 1024);

        RecordingServer.Received received = only(INTEGRATION, id);
        assertThat(received.body()).hasSize(8 * 64 * 1024);
        assertThat(received.header("Content-Length")).isEqualTo(Integer.toString(8 * 64 * 1024));
    }

    @Test
    void allowsAPreflightFromAConfiguredOrigin() {
        client.options().uri("/api/v1/credits/consume")
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization, Idempotency-Key")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://app.example.com")
                .expectHeader().value("Access-Control-Allow-Methods", methods -> assertThat(methods).contains("POST"));
    }

    @Test
    void deniesAPreflightFromAnyOtherOrigin() {
        client.options().uri("/api/v1/credits/consume")
                .header("Origin", "https://evil.example.net")
                .header("Access-Control-Request-Method", "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("cors_rejected");
    }

    @Test
    void answersCorsOnceForAProxiedResponse() {
        client.get().uri("/api/v1/auth/me").header("Origin", "https://app.example.com").exchange()
                .expectStatus().isOk()
                .expectHeader().values("Access-Control-Allow-Origin",
                        values -> assertThat(values).containsExactly("https://app.example.com"))
                .expectHeader().value("Access-Control-Expose-Headers",
                        exposed -> assertThat(exposed).contains("X-Request-Id"));
    }

    @Test
    void answersAnUnknownPathWithA404Problem() {
        String id = requestId();
        client.get().uri("/api/v2/nothing-here").header("X-Request-Id", id).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("X-Request-Id", id)
                .expectBody()
                .jsonPath("$.code").isEqualTo("not_found")
                .jsonPath("$.requestId").isEqualTo(id)
                .jsonPath("$.instance").isEqualTo("/api/v2/nothing-here");
    }

    @Test
    void servesEachServicesOpenApiUnderDocs() {
        client.get().uri("/docs/auth-service/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.info.title").isEqualTo("auth-service");
        assertThat(AUTH.received()).anyMatch(r -> r.path().equals("/v3/api-docs"));

        client.get().uri("/docs/gateway/v3/api-docs/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.urls.length()").isEqualTo(5)
                .jsonPath("$.urls[?(@.name == 'integration-service')].url")
                .isEqualTo(List.of("/docs/integration-service/v3/api-docs"));

        client.get().uri("/docs").exchange().expectStatus().is3xxRedirection();
    }

    @Test
    void exposesHealthAndPrometheusOnTheManagementPort() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text)
                        .contains("jvm_memory_used_bytes")
                        .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"auth-service\",state=\"closed\"}")
                        .doesNotContain("resilience4j_bulkhead"));
    }

    private static Flux<DataBuffer> chunks(int count, int size) {
        byte[] chunk = new byte[size];
        Arrays.fill(chunk, (byte) 'a');
        return Flux.range(0, count).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.clone()));
    }

    private static RecordingServer server(String service) {
        return Map.of("auth-service", AUTH, "credit-service", CREDIT, "integration-service", INTEGRATION)
                .get(service);
    }

    private static RecordingServer.Received only(RecordingServer server, String requestId) {
        // The gateway forwards before it answers, so the request has arrived by the time we look.
        List<RecordingServer.Received> received = server.withRequestId(requestId);
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    private static String requestId() {
        return "it-" + RequestIdSequence.next();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class RequestIdSequence {
        private static final java.util.concurrent.atomic.AtomicLong NEXT = new java.util.concurrent.atomic.AtomicLong();

        static long next() {
            return NEXT.incrementAndGet();
        }
    }

}
