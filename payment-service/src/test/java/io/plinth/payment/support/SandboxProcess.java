package io.plinth.payment.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The provider sandbox as its own JVM, started once per test JVM from the jar the reactor packaged
 * ({@code plinth.sandbox.jar}), so the services' real SDKs talk HTTP to it as they do in the devstack.
 */
public final class SandboxProcess {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static final class Holder {
        static final SandboxProcess INSTANCE = start();
    }

    private final Process process;
    private final URI baseUri;

    private SandboxProcess(Process process, URI baseUri) {
        this.process = process;
        this.baseUri = baseUri;
    }

    public static URI baseUri() {
        return Holder.INSTANCE.baseUri;
    }

    private static SandboxProcess start() {
        String jar = System.getProperty("plinth.sandbox.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("No provider-sandbox jar at " + jar
                    + " (build it first: ./mvnw package -pl provider-sandbox)");
        }
        try {
            int port = freePort();
            Path log = Files.createTempFile("provider-sandbox", ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar,
                    "--server.port=" + port,
                    // These tests deliver the sandbox's events themselves, playing the ingress; nothing listens here.
                    "--plinth.sandbox.webhook-base-url=http://localhost:9",
                    "--plinth.sandbox.delivery.max-attempts=1")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            SandboxProcess sandbox = new SandboxProcess(process, URI.create("http://localhost:" + port));
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "provider-sandbox-stop"));
            sandbox.awaitHealthy(log.toFile());
            return sandbox;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the provider sandbox", e);
        }
    }

    private void awaitHealthy(File log) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("provider-sandbox exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(baseUri.resolve("/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                // Polling a child process's port: there is no event to wait on.
                process.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroy();
        throw new IllegalStateException("provider-sandbox not healthy within " + START_TIMEOUT + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
