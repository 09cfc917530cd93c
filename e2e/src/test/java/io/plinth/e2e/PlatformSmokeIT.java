package io.plinth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.devstack.Components;
import io.plinth.devstack.Devstack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The platform's main flows across processes, through the gateway of the shared {@link RunningPlatform}. */
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformSmokeIT {

    private static final List<String> EXPECTED_IN_EUREKA = List.of(
            "GATEWAY", "AUTH-SERVICE", "CREDIT-SERVICE", "PAYMENT-SERVICE", "VIDEO-SERVICE", "INTEGRATION-SERVICE");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Devstack platform;

    @BeforeAll
    static void useTheRunningPlatform() {
        platform = RunningPlatform.devstack();
    }

    @Test
    @Order(1)
    void eurekaListsTheGatewayAndAllFiveServicesAsUp() {
        URI apps = platform.url(Components.DISCOVERY).resolve("/eureka/apps");

        await("gateway and the five services registered UP in Eureka")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    String body = get(apps, "application/json").body();
                    for (String app : EXPECTED_IN_EUREKA) {
                        List<String> statuses = JsonPath.read(body,
                                "$.applications.application[?(@.name == '" + app + "')].instance[*].status");
                        assertThat(statuses).as("%s instances in %s", app, apps).contains("UP");
                    }
                });
    }

    @Test
    @Order(2)
    void theGatewayReportsItselfUp() throws Exception {
        HttpResponse<String> health = get(platform.url(Components.GATEWAY).resolve("/actuator/health"), "application/json");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(health.body(), "$.status")).isEqualTo("UP");
    }

    /**
     * The main flow across processes: auth-service publishes user.registered through its outbox,
     * Kafka carries it, credit-service opens the wallet with the starting credits; then spends and
     * an admin grant go through the gateway's token check to credit-service.
     */
    @Test
    @Order(3)
    void aNewUserGetsStartingCreditsAndSpendsThemOnceThroughTheGateway() throws Exception {
        URI gateway = platform.url(Components.GATEWAY);
        String email = "e2e-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = post(gateway.resolve("/api/v1/auth/register"), null, null,
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String userId = JsonPath.read(registered.body(), "$.userId");
        String token = login(gateway, email, "correct horse battery");

        await("the wallet opened from user.registered with the 3 starting credits")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(balance(gateway, token)).isEqualTo(3));

        String spend = "{\"credits\":2,\"service\":\"notes-export\"}";
        HttpResponse<String> first = post(gateway.resolve("/api/v1/credits/consume"), token, "e2e-order-1", spend);
        HttpResponse<String> retried = post(gateway.resolve("/api/v1/credits/consume"), token, "e2e-order-1", spend);
        HttpResponse<String> tooMuch = post(gateway.resolve("/api/v1/credits/consume"), token, "e2e-order-2", spend);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat((Integer) JsonPath.read(first.body(), "$.balance")).isEqualTo(1);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(tooMuch.statusCode()).isEqualTo(402);
        assertThat(tooMuch.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat((String) JsonPath.read(tooMuch.body(), "$.code")).isEqualTo("insufficient_credits");

        String admin = login(gateway, platform.settings().adminEmail(), platform.settings().adminPassword());
        HttpResponse<String> granted = post(gateway.resolve("/api/v1/admin/credits/" + userId + "/grant"), admin,
                "e2e-grant-1", "{\"credits\":10,\"reason\":\"e2e\"}");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(balance(gateway, token)).isEqualTo(11);

        HttpResponse<String> history = send(HttpRequest.newBuilder(gateway.resolve("/api/v1/credits/transactions"))
                .header("Authorization", "Bearer " + token).GET());
        List<String> types = JsonPath.read(history.body(), "$.items[*].type");
        assertThat(types).containsExactly("admin_grant", "consume", "starting_grant");

        // A partner app spends for the user until an admin revokes it; its session dies with it.
        HttpResponse<String> app = post(gateway.resolve("/api/v1/admin/apps"), admin, null,
                "{\"name\":\"e2e quiz\",\"domain\":\"quiz.example.com\",\"permissions\":[\"read_credits\",\"consume_credits\"]}");
        assertThat(app.statusCode()).as(app.body()).isEqualTo(201);
        String appId = JsonPath.read(app.body(), "$.appId");
        HttpResponse<String> appSession = send(HttpRequest.newBuilder(gateway.resolve("/api/v1/cross-app/auth"))
                .header("Content-Type", "application/json")
                .header("X-API-Key", JsonPath.<String>read(app.body(), "$.apiKey"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"appId\":\"" + appId + "\",\"email\":\"" + email
                        + "\",\"password\":\"correct horse battery\"}")));
        assertThat(appSession.statusCode()).as(appSession.body()).isEqualTo(200);
        String appSpend = "{\"sessionToken\":\"" + JsonPath.read(appSession.body(), "$.sessionToken")
                + "\",\"appId\":\"" + appId + "\",\"credits\":1,\"service\":\"quiz-hints\"}";

        HttpResponse<String> beforeRevocation = post(gateway.resolve("/api/v1/cross-app/credits/consume"), null,
                "e2e-app-1", appSpend);
        assertThat(beforeRevocation.statusCode()).as(beforeRevocation.body()).isEqualTo(200);
        HttpResponse<String> revoked = send(HttpRequest.newBuilder(gateway.resolve("/api/v1/admin/apps/" + appId))
                .header("Authorization", "Bearer " + admin).DELETE());
        assertThat(revoked.statusCode()).as(revoked.body()).isBetween(200, 204);
        HttpResponse<String> afterRevocation = post(gateway.resolve("/api/v1/cross-app/credits/consume"), null,
                "e2e-app-2", appSpend);
        assertThat(afterRevocation.statusCode()).as(afterRevocation.body()).isEqualTo(401);
        assertThat(balance(gateway, token)).isEqualTo(10);
    }

    @Test
    @Order(4)
    void aStoppedServiceIsA503ProblemWithRetryAfterUntilItIsBack() throws Exception {
        URI gateway = platform.url(Components.GATEWAY);
        String email = "e2e-" + UUID.randomUUID() + "@example.com";
        post(gateway.resolve("/api/v1/auth/register"), null, null,
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");
        String token = login(gateway, email, "correct horse battery");
        HttpRequest.Builder balance = HttpRequest.newBuilder(gateway.resolve("/api/v1/credits/balance"))
                .header("Authorization", "Bearer " + token).GET();

        platform.stop(Components.CREDIT);
        try {
            HttpResponse<String> down = send(balance);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat((String) JsonPath.read(down.body(), "$.code")).isEqualTo("service_unavailable");
        } finally {
            platform.start(Components.CREDIT);
        }
        await("credit-service routed again after its restart")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(send(balance).statusCode()).isEqualTo(200));
    }

    private static String login(URI gateway, String email, String password) throws Exception {
        HttpResponse<String> login = post(gateway.resolve("/api/v1/auth/login"), null, null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return JsonPath.read(login.body(), "$.accessToken");
    }

    private static int balance(URI gateway, String token) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway.resolve("/api/v1/credits/balance"))
                .header("Authorization", "Bearer " + token).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.read(response.body(), "$.balance");
    }

    private static HttpResponse<String> post(URI uri, String token, String idempotencyKey, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI uri, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Accept", accept).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
