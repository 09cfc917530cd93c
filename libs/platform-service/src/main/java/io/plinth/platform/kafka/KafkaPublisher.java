package io.plinth.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.SendResult;

/**
 * The one producer Plinth uses: the outbox relay publishes through it and consumers park failed
 * events on dead-letter topics with it. Keys are strings (the event subject), values are the
 * envelope's JSON bytes exactly as stored.
 *
 * <p>Idempotent ({@code enable.idempotence=true}, {@code acks=all}, at most 5 requests in flight),
 * so broker retries neither duplicate nor reorder records within a partition. Services do not publish
 * directly: they append to the {@link io.plinth.platform.outbox.Outbox}.
 */
public class KafkaPublisher implements DisposableBean {

    private final DefaultKafkaProducerFactory<String, byte[]> producerFactory;
    private final KafkaTemplate<String, byte[]> template;

    public KafkaPublisher(Map<String, Object> bootProducerProperties, PlinthKafkaProperties properties,
            MeterRegistry registry) {
        Map<String, Object> config = new HashMap<>(bootProducerProperties);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        // A send gives up after the delivery timeout; the relay then backs off and sends the same rows
        // again, so a broker outage of any length loses nothing while the DB transaction stays short.
        int deliveryMs = (int) properties.producerDeliveryTimeout().toMillis();
        int requestMs = Math.max(1000, Math.min(5000, deliveryMs / 3));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMs);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestMs);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, requestMs);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producerFactory = new DefaultKafkaProducerFactory<>(config);
        // Kafka client metrics (send rates, errors, buffer use) as kafka.producer.* meters.
        this.producerFactory.addListener(new MicrometerProducerListener<>(registry));
        this.template = new KafkaTemplate<>(producerFactory);
        // Callers log failures themselves (the relay once per round, with the cause); the default listener
        // would add an ERROR line per record for every retry while a broker is down.
        this.template.setProducerListener(new ProducerListener<>() {
        });
    }

    /**
     * Sends one record; the future completes when the broker has acknowledged it (all in-sync
     * replicas) and never throws synchronously.
     */
    public CompletableFuture<SendResult<String, byte[]>> send(String topic, String key, byte[] value) {
        try {
            return template.send(topic, key, value);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The underlying template, for dead-letter publishing. */
    public KafkaTemplate<String, byte[]> template() {
        return template;
    }

    @Override
    public void destroy() {
        producerFactory.destroy();
    }
}
