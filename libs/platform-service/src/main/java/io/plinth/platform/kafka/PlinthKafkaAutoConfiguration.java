package io.plinth.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.plinth.events.Topics;
import io.plinth.platform.inbox.Inbox;
import io.plinth.platform.inbox.InboxAutoConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Plinth's Kafka wiring on top of Boot's {@code spring.kafka.*}: the idempotent {@link KafkaPublisher},
 * the Plinth topics (and their dead-letter topics), consumers for {@link EventSubscriptions} beans,
 * and the {@code kafka} health indicator.
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, InboxAutoConfiguration.class})
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBean(KafkaProperties.class)
@EnableConfigurationProperties(PlinthKafkaProperties.class)
public class PlinthKafkaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KafkaPublisher plinthKafkaPublisher(KafkaProperties kafka, PlinthKafkaProperties properties,
            ObjectProvider<MeterRegistry> registry) {
        return new KafkaPublisher(kafka.buildProducerProperties(), properties, registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnProperty(name = "plinth.kafka.create-topics", havingValue = "true", matchIfMissing = true)
    KafkaAdmin.NewTopics plinthTopics(PlinthKafkaProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.all()) {
            topics.add(new NewTopic(topic, properties.topicPartitions(), properties.topicReplicas()));
            topics.add(new NewTopic(Topics.deadLetter(topic), properties.topicPartitions(), properties.topicReplicas()));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    @ConditionalOnBean({EventSubscriptions.class, Inbox.class})
    EventListenerContainers plinthEventListenerContainers(ObjectProvider<EventSubscriptions> subscriptions,
            Environment environment, Inbox inbox, KafkaProperties kafka, KafkaPublisher publisher,
            PlinthKafkaProperties properties, ObjectProvider<MeterRegistry> registry) {
        return new EventListenerContainers(subscriptions.orderedStream().toList(),
                environment.getProperty("spring.application.name"), inbox, kafka.buildConsumerProperties(),
                publisher, properties, registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ReactiveHealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("kafka")
    static class KafkaHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
        KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka, PlinthKafkaProperties properties) {
            return new KafkaHealthIndicator(kafka.buildAdminProperties(), properties.healthTimeout());
        }
    }
}
