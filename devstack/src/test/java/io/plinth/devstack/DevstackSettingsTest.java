package io.plinth.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevstackSettingsTest {

    private final Path root = Path.of("/tmp/plinth-repo");

    @Test
    void defaultsToTheFixedPortsAndKeepsDataUnderDotPlinth() {
        DevstackSettings settings = DevstackSettings.fromEnvironment(root, Map.of());

        assertThat(settings.port("gateway")).isEqualTo(8080);
        assertThat(settings.port("discovery")).isEqualTo(8761);
        assertThat(settings.port("postgres")).isEqualTo(15432);
        assertThat(settings.port("kafka")).isEqualTo(9092);
        assertThat(settings.keepData()).isTrue();
        assertThat(settings.postgresDataDir()).isEqualTo(root.resolve(".plinth/pg"));
        assertThat(settings.kafkaDataDir()).isEqualTo(root.resolve(".plinth/kafka"));
        assertThat(settings.logFile("gateway")).isEqualTo(root.resolve(".plinth/logs/gateway.log"));
        assertThat(settings.adminEmail()).isEqualTo("admin@plinth.local");
        assertThat(settings.adminPassword()).isEqualTo("plinth-admin");
    }

    @Test
    void readsTheAdminAccountJvmFlagsAndTimeoutFromTheEnvironment() {
        DevstackSettings settings = DevstackSettings.fromEnvironment(root, Map.of(
                "PLINTH_ADMIN_EMAIL", "root@example.org",
                "PLINTH_ADMIN_PASSWORD", "correct horse",
                "PLINTH_JVM_OPTS", "  -Xmx512m   -XX:+UseG1GC ",
                "PLINTH_START_TIMEOUT", "600"));

        assertThat(settings.adminEmail()).isEqualTo("root@example.org");
        assertThat(settings.adminPassword()).isEqualTo("correct horse");
        assertThat(settings.serviceJvmOptions()).containsExactly("-Xmx512m", "-XX:+UseG1GC");
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void refusesATimeoutThatIsNotANumberWithOneClearLine() {
        assertThatThrownBy(() -> DevstackSettings.fromEnvironment(root, Map.of("PLINTH_START_TIMEOUT", "5m")))
                .isInstanceOf(DevstackException.class)
                .hasMessage("PLINTH_START_TIMEOUT must be a number of seconds, not '5m'");
    }

    @Test
    void freePortsAreDistinctAndAwayFromTheDevstackPorts() {
        DevstackSettings settings = DevstackSettings.defaults(root).withFreePorts();

        assertThat(new HashSet<>(settings.ports().values())).hasSize(Components.PORT_NAMES.size());
        assertThat(settings.ports().values()).allSatisfy(port -> {
            assertThat(Components.DEFAULT_PORTS.values()).doesNotContain(port);
            assertThat(Ports.isFree(port)).isTrue();
        });
    }

    @Test
    void rejectsAnUnknownComponentNamingTheKnownOnes() {
        assertThatThrownBy(() -> DevstackSettings.defaults(root).port("billing"))
                .isInstanceOf(DevstackException.class)
                .hasMessageStartingWith("unknown component 'billing' — one of: postgres, kafka, s3, discovery");
    }
}
