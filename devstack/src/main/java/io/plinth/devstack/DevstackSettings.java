package io.plinth.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that varies between one devstack and another: where the repository and the state
 * directory are, which ports to use, whether data survives a restart of the platform (a stop and
 * start of PostgreSQL or Kafka alone always keeps it), the admin account handed to auth-service and
 * the JVM flags of the child processes.
 *
 * <p>{@code ./plinth up} uses {@link #fromEnvironment} (fixed ports, data kept under
 * {@code .plinth}); the e2e test uses {@link #withFreePorts()} and a throw-away state directory so
 * it can run while a developer's devstack is up.
 */
public record DevstackSettings(
        Path root,
        Path stateDir,
        Map<String, Integer> ports,
        boolean keepData,
        String adminEmail,
        String adminPassword,
        List<String> serviceJvmOptions,
        Duration startTimeout,
        boolean classDataSharing) {

    public static final String DEFAULT_ADMIN_EMAIL = "admin@plinth.local";
    public static final String DEFAULT_ADMIN_PASSWORD = "plinth-admin";

    /**
     * Sized so an idle Spring Boot service stays under about 300 MB resident: a small, serial-GC
     * heap (one collector thread, no per-core regions), C1 only (the JIT starts faster and its
     * code cache stays small), small thread stacks, and a ceiling on metaspace and direct memory
     * so a leak fails loudly instead of eating the laptop; the heap gives back what it does not
     * use. Exit on OOM so status shows it. (BootImage adds class-data sharing.)
     */
    public static final List<String> DEFAULT_SERVICE_JVM_OPTIONS = List.of(
            "-Xms48m",
            "-Xmx256m",
            "-Xss512k",
            "-XX:+UseSerialGC",
            "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30",
            "-XX:TieredStopAtLevel=1",
            "-XX:ReservedCodeCacheSize=64m",
            "-XX:MaxMetaspaceSize=192m",
            "-XX:MaxDirectMemorySize=96m",
            "-XX:+ExitOnOutOfMemoryError",
            "-Xshare:auto");

    public DevstackSettings {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(stateDir, "stateDir");
        root = root.toAbsolutePath().normalize();
        stateDir = stateDir.toAbsolutePath().normalize();
        ports = Map.copyOf(ports);
        for (String name : Components.PORT_NAMES) {
            if (!ports.containsKey(name)) {
                throw new IllegalArgumentException("no port for " + name);
            }
        }
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
    }

    /** Fixed ports, data kept under {@code ROOT/.plinth}, default admin account. */
    public static DevstackSettings defaults(Path root) {
        return new DevstackSettings(root, root.resolve(".plinth"), Components.DEFAULT_PORTS, true,
                DEFAULT_ADMIN_EMAIL, DEFAULT_ADMIN_PASSWORD, DEFAULT_SERVICE_JVM_OPTIONS, Duration.ofMinutes(5), true);
    }

    /**
     * The defaults, overridden by {@code PLINTH_ADMIN_EMAIL}, {@code PLINTH_ADMIN_PASSWORD},
     * {@code PLINTH_JVM_OPTS} (replaces the services' JVM flags) and {@code PLINTH_START_TIMEOUT}
     * (seconds each start stage may take) and {@code PLINTH_CDS=off} (no class-data sharing).
     */
    public static DevstackSettings fromEnvironment(Path root, Map<String, String> env) {
        DevstackSettings defaults = defaults(root);
        String email = nonBlank(env.get("PLINTH_ADMIN_EMAIL"), DEFAULT_ADMIN_EMAIL);
        String password = nonBlank(env.get("PLINTH_ADMIN_PASSWORD"), DEFAULT_ADMIN_PASSWORD);
        List<String> jvm = defaults.serviceJvmOptions();
        String jvmOpts = env.get("PLINTH_JVM_OPTS");
        if (jvmOpts != null && !jvmOpts.isBlank()) {
            jvm = List.of(jvmOpts.trim().split("\\s+"));
        }
        Duration timeout = defaults.startTimeout();
        String seconds = env.get("PLINTH_START_TIMEOUT");
        if (seconds != null && !seconds.isBlank()) {
            try {
                timeout = Duration.ofSeconds(Long.parseLong(seconds.trim()));
            } catch (NumberFormatException e) {
                throw new DevstackException("PLINTH_START_TIMEOUT must be a number of seconds, not '" + seconds + "'");
            }
        }
        return new DevstackSettings(defaults.root(), defaults.stateDir(), defaults.ports(), true,
                email, password, jvm, timeout, !"off".equalsIgnoreCase(env.getOrDefault("PLINTH_CDS", "on")));
    }

    public DevstackSettings withStateDir(Path dir) {
        return new DevstackSettings(root, dir, ports, keepData, adminEmail, adminPassword, serviceJvmOptions, startTimeout, classDataSharing);
    }

    public DevstackSettings withKeepData(boolean keep) {
        return new DevstackSettings(root, stateDir, ports, keep, adminEmail, adminPassword, serviceJvmOptions, startTimeout, classDataSharing);
    }

    public DevstackSettings withStartTimeout(Duration timeout) {
        return new DevstackSettings(root, stateDir, ports, keepData, adminEmail, adminPassword, serviceJvmOptions, timeout, classDataSharing);
    }

    /**
     * Whether services record and use a class-data-sharing archive (faster starts from the
     * second run after a build, at the price of a slower first stop). Off for one-shot platforms
     * such as the e2e test's.
     */
    public DevstackSettings withClassDataSharing(boolean enabled) {
        return new DevstackSettings(root, stateDir, ports, keepData, adminEmail, adminPassword, serviceJvmOptions, startTimeout, enabled);
    }

    public DevstackSettings withPorts(Map<String, Integer> overrides) {
        Map<String, Integer> merged = new HashMap<>(ports);
        merged.putAll(overrides);
        return new DevstackSettings(root, stateDir, merged, keepData, adminEmail, adminPassword, serviceJvmOptions, startTimeout, classDataSharing);
    }

    /**
     * Every component on a port the operating system reports free right now (plus one for the
     * Kafka controller), so a test platform never collides with a running devstack.
     */
    public DevstackSettings withFreePorts() {
        Map<String, Integer> free = new HashMap<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            // Hold every socket until all are chosen so no port is handed out twice.
            for (String name : Components.PORT_NAMES) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                free.put(name, socket.getLocalPort());
            }
        } catch (IOException e) {
            throw new DevstackException("could not find free ports: " + e.getMessage(), e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a listening socket we own cannot lose data; the port is released either way
                }
            }
        }
        return withPorts(free);
    }

    public int port(String component) {
        if (!Components.EXTRA_PORTS.contains(component)) {
            Components.requireKnown(component);
        }
        return ports.get(component);
    }

    public Path logDir() {
        return stateDir.resolve("logs");
    }

    public Path logFile(String component) {
        return logDir().resolve(component + ".log");
    }

    public Path runDir() {
        return stateDir.resolve("run");
    }

    public Path postgresDataDir() {
        return stateDir.resolve("pg");
    }

    public Path kafkaDataDir() {
        return stateDir.resolve("kafka");
    }

    /** The object store's buckets, one directory each (S3Proxy's filesystem backend). */
    public Path s3DataDir() {
        return stateDir.resolve("s3");
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
