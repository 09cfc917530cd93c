package io.plinth.integration.support;

import io.plinth.events.EventEnvelope;
import io.plinth.events.EventJson;
import io.plinth.events.Topics;
import io.plinth.events.webhook.WebhookReceived;
import io.plinth.test.PlatformInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything published on {@code plinth.webhooks.v1} in this test JVM, read by a plain Kafka consumer. */
public final class WebhookTopic {

    /** One record: its Kafka key and the envelope. */
    public record Published(String key, EventEnvelope envelope) {

        public WebhookReceived data() {
            return envelope.dataAs(WebhookReceived.class);
        }
    }

    private static final List<Published> RECORDS = new CopyOnWriteArrayList<>();
    private static volatile boolean started;

    private WebhookTopic() {
    }

    public static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        Thread reader = new Thread(WebhookTopic::read, "webhook-topic-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The records whose provider event id is {@code providerEventId}, in arrival order. */
    public static List<Published> about(String provider, String providerEventId) {
        return RECORDS.stream()
                .filter(p -> p.data().provider().equals(provider) && p.data().providerEventId().equals(providerEventId))
                .toList();
    }

    private static void read() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "webhook-topic-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.WEBHOOKS));
            while (true) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    RECORDS.add(new Published(r.key(), EventJson.instance().fromBytes(r.value())));
                }
            }
        }
    }
}
