package io.plinth.integration.notion;

import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** One tenant's Notion sync at a glance: how many objects are pending, failed, synced, and the latest failures. */
@Service
public class NotionSyncStatus {

    private static final int RECENT = 20;

    public record Status(long pending, long failed, long synced, List<Failure> recentFailures) {
    }

    public record Failure(String objectType, String objectId, String database, String status, int attempts,
            String error, java.time.Instant at) {
    }

    private final NotionSyncStore store;

    NotionSyncStatus(NotionSyncStore store) {
        this.store = store;
    }

    public Mono<Status> of(String tenantId) {
        return Mono.zip(store.counts(tenantId), store.recentFailures(tenantId, RECENT)).map(t -> new Status(
                t.getT1().getOrDefault("pending", 0L), t.getT1().getOrDefault("failed", 0L),
                t.getT1().getOrDefault("synced", 0L),
                t.getT2().stream().map(f -> new Failure(f.objectType(), f.objectId(), f.target(), f.status(),
                        f.attempts(), f.lastError(), f.at())).toList()));
    }
}
