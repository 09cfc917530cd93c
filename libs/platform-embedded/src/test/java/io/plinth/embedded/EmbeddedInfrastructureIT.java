package io.plinth.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfrastructureIT {

    @TempDir
    Path dir;

    @Test
    void postgresKeepsItsDataAcrossARestartOnTheSameDirectory() throws SQLException {
        Path data = dir.resolve("pg");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, data, true)) {
            postgres.createDatabaseIfMissing("ledger");
            postgres.createDatabaseIfMissing("ledger"); // a second call is a no-op, not an error
            execute(postgres, "ledger", "CREATE TABLE entry (id text PRIMARY KEY, amount bigint NOT NULL)");
            execute(postgres, "ledger", "INSERT INTO entry VALUES ('e1', 42)");
            assertThat(postgres.jdbcUrl("ledger")).isEqualTo("jdbc:postgresql://localhost:" + postgres.port() + "/ledger");
            assertThat(postgres.r2dbcUrl("ledger")).isEqualTo("r2dbc:postgresql://localhost:" + postgres.port() + "/ledger");
        }

        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, data, true)) {
            assertThat(queryLong(postgres, "ledger", "SELECT amount FROM entry WHERE id = 'e1'")).isEqualTo(42L);
        }
    }

    @Test
    void throwAwayPostgresServesManyDatabasesAndDeletesItsDirectory() throws SQLException {
        Path data = dir.resolve("pg-temp");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, data, false)) {
            postgres.createDatabaseIfMissing("one");
            postgres.createDatabaseIfMissing("two");
            execute(postgres, "one", "CREATE TABLE t (v int)");
            assertThat(queryLong(postgres, "two", "SELECT count(*) FROM information_schema.tables WHERE table_name = 't'"))
                    .as("databases are isolated")
                    .isZero();
            assertThat(queryLong(postgres, "postgres", "SHOW max_connections")).isEqualTo(200L);
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void kafkaKeepsRecordsAndOffsetsWhenStoppedAndStartedOnTheSamePort() {
        try (KafkaNode kafka = KafkaNode.onFreePorts(dir.resolve("kafka")).start()) {
            int port = kafka.port();
            String topic = "plinth.test." + UUID.randomUUID();
            send(kafka, topic, "k1", "before-restart");

            try (KafkaConsumer<String, String> consumer = consumer(kafka, "group-1")) {
                consumer.subscribe(List.of(topic));
                assertThat(pollUntil(consumer, 1)).extracting(ConsumerRecord::value).containsExactly("before-restart");
                consumer.commitSync();
            }

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            kafka.start();

            assertThat(kafka.port()).isEqualTo(port);
            send(kafka, topic, "k1", "after-restart");
            try (KafkaConsumer<String, String> consumer = consumer(kafka, "group-1")) {
                consumer.subscribe(List.of(topic));
                assertThat(pollUntil(consumer, 1))
                        .as("the committed offset survived: only the new record is delivered")
                        .extracting(ConsumerRecord::value)
                        .containsExactly("after-restart");
            }
            try (KafkaConsumer<String, String> consumer = consumer(kafka, "group-2")) {
                consumer.subscribe(List.of(topic));
                assertThat(pollUntil(consumer, 2))
                        .as("the record written before the restart is still in the log")
                        .extracting(ConsumerRecord::value)
                        .containsExactlyInAnyOrder("before-restart", "after-restart");
            }
        }
    }

    private static void send(KafkaNode kafka, String topic, String key, String value) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError("send failed", e);
        }
    }

    private static KafkaConsumer<String, String> consumer(KafkaNode kafka, String group) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return received.size() >= count;
        });
        return received;
    }

    private static void execute(EmbeddedPostgresServer postgres, String db, String sql) throws SQLException {
        try (Connection c = postgres.dataSource(db).getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long queryLong(EmbeddedPostgresServer postgres, String db, String sql) throws SQLException {
        try (Connection c = postgres.dataSource(db).getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }
}
