package io.plinth.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.plinth.events.EventFactory;
import io.plinth.events.EventJson;
import io.plinth.platform.kafka.KafkaPublisher;
import io.plinth.platform.kafka.PlinthKafkaAutoConfiguration;
import io.plinth.platform.kafka.PlinthKafkaProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The {@link Outbox} (any service with an R2DBC database), its {@link OutboxRelay} (when Kafka is configured) and,
 * in a web service with the platform's security, the admin endpoint that reports its backlog.
 */
@AutoConfiguration(after = {R2dbcAutoConfiguration.class, R2dbcTransactionManagerAutoConfiguration.class,
        PlinthKafkaAutoConfiguration.class})
@ConditionalOnBean({DatabaseClient.class, ReactiveTransactionManager.class})
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Outbox plinthOutbox(DatabaseClient db) {
        return new Outbox(db, EventJson.instance());
    }

    /** Envelopes with source {@code plinth/<spring.application.name>}. */
    @Bean
    @ConditionalOnMissingBean
    EventFactory plinthEventFactory(Environment environment) {
        return new EventFactory("plinth/" + environment.getProperty("spring.application.name", "unnamed-service"));
    }

    @Bean
    @ConditionalOnBean(KafkaPublisher.class)
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "plinth.outbox.relay-enabled", havingValue = "true", matchIfMissing = true)
    OutboxRelay plinthOutboxRelay(DatabaseClient db, ReactiveTransactionManager transactionManager,
            KafkaPublisher publisher, OutboxProperties properties, PlinthKafkaProperties kafkaProperties,
            ObjectProvider<MeterRegistry> registry) {
        return new OutboxRelay(db, TransactionalOperator.create(transactionManager), publisher, properties,
                kafkaProperties.producerDeliveryTimeout(), registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** Needs the platform's resource-server chain: it is what makes {@code @AdminOnly} and {@code CurrentUser} work. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnProperty(prefix = "plinth.security", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class AdminEndpoint {

        @Bean
        @ConditionalOnMissingBean
        OutboxAdminController plinthOutboxAdminController(DatabaseClient db, Environment environment) {
            return new OutboxAdminController(db, environment.getProperty("spring.application.name", "unnamed-service"));
        }
    }
}
