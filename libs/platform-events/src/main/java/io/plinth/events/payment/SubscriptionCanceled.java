package io.plinth.events.payment;

import io.plinth.events.EventData;

/**
 * A subscription ended; the user falls back to the free tier.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record SubscriptionCanceled(String subscriptionId, String userId, String tier) implements EventData {

    public static final String TYPE = "subscription.canceled";
}
