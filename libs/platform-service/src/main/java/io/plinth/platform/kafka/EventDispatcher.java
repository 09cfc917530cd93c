package io.plinth.platform.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.plinth.events.EventData;
import io.plinth.events.EventEnvelope;
import io.plinth.events.EventJson;
import io.plinth.events.EventSerializationException;
import io.plinth.platform.inbox.Inbox;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;

/**
 * Turns one Kafka record into one inbox-guarded handler run. Called on a Kafka consumer thread
 * (never an event-loop thread) and waits there for the handler's transaction: that wait is what
 * keeps records of a partition in order and lets the container commit the offset only after the
 * transaction committed (ack mode RECORD).
 */
final class EventDispatcher implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final String consumer;
    private final EventSubscriptions subscriptions;
    private final Inbox inbox;
    private final EventJson json;
    private final Duration handlerTimeout;
    private final MeterRegistry registry;

    EventDispatcher(String consumer, EventSubscriptions subscriptions, Inbox inbox, EventJson json,
            Duration handlerTimeout, MeterRegistry registry) {
        this.consumer = consumer;
        this.subscriptions = subscriptions;
        this.inbox = inbox;
        this.json = json;
        this.handlerTimeout = handlerTimeout;
        this.registry = registry;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new EventSerializationException("Record without a value at " + position(record), null);
        }
        EventEnvelope envelope = json.fromBytes(record.value());
        subscriptions.registration(envelope.type()).ifPresentOrElse(
                registration -> dispatch(registration, envelope),
                () -> {
                    log.debug("{} ignores event {} of type {}", consumer, envelope.id(), envelope.type());
                    count(envelope, "ignored");
                });
    }

    private <T extends EventData> void dispatch(EventSubscriptions.Registration<T> registration, EventEnvelope envelope) {
        T data = json.readData(envelope, registration.eventType().dataClass());
        // Blocking is deliberate and confined to the consumer thread; see the class comment.
        // timeout() (rather than block(timeout)) cancels the handler, rolling its transaction back, and fails
        // with a TimeoutException that the error handler treats as transient.
        Boolean applied = inbox.once(consumer, envelope, () -> registration.handler().handle(envelope, data))
                .timeout(handlerTimeout)
                .block();
        if (Boolean.TRUE.equals(applied)) {
            log.debug("{} applied event {} ({})", consumer, envelope.id(), envelope.type());
        }
        count(envelope, Boolean.TRUE.equals(applied) ? "applied" : "duplicate");
    }

    /** {@code plinth.events.consumed{consumer, type, outcome=applied|duplicate|ignored}}. */
    private void count(EventEnvelope envelope, String outcome) {
        Counter.builder("plinth.events.consumed")
                .description("Events read by a Plinth consumer, by what happened to them")
                .tag("consumer", consumer)
                .tag("type", envelope.type())
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
