package io.plinth.integration.webhook;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code webhook_events}: one verified event (with its delivery count) or one refused attempt. */
public record WebhookEventRow(
        UUID id,
        String source,
        String providerEventId,
        String eventType,
        String objectId,
        String payload,
        boolean payloadTruncated,
        int payloadBytes,
        String signatureVerdict,
        String status,
        int httpStatus,
        Instant receivedAt,
        Instant lastReceivedAt,
        Instant processedAt,
        int attempts,
        int replays,
        Instant lastReplayedAt,
        String lastError) {
}
