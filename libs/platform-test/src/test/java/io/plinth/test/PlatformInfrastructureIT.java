package io.plinth.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class PlatformInfrastructureIT {

    @Test
    void newDatabasesAreDistinctAndIsolated() throws SQLException {
        String first = PlatformInfrastructure.newDatabase("orders");
        String second = PlatformInfrastructure.newDatabase("orders");

        assertThat(first).isNotEqualTo(second).startsWith("orders_");
        execute(first, "CREATE TABLE only_in_first (id int)");
        assertThatThrownBy(() -> execute(second, "SELECT * FROM only_in_first"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("only_in_first");
    }

    @Test
    void brokerStoppedAndStartedKeepsItsAddressAndRecords() throws Exception {
        KafkaBroker kafka = PlatformInfrastructure.kafka();
        String address = kafka.bootstrapServers();
        String topic = "plinth.platform-test.restart." + UUID.randomUUID();
        send(address, topic, "before");

        kafka.stop();
        try {
            assertThat(kafka.isRunning()).isFalse();
        } finally {
            kafka.start();
        }

        assertThat(kafka.isRunning()).isTrue();
        assertThat(kafka.bootstrapServers()).isEqualTo(address);
        send(address, topic, "after");
        assertThat(readAll(address, topic, 2)).containsExactlyInAnyOrder("before", "after");
    }

    private static void execute(String database, String sql) throws SQLException {
        try (Connection c = PlatformInfrastructure.postgres().dataSource(database).getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void send(String bootstrap, String topic, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(String bootstrap, String topic, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return values.size() >= expected;
            });
            return values;
        }
    }
}
