package io.plinth.platform.outbox;

import io.plinth.events.EventEnvelope;
import io.plinth.events.EventJson;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes events to the {@code outbox} table; the {@link OutboxRelay} publishes them to Kafka.
 *
 * <p><b>Call it inside the transaction that makes the state change</b> — in the same reactive chain
 * wrapped by {@code TransactionalOperator#transactional} or under a {@code @Transactional} method:
 * <pre>{@code
 * return tx.transactional(
 *         payments.markSucceeded(paymentId)
 *                 .flatMap(p -> outbox.append(events.create(p.id(), p.tenantId(), new PaymentSucceeded(...)))));
 * }</pre>
 * The insert goes through {@link DatabaseClient}, which joins the caller's reactive transaction, so
 * the event is published if and only if the state change commits. Outside a transaction the append
 * fails with {@link IllegalStateException} instead of silently committing an event on its own.
 */
public class Outbox {

    private final DatabaseClient db;
    private final EventJson json;

    public Outbox(DatabaseClient db, EventJson json) {
        this.db = db;
        this.json = json;
    }

    /** Adds one event to the outbox within the current transaction. */
    public Mono<Void> append(EventEnvelope envelope) {
        return requireTransaction(envelope).then(Mono.defer(() -> insert(envelope)));
    }

    /** Adds several events, in order, within the current transaction. */
    public Mono<Void> appendAll(Collection<EventEnvelope> envelopes) {
        return Flux.fromIterable(envelopes).concatMap(this::append).then();
    }

    private Mono<Void> insert(EventEnvelope envelope) {
        return db.sql("""
                        insert into outbox (event_id, topic, key, event)
                        values (:eventId, :topic, :key, cast(:event as jsonb))""")
                .bind("eventId", UUID.fromString(envelope.id()))
                .bind("topic", envelope.topic())
                .bind("key", envelope.subject())
                .bind("event", json.toJson(envelope))
                .fetch()
                .rowsUpdated()
                .then();
    }

    private static Mono<Void> requireTransaction(EventEnvelope envelope) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .filter(TransactionSynchronizationManager::isActualTransactionActive)
                .onErrorResume(NoTransactionException.class, e -> Mono.empty())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("Outbox.append(" + envelope.type()
                        + ") must run inside the transaction that changes the state it reports")))
                .then();
    }
}
