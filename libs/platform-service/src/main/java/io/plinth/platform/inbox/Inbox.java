package io.plinth.platform.inbox;

import io.plinth.events.EventEnvelope;
import io.plinth.platform.housekeeping.ChunkedDelete;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Makes an event handler run effectively once per (consumer, event id).
 *
 * <p>{@link #once} opens one R2DBC transaction, inserts the event id into the {@code inbox} table and
 * runs the handler only if the row was new. The handler's own writes (through {@code DatabaseClient}
 * or R2DBC repositories) join that transaction, so either the inbox row and the handler's changes
 * commit together, or neither does and a redelivery runs the handler again. A redelivery of an event
 * that was already applied finds the row and skips the handler; the caller then acknowledges it.
 * Two concurrent deliveries of the same event serialise on the primary key: the second waits for the
 * first to commit and then skips.
 *
 * <p>Services that consume through {@link io.plinth.platform.kafka.EventSubscriptions} get this
 * automatically; call it directly only for events that arrive another way.
 */
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    private static final int PRUNE_CHUNK = 1_000;

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    public Inbox(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    /**
     * Runs {@code handler} inside a new transaction together with the inbox insert, unless
     * {@code consumer} has already applied {@code event}.
     *
     * @return {@code true} if the handler ran and committed, {@code false} if the event was a duplicate
     */
    public Mono<Boolean> once(String consumer, EventEnvelope event, Supplier<Mono<Void>> handler) {
        Objects.requireNonNull(handler, "handler");
        Mono<Boolean> work = record(consumer, event).flatMap(fresh -> {
            if (!fresh) {
                log.info("Skipping event {} ({}) for {}: already applied", event.id(), event.type(), consumer);
                return Mono.just(false);
            }
            return Mono.defer(handler).thenReturn(true);
        });
        return tx.transactional(work);
    }

    /**
     * Records that {@code consumer} applied {@code event}; must run inside the caller's transaction.
     *
     * @return {@code true} if this is the first time, {@code false} if it was already recorded
     */
    public Mono<Boolean> record(String consumer, EventEnvelope event) {
        Objects.requireNonNull(consumer, "consumer");
        return db.sql("""
                        insert into inbox (consumer, event_id, event_type) values (:consumer, :eventId, :type)
                        on conflict (consumer, event_id) do nothing""")
                .bind("consumer", consumer)
                .bind("eventId", event.id())
                .bind("type", event.type())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    /**
     * Forgets events applied longer than {@code retention} ago, in chunks so that no delete holds a
     * long transaction over a big table.
     *
     * @return how many rows were deleted
     */
    public Mono<Long> prune(Duration retention) {
        Instant cutoff = Instant.now().minus(retention);
        return ChunkedDelete.untilExhausted(() -> pruneChunk(cutoff), PRUNE_CHUNK);
    }

    private Mono<Long> pruneChunk(Instant cutoff) {
        return db.sql("""
                        delete from inbox where ctid in (
                            select ctid from inbox where processed_at < :cutoff limit :chunk)""")
                .bind("cutoff", cutoff)
                .bind("chunk", PRUNE_CHUNK)
                .fetch()
                .rowsUpdated();
    }

    /** Whether {@code consumer} has applied the event with this id (for diagnostics and tests). */
    public Mono<Boolean> contains(String consumer, String eventId) {
        return db.sql("select 1 from inbox where consumer = :consumer and event_id = :eventId")
                .bind("consumer", consumer)
                .bind("eventId", eventId)
                .fetch()
                .first()
                .hasElement();
    }
}
