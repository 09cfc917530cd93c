package io.plinth.platform.eventflow;

import io.plinth.events.EventEnvelope;
import io.plinth.events.EventFactory;
import io.plinth.events.credit.CreditsGranted;
import io.plinth.platform.outbox.Outbox;
import java.util.UUID;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** A minimal producing service: a grant changes a balance and emits credits.granted through the outbox. */
@SpringBootConfiguration
@EnableAutoConfiguration
class ProducerTestApp {

    @Bean
    Grants grants(DatabaseClient db, TransactionalOperator tx, Outbox outbox, EventFactory events) {
        return new Grants(db, tx, outbox, events);
    }

    static class Grants {

        private final DatabaseClient db;
        private final TransactionalOperator tx;
        private final Outbox outbox;
        private final EventFactory events;

        Grants(DatabaseClient db, TransactionalOperator tx, Outbox outbox, EventFactory events) {
            this.db = db;
            this.tx = tx;
            this.outbox = outbox;
            this.events = events;
        }

        /** State change and event in one transaction; returns the event that was committed. */
        Mono<EventEnvelope> grant(String userId, long credits, String reason) {
            return tx.transactional(write(userId, credits, reason));
        }

        /** Same writes, then a failure before commit: nothing may survive, the event included. */
        Mono<EventEnvelope> grantThenFail(String userId, long credits, java.util.function.Consumer<EventEnvelope> seen) {
            return tx.transactional(write(userId, credits, "rolled-back")
                    .doOnNext(seen)
                    .flatMap(e -> Mono.error(new IllegalStateException("business rule failed after the outbox append"))));
        }

        private Mono<EventEnvelope> write(String userId, long credits, String reason) {
            return db.sql("""
                            insert into grants (user_id, credits, balance)
                            values (:user, :credits,
                                    coalesce((select balance from grants where user_id = :user order by id desc limit 1), 0) + :credits)
                            returning balance""")
                    .bind("user", userId)
                    .bind("credits", credits)
                    .map(row -> row.get("balance", Long.class))
                    .one()
                    .map(balance -> events.create(userId, "tenant-1",
                            new CreditsGranted(userId, UUID.randomUUID().toString(), credits, balance, reason)))
                    .flatMap(event -> outbox.append(event).thenReturn(event));
        }
    }
}
