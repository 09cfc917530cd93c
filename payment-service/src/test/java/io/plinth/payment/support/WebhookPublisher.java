package io.plinth.payment.support;

import io.plinth.events.EventEnvelope;
import io.plinth.events.EventFactory;
import io.plinth.events.EventJson;
import io.plinth.events.webhook.WebhookReceived;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the webhook ingress: publishes {@code webhook.received} envelopes to the real broker, exactly
 * as integration-service does after verifying a provider's signature.
 */
public final class WebhookPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final EventFactory factory = new EventFactory("plinth/integration-service");

    public WebhookPublisher(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** A new envelope (fresh envelope id) for one verified provider event. */
    public EventEnvelope envelope(String provider, String rawEvent) {
        var event = Sandbox.json(rawEvent);
        String eventId = event.get("id").asText();
        return factory.create(provider + ":" + eventId, null, new WebhookReceived(provider, eventId,
                event.get("type").asText(), rawEvent, Instant.now()));
    }

    public void publish(EventEnvelope envelope) {
        try {
            producer.send(new ProducerRecord<>(envelope.topic(), envelope.subject(),
                    EventJson.instance().toBytes(envelope))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + envelope.type(), e);
        }
    }

    public void publish(String provider, String rawEvent) {
        publish(envelope(provider, rawEvent));
    }

    @Override
    public void close() {
        producer.close();
    }
}
