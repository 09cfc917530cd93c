package io.plinth.integration.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The provider sandbox's real jar, run as a child process of the test JVM (once per JVM) and pointed at the
 * service under test, so webhooks arrive over HTTP signed by the sandbox's own code. Built by the reactor before
 * this module (see the pom); its log is {@code target/provider-sandbox.log}.
 */
public final class SandboxProcess {

    private static Process process;
    private static URI base;

    private SandboxProcess() {
    }

    /** Starts the sandbox (if not yet) delivering to {@code ingressBase}; returns at once. */
    public static synchronized void start(String ingressBase) {
        if (process != null) {
            return;
        }
        String jar = System.getProperty("plinth.sandbox.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("The provider-sandbox jar is missing (" + jar + "): build it first,"
                    + " e.g. ./mvnw -pl integration-service -am verify");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-jar", jar));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/provider-sandbox.log"));
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("PLINTH_SANDBOX_WEBHOOKBASEURL", ingressBase);
        builder.environment().put("PLINTH_SANDBOX_DELIVERY_INITIALBACKOFF", "100ms");
        builder.environment().put("PLINTH_SANDBOX_DELIVERY_MAXBACKOFF", "500ms");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        base = URI.create("http://localhost:" + port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroy()));
    }

    /** The sandbox's base URL, once it reports healthy. */
    public static URI url() {
        HttpClient http = HttpClient.newHttpClient();
        await("provider-sandbox healthy").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("provider-sandbox exited; see target/provider-sandbox.log");
                    }
                    return http.send(HttpRequest.newBuilder(base.resolve("/actuator/health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
        return base;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
