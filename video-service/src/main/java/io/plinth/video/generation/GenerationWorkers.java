package io.plinth.video.generation;

import io.plinth.events.EventFactory;
import io.plinth.platform.outbox.Outbox;
import io.plinth.video.library.Videos;
import io.plinth.video.render.VideoRenderer;
import io.plinth.video.storage.ObjectStorage;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * This replica's render workers: each loops claim → run → claim, and waits {@code pollInterval}
 * when the queue is empty. Rendering runs on a scheduler with one thread per worker, so renders
 * never run on an event loop and never take more cores than configured. Stopping the service
 * stops the loops; a render cut short is reclaimed by any replica when its lease runs out.
 */
@Component
class GenerationWorkers implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GenerationWorkers.class);

    private final JobRunner runner;
    private final GenerationProperties properties;
    private final Scheduler renderScheduler;
    private final String instance;
    private volatile Disposable.Composite loops;

    GenerationWorkers(JobStore jobs, Videos videos, ObjectStorage storage, VideoRenderer renderer, Outbox outbox,
            EventFactory events, TransactionalOperator tx, GenerationProperties properties, Clock clock) {
        this.properties = properties;
        this.renderScheduler = Schedulers.newBoundedElastic(Math.max(1, properties.workers()), 1000, "render");
        this.runner = new JobRunner(jobs, videos, storage, renderer, outbox, events, tx, properties, clock,
                renderScheduler);
        this.instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A worker of this replica; tests run extra ones to race the service's own. */
    Mono<GenerationJob> runNext(String worker) {
        return runner.runNext(worker);
    }

    @Override
    public synchronized void start() {
        if (loops != null) {
            return;
        }
        loops = Disposables.composite();
        for (int i = 0; i < properties.workers(); i++) {
            String worker = instance + "#" + i;
            loops.add(loop(worker).subscribe());
        }
        log.info("Started {} render worker(s) as {}", properties.workers(), instance);
    }

    private Flux<GenerationJob> loop(String worker) {
        return Mono.defer(() -> runner.runNext(worker))
                .onErrorResume(e -> {
                    log.warn("Render worker {} could not take a job: {}", worker, e.toString());
                    return Mono.empty();
                })
                .repeatWhenEmpty(Integer.MAX_VALUE, empties -> empties.delayElements(properties.pollInterval()))
                .repeat();
    }

    @Override
    public synchronized void stop() {
        if (loops != null) {
            loops.dispose();
            loops = null;
        }
    }

    @Override
    public void destroy() {
        renderScheduler.dispose();
    }

    @Override
    public boolean isRunning() {
        return loops != null;
    }

    /** Stop before the database and Kafka go away, start after they are there. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }
}
