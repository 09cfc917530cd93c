package io.plinth.platform.housekeeping;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a cleanup every {@code interval} while the application runs, one run at a time: a failed run
 * is logged and the next one comes at the next tick. Cleanups must be safe to run on several
 * replicas at once.
 */
public abstract class PeriodicCleanup implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String what;
    private final Duration interval;
    private volatile Disposable schedule;

    protected PeriodicCleanup(String what, Duration interval) {
        this.what = what;
        this.interval = interval;
    }

    /** One run; emits how many rows it removed. */
    protected abstract Mono<Long> cleanOnce();

    @Override
    public void start() {
        schedule = Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> cleanOnce()
                        .doOnNext(removed -> {
                            if (removed > 0) {
                                log.info("Removed {} {}", removed, what);
                            }
                        })
                        .onErrorResume(ex -> {
                            log.warn("Removing {} failed; next attempt in {}", what, interval, ex);
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
