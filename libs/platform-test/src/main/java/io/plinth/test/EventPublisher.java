package io.plinth.test;

import io.plinth.events.EventData;
import io.plinth.events.EventEnvelope;
import io.plinth.events.EventFactory;
import io.plinth.events.EventJson;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plays another service in a test: writes event envelopes to the real broker the way its outbox relay does. */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final EventFactory factory;

    public EventPublisher(String bootstrapServers, String source) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        this.factory = new EventFactory(source);
    }

    public EventEnvelope envelope(String subject, String tenantId, EventData data) {
        return factory.create(subject, tenantId, data);
    }

    public void publish(EventEnvelope envelope) {
        try {
            producer.send(new ProducerRecord<>(envelope.topic(), envelope.subject(),
                    EventJson.instance().toBytes(envelope))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + envelope.type(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
