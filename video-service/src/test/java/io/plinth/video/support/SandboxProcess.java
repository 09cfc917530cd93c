package io.plinth.video.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The provider sandbox as its own JVM, started once per test JVM from the jar the reactor packaged
 * ({@code plinth.sandbox.jar}), so video-service's provider clients talk HTTP to it as in the devstack.
 */
public final class SandboxProcess {

    public static final String VDOCIPHER_SECRET = "video-it-vdocipher-secret";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private static final class Holder {
        static final URI BASE = start();
    }

    private SandboxProcess() {
    }

    public static URI baseUri() {
        return Holder.BASE;
    }

    private static URI start() {
        String jar = System.getProperty("plinth.sandbox.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("No provider-sandbox jar at " + jar
                    + " (build it first: ./mvnw package -pl provider-sandbox)");
        }
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path log = Files.createTempFile("provider-sandbox-video", ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-jar", jar, "--server.port=" + port, "--plinth.sandbox.vdocipher.api-secret=" + VDOCIPHER_SECRET,
                    "--plinth.sandbox.capcut.complete-after=1s",
                    // CapCut's webhooks go to each export's callback_url; nothing listens at the default endpoint.
                    "--plinth.sandbox.webhook-base-url=http://localhost:9",
                    "--plinth.sandbox.delivery.max-attempts=3")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "provider-sandbox-stop"));
            URI base = URI.create("http://localhost:" + port);
            HttpClient http = HttpClient.newHttpClient();
            try {
                await("provider-sandbox healthy").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                        .ignoreExceptionsInstanceOf(IOException.class)
                        .until(() -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException("provider-sandbox exited with " + process.exitValue()
                                        + "; see " + log);
                            }
                            return http.send(HttpRequest.newBuilder(base.resolve("/actuator/health"))
                                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                                    .statusCode() == 200;
                        });
            } catch (ConditionTimeoutException e) {
                process.destroy();
                throw new IllegalStateException("provider-sandbox did not become healthy; see " + log, e);
            }
            return base;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the provider sandbox", e);
        }
    }
}
