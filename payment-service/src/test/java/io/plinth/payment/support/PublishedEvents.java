package io.plinth.payment.support;

import io.plinth.events.EventData;
import io.plinth.events.EventEnvelope;
import io.plinth.events.EventJson;
import io.plinth.events.EventTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What other services actually receive: the events on a topic as the outbox relay published them to Kafka, read
 * from the beginning without a consumer group (it commits nothing and takes no partitions from anyone).
 */
public final class PublishedEvents {

    private final String bootstrapServers;

    public PublishedEvents(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The data of every event of {@code type} about {@code subject} on its topic now, oldest first. */
    public <T extends EventData> List<T> about(String subject, Class<T> type) {
        String topic = EventTypes.of(type).topic();
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<T> found = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(60);
            while (!partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + topic + " to its end " + end + " within 60 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    EventEnvelope envelope = EventJson.instance().fromBytes(record.value());
                    if (subject.equals(envelope.subject()) && EventTypes.of(type).type().equals(envelope.type())) {
                        found.add(envelope.dataAs(type));
                    }
                }
            }
            return found;
        }
    }
}
