package io.plinth.payment.subscriptions;

import java.time.Instant;

/**
 * What one provider event says about a subscription. {@code cancelAtPeriodEnd} and
 * {@code currentPeriodEnd} may be null when the event does not tell.
 */
public record SubscriptionReport(String subscriptionId, String tenantId, String userId, String provider,
        String priceId, String tier, SubscriptionStatus status, Boolean cancelAtPeriodEnd, Instant currentPeriodEnd) {
}
