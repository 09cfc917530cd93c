package io.plinth.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor against real child processes (a tiny JVM), no PostgreSQL or Kafka needed. */
class ManagedComponentTest {

    @TempDir
    Path dir;

    private final List<String> reported = new CopyOnWriteArrayList<>();
    private ManagedComponent component;

    @AfterEach
    void stopChild() {
        if (component != null) {
            component.stop();
        }
    }

    @Test
    void startsAChildWaitsForItsHealthAndStopsIt() throws Exception {
        int port = freePort();
        component = component(port, String.valueOf(port));

        Duration took = component.startAndAwait(Duration.ofSeconds(60));

        ComponentStatus running = component.status(true);
        assertThat(took).isPositive();
        assertThat(running.state()).isEqualTo(ComponentState.RUNNING);
        assertThat(running.healthy()).isTrue();
        assertThat(running.pid()).isNotNull();
        assertThat(dir.resolve("run/fake.pid")).hasContent(running.pid().toString());
        assertThat(Files.readString(dir.resolve("logs/fake.log")))
                .contains("===== plinth: starting fake on port " + port)
                .contains("FakeService listening on " + port);

        component.stop();

        ComponentStatus stopped = component.status(true);
        assertThat(stopped.state()).isEqualTo(ComponentState.STOPPED);
        assertThat(stopped.pid()).isNull();
        assertThat(ProcessHandle.of(running.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(dir.resolve("run/fake.pid")).doesNotExist();
        assertThat(reported).isEmpty();
    }

    @Test
    void reportsAChildThatDiesOnItsOwnAndDoesNotRestartIt() throws Exception {
        int port = freePort();
        component = component(port, String.valueOf(port));
        component.startAndAwait(Duration.ofSeconds(60));
        long pid = component.status(false).pid();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(component.status(false).state()).isEqualTo(ComponentState.EXITED));
        assertThat(component.status(false).exitCode()).isEqualTo(137);
        assertThat(reported).singleElement().asString()
                .startsWith("fake exited unexpectedly (code 137) — see logs/fake.log");
    }

    @Test
    void aChildThatExitsWhileStartingFailsWithItsLogFileAndTheExceptionNotTheStackFrames() throws Exception {
        component = component(freePort(), "fail");

        assertThatThrownBy(() -> component.startAndAwait(Duration.ofSeconds(60)))
                .isInstanceOf(DevstackException.class)
                .hasMessageStartingWith("fake exited with code 3 while starting — see logs/fake.log; last lines:")
                .hasMessageContaining("java.lang.IllegalStateException: Failed to start")
                .hasMessageContaining("Caused by: java.net.ConnectException: Connection refused: localhost:15432")
                .message().doesNotContain("\tat io.plinth");
        assertThat(component.status(false).state()).isEqualTo(ComponentState.FAILED);
    }

    @Test
    void refusesToStartOnAPortThatIsTakenNamingPortAndComponent() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            component = component(taken.getLocalPort(), String.valueOf(taken.getLocalPort()));

            assertThatThrownBy(() -> component.startAndAwait(Duration.ofSeconds(60)))
                    .isInstanceOf(DevstackException.class)
                    .hasMessageStartingWith("port " + taken.getLocalPort() + " (fake) is already in use");
            assertThat(component.status(false).pid()).isNull();
        }
    }

    private ManagedComponent component(int port, String argument) {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                FakeServiceMain.class.getName(), argument);
        ComponentSpec spec = new ComponentSpec("fake", port, List.of(), 2, command, Map.of(), dir.resolve("work"),
                dir.resolve("logs/fake.log"),
                HealthProbe.http(URI.create("http://localhost:" + port + "/actuator/health")),
                URI.create("http://localhost:" + port), null, null, false);
        return new ManagedComponent(spec, dir.resolve("run"), dir, reported::add);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
