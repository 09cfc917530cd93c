/**
 * Plinth's Kafka wiring: the idempotent {@link io.plinth.platform.kafka.KafkaPublisher}, consumers declared
 * as {@link io.plinth.platform.kafka.EventSubscriptions} beans (inbox-guarded, retried with back-off,
 * dead-lettered to {@code <topic>.dlt}), topic creation, and the {@code kafka} health indicator.
 * Connection settings: {@code spring.kafka.*}; Plinth settings: {@code plinth.kafka.*}.
 */
package io.plinth.platform.kafka;
