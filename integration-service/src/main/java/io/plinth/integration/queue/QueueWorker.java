package io.plinth.integration.queue;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A worker over a durable queue table: every {@code pollInterval} it runs rounds (each claims up to
 * {@code batchSize} due rows and handles them) until a round comes back short, then waits for the next tick. A round
 * that fails is logged and tried again at the next tick; the rows it had claimed come back when their lease runs out.
 * Started and stopped with the application context.
 */
public abstract class QueueWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);

    private final String name;
    private final Duration pollInterval;
    private final int batchSize;
    private volatile Disposable loop;

    protected QueueWorker(String name, Duration pollInterval, int batchSize) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
    }

    /** Claims up to {@code batchSize} due rows and handles them; emits how many it claimed. */
    protected abstract Mono<Long> round();

    /** Rounds until one comes back short of a full batch. */
    public final Mono<Void> drain() {
        return round().expand(n -> n == batchSize ? round() : Mono.empty()).then();
    }

    @Override
    public void start() {
        loop = Flux.interval(pollInterval).onBackpressureDrop()
                .concatMap(tick -> drain().onErrorResume(e -> {
                    log.warn("{} round failed, trying again in {}: {}", name, pollInterval, e.toString());
                    return Mono.empty();
                }), 0)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable l = loop;
        if (l != null) {
            l.dispose();
        }
        loop = null;
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

    /** initial × 2^(attempt−1), at most {@code max}, less up to a fifth at random so retries spread out. */
    public static Duration backoff(Duration initial, Duration max, int attempt) {
        long millis = Math.min(initial.toMillis() << Math.min(20, Math.max(0, attempt - 1)), max.toMillis());
        return Duration.ofMillis(millis - ThreadLocalRandom.current().nextLong(millis / 5 + 1));
    }
}
