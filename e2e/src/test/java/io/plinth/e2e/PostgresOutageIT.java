package io.plinth.e2e;

import static io.plinth.e2e.Gateway.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.devstack.ComponentStatus;
import io.plinth.devstack.Components;
import io.plinth.devstack.Devstack;
import io.plinth.e2e.Gateway.User;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL is what the services cannot answer without: while it is down they answer 503 problems at
 * once (never a hang until the route's time limit), and they come back by themselves when it returns.
 */
@ExtendWith(RunningPlatform.class)
class PostgresOutageIT {

    /** The gateway's time limit for API routes ({@code plinth.gateway.timeouts.api}). */
    private static final Duration ROUTE_TIME_LIMIT = Duration.ofSeconds(10);

    @Test
    void withoutPostgresRequestsAre503ProblemsAtOnceAndServicesRecoverWithoutARestart() {
        Devstack platform = RunningPlatform.devstack();
        Gateway api = new Gateway(RunningPlatform.gateway());
        User user = api.registerNewUser();
        String token = api.token(user.email(), PASSWORD);
        assertThat(api.balance(token).statusCode()).isEqualTo(200);
        Map<String, Long> pids = servicePids(platform);

        platform.stop(Components.POSTGRES);
        try {
            // then: each call is refused quickly with a problem; at first by the service itself (its pool finds
            // no database), a few seconds later by the gateway (readiness DOWN, so Eureka stops routing)
            assertQuick503Problem("balance", () -> api.balance(token));
            assertQuick503Problem("login", () -> api.login(user.email(), PASSWORD));
            assertQuick503Problem("register", () -> api.register("e2e-" + UUID.randomUUID() + "@example.com"));
            await("services not ready without their database").atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(platform.status().stream()
                            .filter(row -> Components.SERVICES.contains(row.name())))
                            .allSatisfy(row -> assertThat(row.healthy()).as(row.name()).isFalse()));
            assertQuick503Problem("balance, out of routing", () -> api.balance(token));
        } finally {
            // Returns once the gateway routes to every service again.
            platform.start(Components.POSTGRES);
        }

        // then: the same processes serve again, reads and writes alike
        await("services back without a restart").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    assertThat(api.balance(token).statusCode()).isEqualTo(200);
                    assertThat(api.login(user.email(), PASSWORD).statusCode()).isEqualTo(200);
                });
        User after = api.registerNewUser();
        await("the wallet of a user registered after the outage").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    HttpResponse<String> balance = api.balance(api.token(after.email(), PASSWORD));
                    assertThat(balance.statusCode()).isEqualTo(200);
                    assertThat((Integer) JsonPath.read(balance.body(), "$.balance")).isEqualTo(3);
                });
        assertThat(servicePids(platform)).isEqualTo(pids);
    }

    private static void assertQuick503Problem(String what, Supplier<HttpResponse<String>> call) {
        Instant start = Instant.now();
        HttpResponse<String> response = call.get();
        Duration took = Duration.between(start, Instant.now());

        assertThat(took).as("%s answered after %s", what, took).isLessThan(ROUTE_TIME_LIMIT);
        assertThat(response.statusCode()).as("%s: %s", what, response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).as(what)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat((String) JsonPath.read(response.body(), "$.code")).as(what)
                .isIn("service_unavailable", "dependency_unavailable");
    }

    private static Map<String, Long> servicePids(Devstack platform) {
        return platform.status().stream()
                .filter(row -> Components.SERVICES.contains(row.name()))
                .collect(Collectors.toMap(ComponentStatus::name, ComponentStatus::pid));
    }
}
