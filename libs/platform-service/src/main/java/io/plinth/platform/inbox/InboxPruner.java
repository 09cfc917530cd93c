package io.plinth.platform.inbox;

import io.plinth.platform.housekeeping.PeriodicCleanup;
import reactor.core.publisher.Mono;

/**
 * Deletes inbox rows older than {@code plinth.inbox.retention} every {@code plinth.inbox.prune-interval},
 * so the table a consumer checks on every event stays the size of its redelivery window rather than
 * of its history. Several replicas pruning at once is harmless.
 */
public class InboxPruner extends PeriodicCleanup {

    private final Inbox inbox;
    private final InboxProperties properties;

    InboxPruner(Inbox inbox, InboxProperties properties) {
        super("inbox rows past the retention of " + properties.retention(), properties.pruneInterval());
        this.inbox = inbox;
        this.properties = properties;
    }

    @Override
    protected Mono<Long> cleanOnce() {
        return inbox.prune(properties.retention());
    }
}
