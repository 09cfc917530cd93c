package io.plinth.platform.kafka;

import io.plinth.events.EventData;
import io.plinth.events.EventType;
import io.plinth.events.EventTypes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a service consumes: declare one bean of this type and the platform starts a Kafka consumer
 * for the topics of the listed event types.
 *
 * <pre>{@code
 * @Bean
 * EventSubscriptions paymentEvents(Grants grants) {
 *     return EventSubscriptions.builder()
 *             .on(PaymentSucceeded.class, (event, data) -> grants.grantForPayment(data))
 *             .on(PaymentRefunded.class, (event, data) -> grants.clawBack(data))
 *             .build();
 * }
 * }</pre>
 *
 * <p>Per record, the platform reads the envelope, runs the handler for its type inside one R2DBC
 * transaction together with the {@link io.plinth.platform.inbox.Inbox} insert (a duplicate is
 * skipped), and commits the Kafka offset only after that transaction committed. Records of one key
 * are handled one at a time, in order. A failing handler is retried with exponential back-off
 * ({@code plinth.kafka.retry-*}); after the last retry the record goes to {@code <topic>.dlt} and is
 * logged with its event id and type. Records that are not valid envelopes go to the dead-letter topic
 * at once. Event types on the topic without a handler are acknowledged and ignored.
 *
 * <p>The consumer group and inbox consumer name is {@code spring.application.name} unless
 * {@link Builder#consumer(String)} names another (needed when one service consumes the same topic for
 * two independent purposes).
 */
public final class EventSubscriptions {

    private final String consumer;
    private final Map<String, Registration<?>> handlers;

    private EventSubscriptions(String consumer, Map<String, Registration<?>> handlers) {
        this.consumer = consumer;
        this.handlers = Collections.unmodifiableMap(handlers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The explicit consumer name, if one was set. */
    public Optional<String> consumer() {
        return Optional.ofNullable(consumer);
    }

    /** The topics to subscribe to, from the catalog. */
    public Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        handlers.values().forEach(r -> topics.add(r.eventType().topic()));
        return topics;
    }

    /** The event types with a handler. */
    public Set<String> types() {
        return handlers.keySet();
    }

    Optional<Registration<?>> registration(String type) {
        return Optional.ofNullable(handlers.get(type));
    }

    record Registration<T extends EventData>(EventType<T> eventType, EventHandler<T> handler) {
    }

    public static final class Builder {

        private String consumer;
        private final Map<String, Registration<?>> handlers = new LinkedHashMap<>();

        private Builder() {
        }

        /** Consumer group and inbox consumer name; defaults to {@code spring.application.name}. */
        public Builder consumer(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("consumer name must not be blank");
            }
            this.consumer = name;
            return this;
        }

        /** Handles events whose data record is {@code dataClass}; one handler per type. */
        public <T extends EventData> Builder on(Class<T> dataClass, EventHandler<T> handler) {
            Objects.requireNonNull(handler, "handler");
            EventType<T> eventType = EventTypes.of(dataClass);
            if (handlers.putIfAbsent(eventType.type(), new Registration<>(eventType, handler)) != null) {
                throw new IllegalArgumentException("A handler for " + eventType.type() + " is already registered");
            }
            return this;
        }

        public EventSubscriptions build() {
            if (handlers.isEmpty()) {
                throw new IllegalStateException("An EventSubscriptions bean needs at least one handler");
            }
            return new EventSubscriptions(consumer, new LinkedHashMap<>(handlers));
        }
    }
}
