package io.plinth.platform.kafka;

import io.plinth.events.EventData;
import io.plinth.events.EventEnvelope;
import reactor.core.publisher.Mono;

/**
 * Applies one event type. Runs inside the transaction that also records the event in the inbox:
 * do the database work in the returned {@code Mono} (R2DBC joins the transaction) and fail the
 * {@code Mono} to roll everything back and have the event retried.
 */
@FunctionalInterface
public interface EventHandler<T extends EventData> {

    Mono<Void> handle(EventEnvelope envelope, T data);
}
