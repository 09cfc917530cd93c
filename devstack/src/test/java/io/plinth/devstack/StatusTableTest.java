package io.plinth.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTableTest {

    @Test
    void showsStateHealthPidUptimeAndEndpointPerComponent() {
        String table = StatusTable.format(List.of(
                new ComponentStatus("postgres", 15432, ComponentState.RUNNING, true, 101L, Duration.ofSeconds(75), null, null),
                new ComponentStatus("kafka", 9092, ComponentState.STOPPED, null, null, null, 143, null),
                new ComponentStatus("gateway", 8080, ComponentState.EXITED, null, null, null, 137,
                        URI.create("http://localhost:8080"))));

        assertThat(table.lines()).containsExactly(
                "COMPONENT            PORT   STATE       HEALTH  PID      UPTIME    ENDPOINT",
                "postgres             15432  running     UP      101      1m15s     jdbc:postgresql://localhost:15432/",
                "kafka                9092   stopped     -       -        -         localhost:9092",
                "gateway              8080   exited(137) -       -        -         http://localhost:8080");
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
                "admin@plinth.local / plinth-admin",
                ".plinth/logs/NAME.log");
    }
}
