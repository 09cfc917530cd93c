package io.plinth.events.payment;

import io.plinth.events.EventData;
import java.time.Instant;

/**
 * A subscription became active (or renewed) until {@code currentPeriodEnd}.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record SubscriptionActivated(String subscriptionId, String userId, String tier, Instant currentPeriodEnd) implements EventData {

    public static final String TYPE = "subscription.activated";
}
