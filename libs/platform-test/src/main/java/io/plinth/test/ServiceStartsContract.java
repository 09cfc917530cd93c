package io.plinth.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every Plinth service must show once started against real PostgreSQL and Kafka. A service's start-up test is
 * one line:
 * <pre>{@code
 * class PaymentServiceStartsIT extends ServiceStartsContract { }
 * }</pre>
 *
 * <p>The context is the service's full application on a random port with {@link RealInfrastructure}; any other
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT) @RealInfrastructure} test of the service without further
 * configuration shares it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
public abstract class ServiceStartsContract {

    private static final Duration HEALTH_SETTLES_WITHIN = Duration.ofSeconds(30);

    @LocalServerPort
    private int port;

    @Autowired
    private Environment environment;

    /** Talks to the running server over HTTP, exactly as the gateway or a probe would. */
    protected WebTestClient http;

    @BeforeEach
    void bindHttpClientToServer() {
        http = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Test
    void livenessProbeIsUp() {
        http.get().uri("/actuator/health/liveness")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void readinessIsUpWithExactlyTheMembersItsReadmeDeclares() {
        // Readiness includes a live check of the database; give a just-started context a moment.
        await().atMost(HEALTH_SETTLES_WITHIN).untilAsserted(() -> ReadinessGroup.assertServedAsDeclared(http));
    }

    @Test
    void kafkaIsAComponentOfHealthButNotOfReadiness() {
        await().atMost(HEALTH_SETTLES_WITHIN).untilAsserted(() ->
                http.get().uri("/actuator/health")
                        .exchange()
                        .expectBody()
                        .jsonPath("$.components.kafka.status").isEqualTo("UP"));
        http.get().uri("/actuator/health/readiness")
                .exchange()
                .expectBody()
                .jsonPath("$.components.kafka").doesNotExist();
    }

    @Test
    void prometheusScrapeAnswersInTextFormat() {
        String scrape = http.get().uri("/actuator/prometheus")
                .accept(MediaType.TEXT_PLAIN)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(scrape)
                .contains("# HELP ")
                .contains("# TYPE jvm_memory_used_bytes gauge")
                .containsPattern("(?m)^jvm_memory_used_bytes\\{.*} [0-9.eE+-]+$");
    }

    @Test
    void flywayCreatedTheOutboxAndInboxTables() throws SQLException {
        assertThat(tablesInServiceDatabase()).contains("outbox", "inbox");
    }

    @Test
    void openApiDocumentIsServed() {
        http.get().uri("/v3/api-docs")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.openapi").value(version -> assertThat(version).asString().startsWith("3."));
    }

    /**
     * Pipelined requests answered at once, then one more on the same connection: every one is answered
     * (reactor/reactor-netty#4361 left the last one unread until the client timed out).
     */
    @Test
    void aKeptAliveConnectionIsStillReadAfterPipelinedRequests() throws IOException {
        try (KeepAliveConnection connection = new KeepAliveConnection(port, Duration.ofSeconds(10))) {
            assertThat(connection.pipeline("/actuator/health/readiness", "/api/v1/no-such-thing")).containsExactly(200, 401);
            assertThat(connection.pipeline("/actuator/health/liveness")).containsExactly(200);
        }
    }

    /** Reads the catalog through the same JDBC URL and user Flyway migrated with. */
    private Set<String> tablesInServiceDatabase() throws SQLException {
        Set<String> tables = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(
                        environment.getRequiredProperty("spring.flyway.url"),
                        environment.getRequiredProperty("spring.flyway.user"),
                        environment.getRequiredProperty("spring.flyway.password"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }
}
