package io.plinth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.devstack.Components;
import io.plinth.devstack.Devstack;
import io.plinth.devstack.DevstackSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole platform started the way {@code ./plinth up} starts it — same topology, same child
 * JVMs, same environment, through the devstack's Java API — on ports the OS reports free, with a
 * throw-away state directory under {@code target/devstack}, so it never collides with a
 * developer's running devstack. Each component's log stays in {@code target/devstack/logs}.
 */
class PlatformSmokeIT {

    private static final List<String> EXPECTED_IN_EUREKA = List.of(
            "GATEWAY", "AUTH-SERVICE", "CREDIT-SERVICE", "PAYMENT-SERVICE", "VIDEO-SERVICE", "INTEGRATION-SERVICE");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Devstack platform;

    @BeforeAll
    static void startThePlatform() {
        String root = System.getProperty("plinth.root");
        String dir = System.getProperty("plinth.e2e.dir");
        if (root == null || dir == null) {
            fail("plinth.root and plinth.e2e.dir are not set: run this test through Maven (./mvnw verify)");
        }
        // Every stage of the platform may take this long; a 2-core CI box starting six JVMs at once needs it.
        Duration stageTimeout = Duration.ofSeconds(Long.getLong("plinth.e2e.stageTimeoutSeconds", 600));
        DevstackSettings settings = DevstackSettings.defaults(Path.of(root))
                .withStateDir(Path.of(dir))
                .withKeepData(false)
                .withFreePorts()
                .withStartTimeout(stageTimeout)
                // A one-shot platform: recording class-data-sharing archives would only slow its stop.
                .withClassDataSharing(false);
        platform = Devstack.start(settings, line -> System.out.println("[devstack] " + line));
    }

    @AfterAll
    static void stopThePlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
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
    void theGatewayReportsItselfUp() throws Exception {
        HttpResponse<String> health = get(platform.url(Components.GATEWAY).resolve("/actuator/health"), "application/json");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(health.body(), "$.status")).isEqualTo("UP");
    }

    private static HttpResponse<String> get(URI uri, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Accept", accept).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
