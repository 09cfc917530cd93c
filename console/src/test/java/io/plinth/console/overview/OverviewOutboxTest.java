package io.plinth.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The Overview's outbox column against a stand-in gateway that answers as the platform does: each service's figure
 * as it reported it, and "unknown" (with the reason on hover) for one that is unavailable or answers nonsense,
 * never an error page. The real platform behind it is ConsoleE2EIT's and KafkaOutageIT's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "eureka.client.enabled=false")
@AutoConfigureWebTestClient
class OverviewOutboxTest {

    private static final Queue<String> SEEN = new ConcurrentLinkedQueue<>();
    private static final HttpServer GATEWAY = gateway(Map.of(
            "auth-service", answer(200, "{\"service\":\"auth-service\",\"unpublished\":0,\"oldestAgeSeconds\":0,\"oldestCreatedAt\":null}"),
            "credit-service", answer(200, "{\"service\":\"credit-service\",\"unpublished\":7,\"oldestAgeSeconds\":95,"
                    + "\"oldestCreatedAt\":\"2026-11-25T10:00:00Z\"}"),
            "payment-service", answer(503, "{\"title\":\"Service Unavailable\",\"status\":503,\"code\":\"service_unavailable\"}"),
            "video-service", answer(200, "<html>not the API</html>"),
            "integration-service", answer(200, "{\"service\":\"integration-service\",\"unpublished\":2,\"oldestAgeSeconds\":7200,"
                    + "\"oldestCreatedAt\":\"2026-11-25T08:00:00Z\"}")));

    private record Answer(int status, String body) {
    }

    @DynamicPropertySource
    static void pointAtTheStandIn(DynamicPropertyRegistry registry) {
        registry.add("plinth.console.api-url", () -> "http://127.0.0.1:" + GATEWAY.getAddress().getPort());
    }

    @AfterAll
    static void stopTheStandIn() {
        GATEWAY.stop(0);
    }

    @Autowired
    WebTestClient web;

    @Test
    void eachServiceShowsItsOwnBacklogAndOneThatCannotSayShowsUnknown() {
        String token = adminToken();

        String page = web.mutate().responseTimeout(Duration.ofSeconds(30)).build()
                .get().uri("/console").cookie("plinth_console_access", token).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(row(page, "auth-service")).contains("data-unpublished=\"0\"", ">0</td>");
        assertThat(row(page, "credit-service")).contains("data-unpublished=\"7\"", "data-oldest-age-seconds=\"95\"",
                "7 (oldest 1 min)");
        assertThat(row(page, "integration-service")).contains("2 (oldest 2 h 0 min)");
        assertThat(row(page, "payment-service")).contains("num outbox bad", "title=\"Service Unavailable\"", ">unknown</td>")
                .doesNotContain("data-unpublished");
        assertThat(row(page, "video-service")).contains("title=\"unreadable answer\"", ">unknown</td>");
        assertThat(row(page, "gateway")).contains("<td class=\"num outbox\">—</td>");
        assertThat(row(page, "console")).contains("<td class=\"num outbox\">—</td>");
        // Asked with the operator's own token, each service under its own path.
        assertThat(SEEN).contains("Bearer " + token + " /api/v1/admin/services/credit-service/outbox",
                "Bearer " + token + " /api/v1/admin/services/payment-service/outbox");
    }

    @Test
    void agesReadAsAnOperatorWouldSayThem() {
        assertThat(OutboxBacklog.age(Duration.ofSeconds(59))).isEqualTo("59 s");
        assertThat(OutboxBacklog.age(Duration.ofSeconds(95))).isEqualTo("1 min");
        assertThat(OutboxBacklog.age(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
        assertThat(OutboxBacklog.age(Duration.ofHours(50))).isEqualTo("2 d 2 h");
        assertThat(OutboxBacklog.of(0, 0).text()).isEqualTo("0");
        assertThat(OutboxBacklog.unknown(null).unknown()).isEqualTo("no answer");
    }

    private static String row(String page, String service) {
        int start = page.indexOf("data-service=\"" + service + "\"");
        assertThat(start).as(service + " row").isPositive();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    private static String adminToken() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String claims = "{\"sub\":\"ops-1\",\"roles\":[\"ADMIN\"],\"exp\":" + Instant.now().plusSeconds(600).getEpochSecond() + "}";
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    private static Answer answer(int status, String body) {
        return new Answer(status, body);
    }

    private static HttpServer gateway(Map<String, Answer> outboxes) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                SEEN.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + path);
                String service = path.replaceFirst("^/api/v1/admin/services/([^/]+)/outbox$", "$1");
                Answer answer = outboxes.getOrDefault(service, answer(200, "{\"items\":[],\"nextCursor\":null}"));
                respond(exchange, answer);
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                answer.status() >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
