package io.plinth.platform.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes idempotency keys past their expiry every {@code plinth.idempotency.sweep-interval}.
 * Expired rows are already ignored (and reclaimable) before they are swept; sweeping only keeps
 * the table small. Several instances sweeping at once is harmless.
 */
public class IdempotencyKeySweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeySweeper.class);

    private final IdempotencyStore store;
    private final IdempotencyProperties properties;
    private volatile Disposable schedule;

    IdempotencyKeySweeper(IdempotencyStore store, IdempotencyProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** One sweep now; returns the number of keys deleted. */
    public Mono<Long> sweepExpired() {
        return store.deleteExpired();
    }

    @Override
    public void start() {
        schedule = Flux.interval(properties.sweepInterval(), properties.sweepInterval())
                .onBackpressureDrop()
                .concatMap(tick -> sweepExpired()
                        .doOnNext(deleted -> {
                            if (deleted > 0) {
                                log.debug("Swept {} expired idempotency keys", deleted);
                            }
                        })
                        .onErrorResume(ex -> {
                            log.warn("Sweeping expired idempotency keys failed; next attempt in {}",
                                    properties.sweepInterval(), ex);
                            return Mono.empty();
                        }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = schedule;
        if (current != null) {
            current.dispose();
        }
        schedule = null;
    }

    @Override
    public boolean isRunning() {
        return schedule != null && !schedule.isDisposed();
    }
}
