package io.plinth.platform.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Plinth's Kafka settings ({@code plinth.kafka.*}). Connection settings stay under Boot's
 * {@code spring.kafka.*} (bootstrap servers, security); the consumer group is
 * {@code spring.application.name} unless a subscription names its own consumer.
 *
 * @param retryInitialInterval first back-off after a failed handler
 * @param retryMultiplier back-off growth per failed attempt
 * @param retryMaxInterval back-off ceiling
 * @param retryMaxAttempts retries after the first failure before the event goes to {@code <topic>.dlt}
 * @param handlerTimeout how long one handler (including its transaction) may take before it counts as failed
 * @param consumerConcurrency consumer threads per subscription (at most the topic's partition count is useful)
 * @param createTopics declare every Plinth topic and its {@code .dlt} at start-up (off where topics are managed elsewhere)
 * @param topicPartitions partitions for topics created at start-up
 * @param topicReplicas replication factor for topics created at start-up
 * @param producerDeliveryTimeout how long the outbox producer tries one send before the relay backs off and retries
 * @param healthTimeout how long the {@code kafka} health check waits for the cluster to answer
 */
@ConfigurationProperties("plinth.kafka")
public record PlinthKafkaProperties(
        @DefaultValue("500ms") Duration retryInitialInterval,
        @DefaultValue("2.0") double retryMultiplier,
        @DefaultValue("10s") Duration retryMaxInterval,
        @DefaultValue("8") int retryMaxAttempts,
        @DefaultValue("30s") Duration handlerTimeout,
        @DefaultValue("1") int consumerConcurrency,
        @DefaultValue("true") boolean createTopics,
        @DefaultValue("3") int topicPartitions,
        @DefaultValue("1") short topicReplicas,
        @DefaultValue("15s") Duration producerDeliveryTimeout,
        @DefaultValue("2s") Duration healthTimeout) {
}
