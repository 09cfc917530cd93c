package io.plinth.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbox relay settings ({@code plinth.outbox.*}).
 *
 * @param relayEnabled run the relay in this process (every replica may: they share work safely)
 * @param pollInterval pause between polls when the outbox is empty
 * @param batchSize rows published per relay transaction
 * @param backoffInitial first pause after a failed round (broker or database down)
 * @param backoffMax longest pause between failed rounds
 * @param backlogRefresh how often the {@code plinth.outbox.backlog} gauge is re-read
 * @param retention how long published rows are kept (for audit and replay) before pruning
 * @param pruneInterval how often published rows older than the retention are deleted
 */
@ConfigurationProperties("plinth.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean relayEnabled,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("500ms") Duration backoffInitial,
        @DefaultValue("30s") Duration backoffMax,
        @DefaultValue("2s") Duration backlogRefresh,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("1h") Duration pruneInterval) {
}
