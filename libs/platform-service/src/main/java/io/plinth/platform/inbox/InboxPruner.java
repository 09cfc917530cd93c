package io.plinth.platform.inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes inbox rows older than {@code plinth.inbox.retention} every {@code plinth.inbox.prune-interval},
 * so the table a consumer checks on every event stays the size of its redelivery window rather than
 * of its history. Several replicas pruning at once is harmless.
 */
public class InboxPruner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxPruner.class);

    private final Inbox inbox;
    private final InboxProperties properties;
    private volatile Disposable schedule;

    InboxPruner(Inbox inbox, InboxProperties properties) {
        this.inbox = inbox;
        this.properties = properties;
    }

    @Override
    public void start() {
        schedule = Flux.interval(properties.pruneInterval(), properties.pruneInterval())
                .onBackpressureDrop()
                .concatMap(tick -> inbox.prune(properties.retention())
                        .doOnNext(deleted -> {
                            if (deleted > 0) {
                                log.info("Pruned {} inbox rows older than {}", deleted, properties.retention());
                            }
                        })
                        .onErrorResume(ex -> {
                            log.warn("Pruning the inbox failed; next attempt in {}", properties.pruneInterval(), ex);
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
