package io.plinth.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The JVMs a bench harness starts (discovery, gateway, services): started, recorded and stopped the same way. */
final class Children {

    private Children() {
    }

    /** {@code java <javaOpts> -jar <jar> <args>}, text logs at WARN, output to {@code log}; its pid recorded. */
    static Process startJar(String name, String jar, String javaOpts, List<String> args, Map<String, String> env,
            String log) throws IOException {
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -B -q package -DskipTests -pl " + name + " -am");
        }
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
        command.addAll(List.of("-jar", jar));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PLINTH_LOG_FORMAT", "text");
        pb.environment().put("LOGGING_LEVEL_ROOT", "WARN");
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(new File(log));
        System.out.println("starting " + name + " (log " + log + ")");
        return recordPid(pb.start());
    }

    /** BENCH_PID_FILE: the script's trap stops whatever is listed there if the harness dies without cleaning up. */
    static Process recordPid(Process p) throws IOException {
        String file = System.getenv("BENCH_PID_FILE");
        if (file != null && !file.isBlank()) {
            Files.writeString(Path.of(file), p.pid() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return p;
    }

    /** Last started first (the gateway drains, then the services, then Eureka); SIGKILL whatever outlives 40 s. */
    static synchronized void stopAll(List<Process> children) {
        List<Process> reversed = new ArrayList<>(children);
        Collections.reverse(reversed);
        reversed.forEach(Process::destroy);
        for (Process p : reversed) {
            try {
                if (!p.waitFor(40, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        children.clear();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static int intEnv(String name, int fallback) {
        return Integer.parseInt(env(name, Integer.toString(fallback)));
    }
}
