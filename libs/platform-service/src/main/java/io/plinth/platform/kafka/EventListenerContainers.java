package io.plinth.platform.kafka;

import io.plinth.events.EventEnvelope;
import io.plinth.events.EventJson;
import io.plinth.events.EventSerializationException;
import io.plinth.events.Topics;
import io.plinth.platform.inbox.Inbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * One Kafka listener container per {@link EventSubscriptions} bean, started after the context is
 * ready and stopped first on shutdown (so in-flight handlers finish and commit before the database
 * pool closes).
 */
public class EventListenerContainers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventListenerContainers.class);

    private final List<ConcurrentMessageListenerContainer<String, byte[]>> containers = new ArrayList<>();
    private volatile boolean running;

    public EventListenerContainers(List<EventSubscriptions> subscriptions, String applicationName, Inbox inbox,
            Map<String, Object> bootConsumerProperties, KafkaPublisher publisher, PlinthKafkaProperties properties,
            MeterRegistry registry) {
        Map<String, Object> config = new HashMap<>(bootConsumerProperties);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var consumerFactory = new DefaultKafkaConsumerFactory<String, byte[]>(config);
        // Kafka client metrics (records lag, fetch rates) as kafka.consumer.* meters.
        consumerFactory.addListener(new MicrometerConsumerListener<>(registry));

        Set<String> consumers = new HashSet<>();
        for (EventSubscriptions subscription : subscriptions) {
            String consumer = subscription.consumer().orElse(applicationName);
            if (consumer == null || consumer.isBlank()) {
                throw new IllegalStateException(
                        "Set spring.application.name (or EventSubscriptions.builder().consumer(...)): it names the consumer group and inbox");
            }
            if (!consumers.add(consumer)) {
                throw new IllegalStateException("Two EventSubscriptions beans share the consumer name '" + consumer
                        + "'; merge them or give one its own consumer(...)");
            }
            containers.add(container(consumer, subscription, inbox, consumerFactory, publisher, properties, registry));
        }
    }

    private static ConcurrentMessageListenerContainer<String, byte[]> container(String consumer,
            EventSubscriptions subscription, Inbox inbox, DefaultKafkaConsumerFactory<String, byte[]> consumerFactory,
            KafkaPublisher publisher, PlinthKafkaProperties properties, MeterRegistry registry) {
        ContainerProperties containerProperties = new ContainerProperties(subscription.topics().toArray(String[]::new));
        containerProperties.setGroupId(consumer);
        containerProperties.setClientId(consumer);
        containerProperties.setAckMode(ContainerProperties.AckMode.RECORD);
        containerProperties.setMessageListener(new EventDispatcher(
                consumer, subscription, inbox, EventJson.instance(), properties.handlerTimeout(), registry));

        var container = new ConcurrentMessageListenerContainer<>(consumerFactory, containerProperties);
        container.setConcurrency(properties.consumerConcurrency());
        container.setBeanName("plinth-events-" + consumer);
        container.setCommonErrorHandler(errorHandler(consumer, publisher, properties, registry));
        return container;
    }

    private static DefaultErrorHandler errorHandler(String consumer, KafkaPublisher publisher,
            PlinthKafkaProperties properties, MeterRegistry registry) {
        var deadLetters = new DeadLetterPublishingRecoverer(publisher.template(),
                (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        ConsumerRecordRecoverer recoverer = (record, e) -> {
            log.error("{} gives up on event {}; sending it to {}: {}", consumer, describe(record),
                    Topics.deadLetter(record.topic()), rootMessage(e));
            deadLetters.accept(record, e);
            Counter.builder("plinth.events.dead-lettered")
                    .description("Events a consumer gave up on and parked on the dead-letter topic")
                    .tag("consumer", consumer)
                    .tag("topic", record.topic())
                    .register(registry)
                    .increment();
        };
        var backOff = new ExponentialBackOffWithMaxRetries(properties.retryMaxAttempts());
        backOff.setInitialInterval(properties.retryInitialInterval().toMillis());
        backOff.setMultiplier(properties.retryMultiplier());
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        // Infrastructure failures retry without a limit (capped interval): the event is fine, the database is not.
        var untilInfrastructureRecovers = new ExponentialBackOff(
                properties.retryInitialInterval().toMillis(), properties.retryMultiplier());
        untilInfrastructureRecovers.setMaxInterval(properties.retryMaxInterval().toMillis());
        handler.setBackOffFunction((record, e) -> {
            if (TransientFailures.isTransient(e)) {
                log.warn("{} cannot apply event {} yet, retrying until the infrastructure recovers: {}", consumer,
                        describe(record), rootMessage(e));
                return untilInfrastructureRecovers;
            }
            return null;
        });
        // A record that is not an envelope will never become one: dead-letter it without retrying.
        handler.addNotRetryableExceptions(EventSerializationException.class);
        return handler;
    }

    /** "id=… type=… at topic-partition@offset", best effort for records that are not valid envelopes. */
    static String describe(ConsumerRecord<?, ?> record) {
        String position = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (record.value() instanceof byte[] bytes) {
            try {
                EventEnvelope envelope = EventJson.instance().fromBytes(bytes);
                return "id=" + envelope.id() + " type=" + envelope.type() + " at " + position;
            } catch (RuntimeException notAnEnvelope) {
                return "(not a valid envelope) at " + position;
            }
        }
        return "(no value) at " + position;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** The running containers, one per subscription (for metrics and tests). */
    public List<? extends MessageListenerContainer> containers() {
        return List.copyOf(containers);
    }

    @Override
    public void start() {
        containers.forEach(ConcurrentMessageListenerContainer::start);
        running = true;
    }

    @Override
    public void stop() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
