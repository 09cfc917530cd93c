package io.plinth.payment;

import io.plinth.events.EventFactory;
import io.plinth.events.EventJson;
import io.plinth.payment.catalog.Catalog;
import io.plinth.payment.catalog.CatalogFile;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
class PaymentServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventFactory eventFactory(Clock clock) {
        return new EventFactory("plinth/payment-service", clock, EventJson.instance());
    }

    @Bean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }

    /** The catalog file ops edit ({@code PAYMENTS_CATALOG_FILE}); a broken file stops the start-up. */
    @Bean
    Catalog catalog(ResourceLoader resources,
            @Value("${plinth.payments.catalog-file:classpath:catalog.yml}") String location) throws IOException {
        Resource resource = resources.getResource(location);
        try (InputStream in = resource.getInputStream()) {
            return CatalogFile.read(in, location);
        }
    }
}
