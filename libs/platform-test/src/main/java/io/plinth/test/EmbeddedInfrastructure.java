package io.plinth.test;

import io.plinth.embedded.EmbeddedPostgresServer;
import io.plinth.embedded.KafkaNode;
import io.plinth.test.PlatformInfrastructure.Infrastructure;
import io.plinth.test.PlatformInfrastructure.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** PostgreSQL from the zonky binaries and a KRaft node in this JVM, on random ports, in a temporary directory. */
final class EmbeddedInfrastructure implements Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private final Path root;
    private final EmbeddedPostgresServer postgresServer;
    private final KafkaNode kafkaNode;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;

    private EmbeddedInfrastructure(Path root, EmbeddedPostgresServer postgresServer, KafkaNode kafkaNode) {
        this.root = root;
        this.postgresServer = postgresServer;
        this.kafkaNode = kafkaNode;
        this.postgres = new EmbeddedPostgres(postgresServer);
        this.kafka = new EmbeddedKafka(kafkaNode);
    }

    static EmbeddedInfrastructure start() {
        Path root;
        try {
            root = Files.createTempDirectory("plinth-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long started = System.nanoTime();
        // Both take seconds and neither needs the other: start them side by side.
        CompletableFuture<EmbeddedPostgresServer> postgres = CompletableFuture.supplyAsync(
                () -> EmbeddedPostgresServer.start(0, root.resolve("postgres"), false));
        CompletableFuture<KafkaNode> kafka = CompletableFuture.supplyAsync(
                () -> KafkaNode.onFreePorts(root.resolve("kafka")).start());
        try {
            EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(root, postgres.join(), kafka.join());
            log.info("Embedded PostgreSQL (port {}) and Kafka ({}) ready in {} ms", infrastructure.postgres.port(),
                    infrastructure.kafka.bootstrapServers(), (System.nanoTime() - started) / 1_000_000);
            return infrastructure;
        } catch (CompletionException e) {
            postgres.thenAccept(EmbeddedPostgresServer::close);
            kafka.thenAccept(KafkaNode::close);
            throw new IllegalStateException("Embedded test infrastructure did not start", e.getCause());
        }
    }

    @Override
    public Mode mode() {
        return Mode.EMBEDDED;
    }

    @Override
    public PostgresServer postgres() {
        return postgres;
    }

    @Override
    public KafkaBroker kafka() {
        return kafka;
    }

    @Override
    public void close() {
        try {
            kafkaNode.close();
        } catch (RuntimeException e) {
            log.warn("Kafka did not stop cleanly", e);
        }
        postgresServer.close();
        deleteRecursively(root);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}", dir, e);
        }
    }

    private record EmbeddedPostgres(EmbeddedPostgresServer server) implements PostgresServer {
        @Override
        public String host() {
            return server.host();
        }

        @Override
        public int port() {
            return server.port();
        }

        @Override
        public String username() {
            return server.username();
        }

        @Override
        public String password() {
            return server.password();
        }

        @Override
        public String jdbcUrl(String database) {
            return server.jdbcUrl(database);
        }

        @Override
        public String r2dbcUrl(String database) {
            return server.r2dbcUrl(database);
        }

        @Override
        public void createDatabaseIfMissing(String database) {
            server.createDatabaseIfMissing(database);
        }

        @Override
        public DataSource dataSource(String database) {
            return server.dataSource(database);
        }
    }

    private record EmbeddedKafka(KafkaNode node) implements KafkaBroker {
        @Override
        public String bootstrapServers() {
            return node.bootstrapServers();
        }

        @Override
        public void stop() {
            node.stop();
        }

        @Override
        public void start() {
            node.start();
        }

        @Override
        public boolean isRunning() {
            return node.isRunning();
        }
    }
}
