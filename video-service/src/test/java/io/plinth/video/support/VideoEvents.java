package io.plinth.video.support;

import io.plinth.events.EventEnvelope;
import io.plinth.events.EventJson;
import io.plinth.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what video-service published on the real broker, from the beginning of its topic. */
public final class VideoEvents implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<EventEnvelope> seen = new ArrayList<>();

    public VideoEvents(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "video-events-probe-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new ByteArrayDeserializer());
        // Every partition, from the beginning, without a consumer group: no rebalance to wait for.
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.VIDEOS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Everything published so far (polls the broker briefly first). */
    public synchronized List<EventEnvelope> all() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            seen.add(EventJson.instance().fromBytes(record.value()));
        }
        return List.copyOf(seen);
    }

    /** The events of one type about one job (its id is in every video event's data). */
    public List<EventEnvelope> about(String type, String jobId) {
        return all().stream().filter(e -> e.type().equals(type))
                .filter(e -> EventJson.instance().toJson(e).contains("\"" + jobId + "\"")).toList();
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
