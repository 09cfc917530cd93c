package io.plinth.credit;

import io.plinth.credit.ledger.CreditEvents;
import io.plinth.credit.hold.HoldProperties;
import io.plinth.credit.ledger.LedgerProperties;
import io.plinth.credit.tier.TierPolicy;
import io.plinth.events.EventFactory;
import io.plinth.events.EventJson;
import io.plinth.platform.outbox.Outbox;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({LedgerProperties.class, HoldProperties.class})
class CreditServiceConfiguration {

    /** One clock for hold expiry and UTC days; tests replace it with one they can move. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TierPolicy tierPolicy() {
        return TierPolicy.standard();
    }

    @Bean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }

    @Bean
    CreditEvents creditEvents(Outbox outbox, Clock clock) {
        return new OutboxCreditEvents(outbox, new EventFactory("plinth/credit-service", clock, EventJson.instance()));
    }
}
