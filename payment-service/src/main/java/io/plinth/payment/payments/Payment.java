package io.plinth.payment.payments;

import java.time.Instant;
import java.util.UUID;

/** One payment attempt and what it buys. Amounts in minor units of {@code currency}. */
public record Payment(UUID id, String tenantId, String userId, String provider, String priceId, String productId,
        String kind, String mode, int quantity, long amountMinor, String currency, long credits, String tier,
        String entitlement, PaymentStatus status, String providerRef, String providerPaymentId, long refundedMinor,
        String failureReason, Instant createdAt, Instant updatedAt) {

    /** A new pending payment; the provider's handle is known once the provider accepted it. */
    public static Payment pending(UUID id, String tenantId, String userId, String provider, String priceId,
            String productId, String kind, String mode, int quantity, long amountMinor, String currency, long credits,
            String tier, String entitlement, String providerRef, Instant now) {
        return new Payment(id, tenantId, userId, provider, priceId, productId, kind, mode, quantity, amountMinor,
                currency, credits, tier, entitlement, PaymentStatus.PENDING, providerRef, null, 0, null, now, now);
    }

    public long refundableMinor() {
        return amountMinor - refundedMinor;
    }
}
