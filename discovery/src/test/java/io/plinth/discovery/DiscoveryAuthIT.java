package io.plinth.discovery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry as compose and Kubernetes run it, with PLINTH_DISCOVERY_PASSWORD set: without the credentials
 * nobody can read it or register an instance (and so redirect a gateway route), while probes still answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "plinth.discovery.username=plinth",
        "plinth.discovery.password=" + DiscoveryAuthIT.PASSWORD,
})
@DirtiesContext
class DiscoveryAuthIT {

    static final String PASSWORD = "s3cret-registry";

    private static final String FAKE_INSTANCE = """
            {"instance":{"instanceId":"evil-1","hostName":"10.9.9.9","app":"CREDIT-SERVICE",
             "ipAddr":"10.9.9.9","status":"UP","port":{"$":8082,"@enabled":"true"},
             "securePort":{"$":443,"@enabled":"false"},
             "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}
            """;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Test
    void refusesToRegisterAnInstanceWithoutCredentials() throws Exception {
        assertThat(register("PAYMENT-SERVICE", null).statusCode()).isEqualTo(401);
        assertThat(register("PAYMENT-SERVICE", basic("plinth", "wrong")).statusCode()).isEqualTo(401);
        assertThat(register("PAYMENT-SERVICE", basic("someone", PASSWORD)).statusCode()).isEqualTo(401);

        HttpResponse<String> app = get("/eureka/apps/PAYMENT-SERVICE", basic("plinth", PASSWORD));
        assertThat(app.statusCode()).isEqualTo(404);
    }

    @Test
    void servesTheRegistryOnlyWithCredentials() throws Exception {
        assertThat(get("/eureka/apps", null).statusCode()).isEqualTo(401);
        assertThat(get("/", null).statusCode()).isEqualTo(401);

        assertThat(register("CREDIT-SERVICE", basic("plinth", PASSWORD)).statusCode()).isEqualTo(204);
        HttpResponse<String> apps = get("/eureka/apps/CREDIT-SERVICE", basic("plinth", PASSWORD));
        assertThat(apps.statusCode()).isEqualTo(200);
        assertThat(apps.body()).contains("evil-1");
    }

    @Test
    void keepsProbesAndMetricsOpen() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(url("/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> register(String app, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url("/eureka/apps/" + app))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FAKE_INSTANCE.replace("CREDIT-SERVICE", app)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
