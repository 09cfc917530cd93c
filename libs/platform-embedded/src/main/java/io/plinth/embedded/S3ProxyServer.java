package io.plinth.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible object store for the devstack and tests: S3Proxy ({@code org.gaul:s3proxy},
 * its {@code jar-with-dependencies}) with the filesystem backend, so services use the same AWS SDK
 * code as against S3, R2 or MinIO. It embeds its own Jetty, so it always runs as a child JVM of
 * its own (never on a Spring Boot classpath).
 *
 * <p>Authentication is SigV2/SigV4 with a fixed identity and credential (presigned URLs work as on S3).
 */
public final class S3ProxyServer implements AutoCloseable {

    /** Where the module that runs S3Proxy put its jar (maven-dependency-plugin {@code copy}). */
    public static final String JAR_PROPERTY = "plinth.s3proxy.jar";

    private static final Logger log = LoggerFactory.getLogger(S3ProxyServer.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(90);

    private final Process process;
    private final URI endpoint;
    private final String identity;
    private final String credential;

    private S3ProxyServer(Process process, URI endpoint, String identity, String credential) {
        this.process = process;
        this.endpoint = endpoint;
        this.identity = identity;
        this.credential = credential;
    }

    /**
     * The command line that runs S3Proxy on {@code port} with its buckets under {@code dataDir}: all
     * settings as system properties, so there is no configuration file to write or keep.
     */
    public static List<String> command(String java, Path jar, int port, Path dataDir, String identity,
            String credential, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-Ds3proxy.endpoint=http://127.0.0.1:" + port);
        command.add("-Ds3proxy.authorization=aws-v2-or-v4");
        command.add("-Ds3proxy.identity=" + identity);
        command.add("-Ds3proxy.credential=" + credential);
        command.add("-Djclouds.provider=filesystem");
        command.add("-Djclouds.filesystem.basedir=" + dataDir.toAbsolutePath());
        command.add("-jar");
        command.add(jar.toString());
        command.add("--properties");
        command.add("/dev/null");
        return command;
    }

    /** Small heap, quick start: an object store for one developer or one test JVM. */
    public static List<String> defaultJvmOptions() {
        return List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    }

    /** The jar named by {@value #JAR_PROPERTY}, or a clear error saying how to get it. */
    public static Path jarFromSystemProperty() {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || jar.isBlank() || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("S3Proxy's jar is not where " + JAR_PROPERTY + " says (" + jar
                    + "): the module's build copies it (maven-dependency-plugin, org.gaul:s3proxy:jar-with-dependencies)");
        }
        return Path.of(jar);
    }

    /** Starts S3Proxy on {@code port} and waits until it answers HTTP. Stopped by {@link #close()}. */
    public static S3ProxyServer start(Path jar, int port, Path dataDir, String identity, String credential,
            Path logFile) {
        try {
            Files.createDirectories(dataDir);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(command(java, jar, port, dataDir, identity, credential,
                    defaultJvmOptions()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            Process process = builder.start();
            S3ProxyServer server = new S3ProxyServer(process, URI.create("http://127.0.0.1:" + port), identity,
                    credential);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3proxy-stop"));
            server.awaitReady();
            log.info("S3Proxy on {} (data in {}, log {})", server.endpoint, dataDir, logFile);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start S3Proxy", e);
        }
    }

    /** Answers at all (S3Proxy says 403 to an unsigned request): it is up. */
    public static boolean answers(URI endpoint) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        try {
            http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP_WAIT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + " while starting");
            }
            if (answers(endpoint)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while S3Proxy started", e);
            }
        }
        close();
        throw new IllegalStateException("S3Proxy did not answer at " + endpoint + " within " + STARTUP_WAIT);
    }

    public URI endpoint() {
        return endpoint;
    }

    public String identity() {
        return identity;
    }

    public String credential() {
        return credential;
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
