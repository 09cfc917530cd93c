package io.plinth.integration.notion;

import io.plinth.events.EventEnvelope;
import io.plinth.integration.registry.IntegrationKey;
import io.plinth.integration.registry.IntegrationSettings;
import reactor.core.publisher.Mono;

/**
 * Turns platform events into wanted Notion pages, inside the inbox transaction of the event (once per event id). A
 * tenant without an enabled Notion integration that names the target database gets nothing queued: there is
 * nowhere to write.
 */
class NotionEvents {

    private final NotionSyncStore store;
    private final IntegrationSettings integrations;

    NotionEvents(NotionSyncStore store, IntegrationSettings integrations) {
        this.store = store;
        this.integrations = integrations;
    }

    Mono<Void> want(EventEnvelope event, NotionPages.Wanted wanted) {
        if (event.tenantId() == null) {
            return Mono.empty();
        }
        String setting = NotionPages.CONTENT.equals(wanted.target()) ? "contentDatabaseId" : "transactionsDatabaseId";
        return integrations.of(event.tenantId(), IntegrationKey.NOTION)
                .filter(c -> c.enabled() && c.setting(setting).isPresent())
                .flatMap(c -> store.want(event.tenantId(), wanted));
    }
}
