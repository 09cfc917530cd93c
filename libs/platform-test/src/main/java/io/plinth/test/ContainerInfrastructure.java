package io.plinth.test;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import io.plinth.test.PlatformInfrastructure.Infrastructure;
import io.plinth.test.PlatformInfrastructure.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** PostgreSQL 17 and an apache/kafka KRaft broker in containers, for machines with a Docker engine. */
final class ContainerInfrastructure implements Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(ContainerInfrastructure.class);
    private static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:17-alpine");
    private static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.1.2");
    private static final int KAFKA_CONTAINER_PORT = 9092;
    private static final Duration KAFKA_RESTART_TIMEOUT = Duration.ofSeconds(90);

    private final PostgreSQLContainer postgresContainer;
    private final KafkaContainer kafkaContainer;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;

    private ContainerInfrastructure(PostgreSQLContainer postgresContainer, KafkaContainer kafkaContainer) {
        this.postgresContainer = postgresContainer;
        this.kafkaContainer = kafkaContainer;
        this.postgres = new ContainerPostgres(postgresContainer);
        this.kafka = new ContainerKafka(kafkaContainer);
    }

    static ContainerInfrastructure start() {
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withCommand("postgres", "-c", "max_connections=200", "-c", "fsync=off", "-c", "full_page_writes=off");
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_NUM_PARTITIONS", "3")
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "5")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        // A fixed host port: a stopped and restarted container keeps its address (advertised listener included),
        // which is what KafkaBroker#start promises. A random mapping would change on every restart.
        kafka.setPortBindings(List.of(freePort() + ":" + KAFKA_CONTAINER_PORT));
        CompletableFuture<Void> postgresStarted = CompletableFuture.runAsync(postgres::start);
        CompletableFuture<Void> kafkaStarted = CompletableFuture.runAsync(kafka::start);
        CompletableFuture.allOf(postgresStarted, kafkaStarted).join();
        log.info("PostgreSQL container on port {} and Kafka container on {} ready",
                postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT), kafka.getBootstrapServers());
        return new ContainerInfrastructure(postgres, kafka);
    }

    @Override
    public Mode mode() {
        return Mode.TESTCONTAINERS;
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
        kafkaContainer.stop();
        postgresContainer.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record ContainerPostgres(PostgreSQLContainer container) implements PostgresServer {
        @Override
        public String host() {
            return container.getHost();
        }

        @Override
        public int port() {
            return container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
        }

        @Override
        public String username() {
            return container.getUsername();
        }

        @Override
        public String password() {
            return container.getPassword();
        }

        @Override
        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host() + ":" + port() + "/" + Databases.requireValidName(database);
        }

        @Override
        public String r2dbcUrl(String database) {
            return "r2dbc:postgresql://" + host() + ":" + port() + "/" + Databases.requireValidName(database);
        }

        @Override
        public void createDatabaseIfMissing(String database) {
            // The image's POSTGRES_USER is a superuser, so it may create databases.
            Databases.createIfMissing(dataSource(container.getDatabaseName()), database);
        }

        @Override
        public DataSource dataSource(String database) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(jdbcUrl(database));
            dataSource.setUser(username());
            dataSource.setPassword(password());
            return dataSource;
        }
    }

    private record ContainerKafka(KafkaContainer container) implements KafkaBroker {
        @Override
        public String bootstrapServers() {
            return container.getBootstrapServers();
        }

        @Override
        public synchronized void stop() {
            if (isRunning()) {
                docker().stopContainerCmd(container.getContainerId()).exec();
            }
        }

        @Override
        public synchronized void start() {
            if (isRunning()) {
                return;
            }
            // The start script Testcontainers copied into the container stays there, so the restarted container
            // runs the same broker with the same advertised listener, formatted storage and data.
            docker().startContainerCmd(container.getContainerId()).exec();
            await().atMost(KAFKA_RESTART_TIMEOUT).ignoreExceptions().until(this::answers);
        }

        @Override
        public boolean isRunning() {
            Boolean running = docker().inspectContainerCmd(container.getContainerId()).exec().getState().getRunning();
            return Boolean.TRUE.equals(running);
        }

        private boolean answers() throws Exception {
            Map<String, Object> config = Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
            try (Admin admin = Admin.create(config)) {
                return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
            }
        }

        private static DockerClient docker() {
            return DockerClientFactory.instance().client();
        }
    }
}
