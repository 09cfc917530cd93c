package io.plinth.bench;

import io.plinth.devstack.ComponentSpec;
import io.plinth.devstack.HealthProbe;
import io.plinth.devstack.ManagedComponent;
import io.plinth.test.security.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVMs a bench harness runs (discovery, the service under test, the gateway), launched, awaited
 * and stopped by the devstack's launcher ({@link ManagedComponent}): the same command line handling,
 * health wait, log-tail on failure and SIGTERM-then-SIGKILL of the process tree as {@code ./plinth up}.
 * Each child's pid is kept in {@code BENCH_RUN_DIR} while it runs, so the script's trap can stop it
 * if the harness dies without cleaning up.
 */
final class Children implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    /** glibc gives each busy thread its own 64 MB malloc arena; two are plenty for the JVMs around the one measured. */
    static final Map<String, String> SMALL_MALLOC = Map.of("MALLOC_ARENA_MAX", "2");

    /** One started JVM. */
    record Child(String name, ManagedComponent component, long pid) {

        boolean isAlive() {
            return component.status(false).pid() != null;
        }
    }

    private final Path root = Path.of("").toAbsolutePath();
    private final Path runDir;
    private final List<Child> started = new ArrayList<>();

    Children() throws IOException {
        String dir = System.getenv("BENCH_RUN_DIR");
        runDir = dir == null || dir.isBlank() ? Files.createTempDirectory("plinth-bench-run") : Path.of(dir);
    }

    /**
     * {@code java <javaOpts> -jar <jar> <args>} with text logs at WARN, its output in {@code log}
     * (replaced), started and awaited until {@code health} on {@code healthPort} answers 200.
     *
     * @param port the port it serves on, checked free before the start
     */
    synchronized Child start(String name, String jar, String javaOpts, List<String> args, Map<String, String> env,
            int port, int healthPort, String health, String log) throws IOException {
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -B -q package -DskipTests -pl " + name + " -am");
        }
        List<String> command = new ArrayList<>(List.of("java"));
        if (!javaOpts.isBlank()) {
            command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar));
        command.addAll(args);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PLINTH_LOG_FORMAT", "text");
        environment.put("LOGGING_LEVEL_ROOT", "WARN");
        environment.putAll(env);
        Path logFile = Path.of(log);
        Files.deleteIfExists(logFile);
        HealthProbe probe = HealthProbe.http(URI.create("http://127.0.0.1:" + healthPort + health));
        ComponentSpec spec = new ComponentSpec(name, port, List.of(), 0, command, environment, root, logFile, probe,
                null, null, null, false);
        ManagedComponent component = new ManagedComponent(spec, runDir, root, System.out::println);
        System.out.println("starting " + name + " on :" + port + " (log " + log + ")");
        Duration took = component.startAndAwait(START_TIMEOUT);
        Long pid = component.status(false).pid();
        Child child = new Child(name, component, pid == null ? -1 : pid);
        started.add(child);
        System.out.printf("%s healthy after %d s%n", name, took.toSeconds());
        return child;
    }

    /** Eureka on loopback, for a gateway that routes {@code lb://} to the service under test. */
    Child startDiscovery(int port, String log) throws IOException {
        return start("discovery", Env.env("BENCH_DISCOVERY_JAR", "discovery/target/discovery-0.1.0-SNAPSHOT.jar"),
                "-Xmx256m", List.of("--server.port=" + port, "--eureka.instance.hostname=localhost",
                        "--server.address=127.0.0.1"), SMALL_MALLOC, port, port, "/actuator/health", log);
    }

    /**
     * The gateway on loopback, routing {@code lb://} through Eureka at {@code eurekaZone}, validating tokens
     * against this JVM's JWKS (which signed every bench token) as the services do, its rate limiter off (one
     * user from one address at hundreds of requests per second would measure the limiter, not the gateway),
     * its management port a free one rather than the devstack gateway's 8180.
     */
    Child startGateway(int port, String eurekaZone, List<String> extraArgs, String log) throws IOException {
        int management = Env.freePort();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--management.server.port=" + management,
                "--eureka.client.service-url.defaultZone=" + eurekaZone,
                "--plinth.security.jwks-uri=" + TestTokens.jwksUri(),
                "--plinth.gateway.rate-limit.enabled=false"));
        args.addAll(extraArgs);
        return start("gateway", Env.env("BENCH_GATEWAY_JAR", "gateway/target/gateway-0.1.0-SNAPSHOT.jar"),
                Env.env("BENCH_GATEWAY_JAVA_OPTS", "-Xmx512m"), args, SMALL_MALLOC, port, management, "/actuator/health",
                log);
    }

    /** Last started first: the gateway drains, then the service, then Eureka. Idempotent. */
    @Override
    public synchronized void close() {
        List<Child> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        reversed.forEach(child -> child.component().stop());
        started.clear();
    }
}
