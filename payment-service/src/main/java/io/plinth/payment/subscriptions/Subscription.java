package io.plinth.payment.subscriptions;

import java.time.Instant;

public record Subscription(String id, String tenantId, String userId, String provider, String priceId, String tier,
        SubscriptionStatus status, boolean cancelAtPeriodEnd, Instant currentPeriodEnd, Instant createdAt,
        Instant updatedAt) {
}
