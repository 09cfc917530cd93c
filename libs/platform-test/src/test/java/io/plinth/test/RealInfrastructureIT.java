package io.plinth.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

@SpringBootTest(classes = RealInfrastructureIT.NoBeans.class, properties = "spring.r2dbc.username=declared-by-test")
@RealInfrastructure
class RealInfrastructureIT {

    @SpringBootConfiguration
    static class NoBeans {
    }

    @Autowired
    Environment environment;

    @Test
    void contextGetsAFreshDatabaseOfItsOwn() throws SQLException {
        String database = environment.getRequiredProperty("plinth.test.database");

        assertThat(database).startsWith("realinfrastructureit_");
        assertThat(environment.getProperty("spring.r2dbc.url"))
                .isEqualTo(PlatformInfrastructure.postgres().r2dbcUrl(database));
        try (Connection connection = DriverManager.getConnection(
                        environment.getRequiredProperty("spring.flyway.url"),
                        environment.getRequiredProperty("spring.flyway.user"),
                        environment.getRequiredProperty("spring.flyway.password"));
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT current_database()")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(database);
            }
            statement.execute("CREATE TABLE IF NOT EXISTS probe (id int)");
        }
    }

    @Test
    void kafkaPropertyPointsAtALiveBroker() throws Exception {
        String bootstrap = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
        String topic = "plinth.platform-test." + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", "hello")).get();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "platform-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return !values.isEmpty();
            });
            assertThat(values).containsExactly("hello");
        }
    }

    @Test
    void discoveryIsSwitchedOff() {
        assertThat(environment.getProperty("eureka.client.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("spring.cloud.discovery.enabled")).isEqualTo("false");
    }

    @Test
    void propertiesDeclaredByTheTestWin() {
        assertThat(environment.getProperty("spring.r2dbc.username")).isEqualTo("declared-by-test");
    }
}
