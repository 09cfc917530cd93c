package io.plinth.auth.config;

import java.time.Clock;

import io.plinth.events.EventFactory;
import io.plinth.events.EventJson;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AuthProperties.class, AdminProperties.class})
@EnableScheduling
public class AuthConfiguration {

    /** Every expiry decision reads this clock, so tests can move time instead of waiting. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventFactory authEventFactory(Clock clock) {
        return new EventFactory("plinth/auth-service", clock, EventJson.instance());
    }

    @Bean
    TransactionalOperator authTransactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }
}
