package io.plinth.credit.ledger;

import io.plinth.events.EventData;
import io.plinth.events.EventEnvelope;
import reactor.core.publisher.Mono;

/**
 * Where the ledger records the events it publishes. The implementation writes to the outbox in
 * the caller's transaction, so an event exists exactly when its state change committed.
 */
public interface CreditEvents {

    /** @param userId the event's subject (Kafka key): one user's credit events stay ordered */
    Mono<Void> append(String tenantId, String userId, EventData data);

    /**
     * The envelope {@link #append} would write, for the one hot path that writes its outbox row
     * inside its own SQL call ({@link LedgerStore#spendBatch}).
     */
    EventEnvelope envelope(String tenantId, String userId, EventData data);
}
