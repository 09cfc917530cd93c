package io.plinth.platform.inbox;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The {@link Inbox} for services with an R2DBC database (table from {@code db/platform/V0_1}), and its pruner. */
@AutoConfiguration(after = {R2dbcAutoConfiguration.class, R2dbcTransactionManagerAutoConfiguration.class})
@ConditionalOnBean({DatabaseClient.class, ReactiveTransactionManager.class})
@EnableConfigurationProperties(InboxProperties.class)
public class InboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Inbox plinthInbox(DatabaseClient db, ReactiveTransactionManager transactionManager) {
        return new Inbox(db, TransactionalOperator.create(transactionManager));
    }

    @Bean
    @ConditionalOnMissingBean
    InboxPruner plinthInboxPruner(Inbox inbox, InboxProperties properties) {
        return new InboxPruner(inbox, properties);
    }
}
