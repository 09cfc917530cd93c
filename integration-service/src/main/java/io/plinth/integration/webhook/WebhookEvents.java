package io.plinth.integration.webhook;

import io.plinth.events.EventFactory;
import io.plinth.events.webhook.WebhookReceived;
import io.plinth.platform.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** What admins do with the webhook log: page through it and replay an accepted event. */
@Service
public class WebhookEvents {

    private static final Logger log = LoggerFactory.getLogger(WebhookEvents.class);

    private final WebhookEventStore store;
    private final Outbox outbox;
    private final EventFactory events;
    private final TransactionalOperator tx;
    private final Clock clock;

    WebhookEvents(WebhookEventStore store, Outbox outbox, EventFactory events, TransactionalOperator tx, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** One page, newest first, with the cursor of the next page (null on the last). */
    public record Page(List<WebhookEventRow> items, String nextCursor) {
    }

    public Mono<Page> list(EventFilter filter, int limit) {
        return store.list(filter, limit + 1).collectList().map(rows -> rows.size() > limit
                ? new Page(rows.subList(0, limit), Cursors.of(rows.get(limit - 1)))
                : new Page(rows, null));
    }

    public Mono<WebhookEventRow> find(UUID id) {
        return store.find(id).switchIfEmpty(Mono.error(() -> new UnknownWebhookEvent(id)));
    }

    /**
     * Publishes an accepted event again as a new {@code webhook.received} (a fresh envelope id, so consumers'
     * inboxes do not drop it; their own handling stays idempotent by the provider's ids). Refused attempts and
     * Zoom challenges were never events and cannot be replayed.
     */
    public Mono<WebhookEventRow> replay(UUID id) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return tx.transactional(store.markReplayed(id, now).flatMap(row -> outbox.append(events.create(row.objectId(),
                        null, new WebhookReceived(row.source(), row.providerEventId(), row.eventType(), row.payload(),
                                row.receivedAt())))
                        .thenReturn(row)))
                .doOnNext(row -> log.info("Replayed {} webhook {} ({} {}), replay {}", row.source(), row.id(),
                        row.eventType(), row.providerEventId(), row.replays()))
                .switchIfEmpty(Mono.defer(() -> find(id).flatMap(row -> Mono.error(new NotReplayable(row)))));
    }

    /** No row with this id. */
    public static final class UnknownWebhookEvent extends RuntimeException {
        UnknownWebhookEvent(UUID id) {
            super("No webhook event " + id + ".", null, false, false);
        }
    }

    /** The row is a refused attempt or a challenge, not an event. */
    public static final class NotReplayable extends RuntimeException {
        NotReplayable(WebhookEventRow row) {
            super("Webhook event " + row.id() + " is " + row.status() + ", not an accepted event; only those can be replayed.",
                    null, false, false);
        }
    }
}
