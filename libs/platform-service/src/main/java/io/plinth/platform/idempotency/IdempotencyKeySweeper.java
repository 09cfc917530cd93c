package io.plinth.platform.idempotency;

import io.plinth.platform.housekeeping.PeriodicCleanup;
import reactor.core.publisher.Mono;

/**
 * Deletes idempotency keys past their expiry every {@code plinth.idempotency.sweep-interval}.
 * Expired rows are already ignored (and reclaimable) before they are swept; sweeping only keeps
 * the table small. Several instances sweeping at once is harmless.
 */
public class IdempotencyKeySweeper extends PeriodicCleanup {

    private final IdempotencyStore store;

    IdempotencyKeySweeper(IdempotencyStore store, IdempotencyProperties properties) {
        super("expired idempotency keys", properties.sweepInterval());
        this.store = store;
    }

    /** One sweep now; returns the number of keys deleted. */
    public Mono<Long> sweepExpired() {
        return store.deleteExpired();
    }

    @Override
    protected Mono<Long> cleanOnce() {
        return sweepExpired();
    }
}
