package io.plinth.integration.notion;

import io.plinth.integration.queue.QueueWorker;
import io.plinth.integration.registry.IntegrationKey;
import io.plinth.integration.registry.IntegrationSettings;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Brings Notion in line with {@code notion_sync}: claims due rows (SKIP LOCKED, leased), updates the object's page
 * when it has one and creates it otherwise, under the per-token rate limit. Once a create has gone out for an object
 * whose page is still unknown, the next attempt first asks the database for a page with its {@code Object ID}, so a
 * create whose answer was lost is not repeated.
 * 429/5xx and silence are retried with back-off (at least Notion's {@code Retry-After}); a refusal or a tenant
 * without a usable Notion integration marks the row failed, visible at the sync-status endpoint.
 */
class NotionSync extends QueueWorker {

    private static final Logger log = LoggerFactory.getLogger(NotionSync.class);

    private final NotionSyncStore store;
    private final IntegrationSettings integrations;
    private final NotionClient notion;
    private final NotionProperties.Sync properties;

    NotionSync(NotionSyncStore store, IntegrationSettings integrations, NotionClient notion, NotionProperties.Sync properties) {
        super("Notion sync", properties.pollInterval(), properties.batchSize());
        this.store = store;
        this.integrations = integrations;
        this.notion = notion;
        this.properties = properties;
    }

    @Override
    protected Mono<Long> round() {
        // Every claimed row may wait its turn under the rate limit at once: the limiter, not this, sets the pace.
        return store.claim(properties.batchSize(), properties.lease()).flatMap(this::sync, properties.batchSize()).count();
    }

    private Mono<Void> sync(NotionSyncStore.Claimed row) {
        return integrations.of(row.tenantId(), IntegrationKey.NOTION)
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(configured -> {
                    if (configured.isEmpty() || !configured.get().enabled()) {
                        return store.failed(row.id(), "the tenant's notion integration is not configured, not readable or disabled");
                    }
                    String token = configured.get().credentials().get("token");
                    String setting = NotionPages.CONTENT.equals(row.target()) ? "contentDatabaseId" : "transactionsDatabaseId";
                    Optional<String> database = configured.get().setting(setting);
                    if (token == null || database.isEmpty()) {
                        return store.failed(row.id(), "the notion integration has no " + (token == null ? "token" : setting));
                    }
                    return page(row, token, database.get());
                })
                .onErrorResume(e -> !(e instanceof org.springframework.dao.DataAccessException),
                        // Anything unforeseen about one object is that object's problem: retried, the batch goes on.
                        e -> unfinished(row, new NotionResult.Retry("unexpected: " + e, null)));
    }

    private Mono<Void> page(NotionSyncStore.Claimed row, String token, String database) {
        if (row.pageId() != null) {
            return update(row, token, row.pageId());
        }
        Mono<Optional<String>> existing = !row.createSent() ? Mono.just(Optional.empty())
                : notion.findPages(token, database, NotionPages.OBJECT_ID, row.objectType() + ":" + row.objectId())
                        .flatMap(result -> result instanceof NotionResult.Ok ok ? Mono.just(firstId(ok.body()))
                                : Mono.error(new Unfinished(result)));
        return existing.flatMap(found -> found.isPresent()
                        ? store.pageKnown(row.id(), found.get()).then(update(row, token, found.get()))
                        : store.createSent(row.id()).then(notion.createPage(token, database, row.properties())).flatMap(result -> {
                            if (result instanceof NotionResult.Ok ok && ok.body().hasNonNull("id")) {
                                return store.synced(row.id(), row.version(), ok.body().get("id").asString());
                            }
                            return unfinished(row, result);
                        }))
                .onErrorResume(Unfinished.class, e -> unfinished(row, e.result));
    }

    private Mono<Void> update(NotionSyncStore.Claimed row, String token, String pageId) {
        return notion.updatePage(token, pageId, row.properties()).flatMap(result -> result instanceof NotionResult.Ok
                ? store.synced(row.id(), row.version(), pageId)
                : unfinished(row, result));
    }

    private Mono<Void> unfinished(NotionSyncStore.Claimed row, NotionResult result) {
        if (result instanceof NotionResult.Retry retry) {
            if (row.attempts() >= properties.maxAttempts()) {
                log.warn("Notion sync of {} {} gives up after {} attempts: {}", row.objectType(), row.objectId(),
                        row.attempts(), retry.reason());
                return store.failed(row.id(), "gave up after " + row.attempts() + " attempts: " + retry.reason());
            }
            Duration wait = QueueWorker.backoff(properties.initialBackoff(), properties.maxBackoff(), row.attempts());
            if (retry.retryAfter() != null && retry.retryAfter().compareTo(wait) > 0) {
                wait = retry.retryAfter();
            }
            log.info("Notion sync of {} {} attempt {} unfinished, next in {} ms: {}", row.objectType(), row.objectId(),
                    row.attempts(), wait.toMillis(), retry.reason());
            return store.retryIn(row.id(), wait, retry.reason());
        }
        String reason = result instanceof NotionResult.Refused refused ? refused.reason()
                : "Notion answered without a page id";
        log.warn("Notion sync of {} {} refused: {}", row.objectType(), row.objectId(), reason);
        return store.failed(row.id(), reason);
    }

    private static Optional<String> firstId(JsonNode list) {
        JsonNode results = list.path("results");
        return results.isArray() && !results.isEmpty() && results.get(0).hasNonNull("id")
                ? Optional.of(results.get(0).get("id").asString()) : Optional.empty();
    }

    /** A look-up that did not answer, carried to the one place that decides about retries. */
    private static final class Unfinished extends RuntimeException {
        private final transient NotionResult result;

        Unfinished(NotionResult result) {
            super(null, null, false, false);
            this.result = result;
        }
    }
}
