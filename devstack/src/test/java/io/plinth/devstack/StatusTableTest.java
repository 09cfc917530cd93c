package io.plinth.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTableTest {

    @Test
    void showsStateHealthKafkaOutboxPidUptimeAndEndpointPerComponent() {
        String table = StatusTable.format(List.of(
                new ComponentStatus("postgres", 15432, ComponentState.RUNNING, true, 101L, Duration.ofSeconds(75), null, null,
                        null),
                new ComponentStatus("kafka", 9092, ComponentState.STOPPED, null, null, null, 143, null, null),
                new ComponentStatus("auth-service", 8081, ComponentState.RUNNING, true, 102L, Duration.ofSeconds(80), null,
                        URI.create("http://localhost:8081"), new EventFlow("DOWN", 12L, 41L)),
                new ComponentStatus("credit-service", 8082, ComponentState.RUNNING, true, 103L, Duration.ofSeconds(80),
                        null, URI.create("http://localhost:8082"), new EventFlow("UP", 0L, 0L)),
                new ComponentStatus("gateway", 8080, ComponentState.EXITED, null, null, null, 137,
                        URI.create("http://localhost:8080"), null)));

        assertThat(table.lines()).containsExactly(
                "COMPONENT            PORT   STATE       HEALTH  KAFKA  OUTBOX      PID      UPTIME    ENDPOINT",
                "postgres             15432  running     UP      -      -           101      1m15s     jdbc:postgresql://localhost:15432/",
                "kafka                9092   stopped     -       -      -           -        -         localhost:9092",
                "auth-service         8081   running     UP      DOWN   12 (41s)    102      1m20s     http://localhost:8081",
                "credit-service       8082   running     UP      UP     0           103      1m20s     http://localhost:8082",
                "gateway              8080   exited(137) -       -      -           -        -         http://localhost:8080");
    }

    @Test
    void theStartUpSummaryNamesEveryUrlAndTheAdminAccount() {
        String summary = StatusTable.summary(DevstackSettings.defaults(Path.of("/repo")));

        assertThat(summary).contains(
                "gateway             http://localhost:8080   (API docs: http://localhost:8080/docs)",
                "gateway management  http://localhost:8180   (health, metrics: /actuator/prometheus; not routed)",
                "eureka              http://localhost:8761",
                "provider-sandbox    http://localhost:8090",
                "credit-service      http://localhost:8082",
                "jdbc:postgresql://localhost:15432/",
                "kafka               localhost:9092",
                "object store (S3)   http://localhost:9000   (video-service's MP4s, data under .plinth/s3",
                "admin@plinth.local / plinth-admin",
                ".plinth/logs/NAME.log");
    }
}
