package io.plinth.discovery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.netflix.eureka.EurekaClientConfigBean;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The registry as the devstack runs it: standalone, answering on a random port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // PeerModeIT starts a differently configured registry; two in one JVM would share Eureka's statics.
class DiscoveryIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    EurekaClientConfigBean clientConfig;

    @Test
    void startsStandaloneAndAnswersTheRegistry() throws Exception {
        assertThat(clientConfig.shouldRegisterWithEureka()).isFalse();
        assertThat(clientConfig.shouldFetchRegistry()).isFalse();

        HttpResponse<String> apps = get("/eureka/apps");

        assertThat(apps.statusCode()).isEqualTo(200);
        assertThat(apps.body()).contains("\"applications\"");
    }

    @Test
    void listsAnInstanceOnceItRegisters() throws Exception {
        String instance = """
                {"instance":{"instanceId":"probe-1","hostName":"127.0.0.1","app":"PLINTH-PROBE",
                 "ipAddr":"127.0.0.1","status":"UP","port":{"$":9999,"@enabled":"true"},
                 "securePort":{"$":443,"@enabled":"false"},
                 "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}
                """;
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(url("/eureka/apps/PLINTH-PROBE"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(instance)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            HttpResponse<String> app = get("/eureka/apps/PLINTH-PROBE");
            assertThat(app.statusCode()).isEqualTo(200);
            assertThat(app.body()).contains("probe-1").contains("\"UP\"");
        });
    }

    @Test
    void exposesHealthAndPrometheus() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");

        HttpResponse<String> prometheus = http.send(HttpRequest.newBuilder(url("/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
