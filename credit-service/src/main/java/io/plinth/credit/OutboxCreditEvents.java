package io.plinth.credit;

import io.plinth.credit.ledger.CreditEvents;
import io.plinth.events.EventData;
import io.plinth.events.EventEnvelope;
import io.plinth.events.EventFactory;
import io.plinth.platform.outbox.Outbox;
import reactor.core.publisher.Mono;

/** Credit events go through the platform outbox, in the transaction of the change they report. */
class OutboxCreditEvents implements CreditEvents {

    private final Outbox outbox;
    private final EventFactory factory;

    OutboxCreditEvents(Outbox outbox, EventFactory factory) {
        this.outbox = outbox;
        this.factory = factory;
    }

    @Override
    public Mono<Void> append(String tenantId, String userId, EventData data) {
        return Mono.defer(() -> outbox.append(envelope(tenantId, userId, data)));
    }

    @Override
    public EventEnvelope envelope(String tenantId, String userId, EventData data) {
        return factory.create(userId, tenantId, data);
    }
}
