package io.plinth.test;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The real PostgreSQL and Kafka of this test JVM, started on first use and stopped by a JVM shutdown hook.
 *
 * <p>For Spring tests use {@link RealInfrastructure}; this class is the API for plain JUnit tests and for tests
 * that need an extra database or control over the broker:
 * <pre>{@code
 * String db = PlatformInfrastructure.newDatabase();
 * DataSource ds = PlatformInfrastructure.postgres().dataSource(db);
 * PlatformInfrastructure.kafka().stop();   // ... and start() again in a finally
 * }</pre>
 *
 * <p>Which implementation runs is decided once: the system property {@value #MODE_PROPERTY} (or the environment
 * variable {@code PLINTH_TEST_INFRASTRUCTURE}) may say {@code embedded} or {@code testcontainers}; by default
 * ({@code auto}) Testcontainers is used when {@code DockerClientFactory.instance().isDockerAvailable()}, otherwise the
 * embedded PostgreSQL 17 binaries and an in-JVM KRaft broker (this is what CI runs).
 */
public final class PlatformInfrastructure {

    public static final String MODE_PROPERTY = "plinth.test.infrastructure";

    /** How the infrastructure of this JVM runs. */
    public enum Mode {
        /** zonky embedded PostgreSQL and a {@code KafkaNode} inside the test JVM. */
        EMBEDDED,
        /** PostgreSQL and apache/kafka containers. */
        TESTCONTAINERS
    }

    private static final Logger log = LoggerFactory.getLogger(PlatformInfrastructure.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final int MAX_NAME_HINT = 40;

    private PlatformInfrastructure() {
    }

    /** Lazily started, once per JVM: the holder idiom makes the first caller start it and the others wait. */
    private static final class Holder {
        static final Infrastructure INSTANCE = startInfrastructure();
    }

    public static Mode mode() {
        return Holder.INSTANCE.mode();
    }

    public static PostgresServer postgres() {
        return Holder.INSTANCE.postgres();
    }

    public static KafkaBroker kafka() {
        return Holder.INSTANCE.kafka();
    }

    /** Creates a fresh, empty database with a unique name and returns the name. */
    public static String newDatabase() {
        return newDatabase("test");
    }

    /**
     * Creates a fresh, empty database whose name starts with {@code hint} (reduced to lower-case letters, digits and
     * underscores; handy to find a test's data while debugging) and returns the name.
     */
    public static String newDatabase(String hint) {
        String prefix = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (prefix.isEmpty() || !Character.isLetter(prefix.charAt(0))) {
            prefix = "db_" + prefix;
        }
        if (prefix.length() > MAX_NAME_HINT) {
            prefix = prefix.substring(0, MAX_NAME_HINT);
        }
        String name = prefix + "_" + DATABASES.incrementAndGet();
        postgres().createDatabaseIfMissing(name);
        return name;
    }

    private static Infrastructure startInfrastructure() {
        InfrastructureLogging.quietInfrastructureLoggers();
        Mode mode = chooseMode();
        log.info("Starting test infrastructure: {}", mode);
        Infrastructure infrastructure = mode == Mode.TESTCONTAINERS
                ? ContainerInfrastructure.start()
                : EmbeddedInfrastructure.start();
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "plinth-test-infrastructure-stop"));
        return infrastructure;
    }

    private static Mode chooseMode() {
        String configured = System.getProperty(MODE_PROPERTY, System.getenv("PLINTH_TEST_INFRASTRUCTURE"));
        if (configured == null || configured.isBlank() || configured.equalsIgnoreCase("auto")) {
            return dockerAnswers() ? Mode.TESTCONTAINERS : Mode.EMBEDDED;
        }
        return Mode.valueOf(configured.trim().toUpperCase(Locale.ROOT));
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            log.info("No Docker engine ({}); using the embedded infrastructure", e.toString());
            return false;
        }
    }

    /** One running implementation: both servers plus how to stop them. */
    interface Infrastructure extends AutoCloseable {
        Mode mode();

        PostgresServer postgres();

        KafkaBroker kafka();

        @Override
        void close();
    }
}
