package io.plinth.events.webhook;

import io.plinth.events.EventData;
import java.time.Instant;

/**
 * A provider webhook passed signature verification at the ingress. {@code payload} is the raw JSON body as received,
 * so the owning service parses it with the provider's own model.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record WebhookReceived(String provider, String providerEventId, String eventType, String payload, Instant receivedAt) implements EventData {

    public static final String TYPE = "webhook.received";
}
