package io.plinth.payment.payments;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One payment attempt and what it buys. Amounts in minor units of {@code currency}. {@code entitlements} is everything
 * it unlocks ({@code entitlement} the first of them); {@code items} the basket's lines (empty unless a Pipit basket
 * bought several prices at once, whose {@code priceId} and {@code productId} are then {@value #BASKET}).
 */
public record Payment(UUID id, String tenantId, String userId, String provider, String priceId, String productId,
        String kind, String mode, int quantity, long amountMinor, String currency, long credits, String tier,
        String entitlement, PaymentStatus status, String providerRef, String providerPaymentId, long refundedMinor,
        String failureReason, Instant createdAt, Instant updatedAt, List<String> entitlements, List<LineItem> items) {

    /** priceId, productId and kind of a basket payment. */
    public static final String BASKET = "basket";

    /** One line of a basket: {@code quantity} of the catalog price {@code priceId}. */
    public record LineItem(String priceId, int quantity) {
    }

    public Payment {
        entitlements = entitlements != null ? List.copyOf(entitlements)
                : entitlement == null ? List.of() : List.of(entitlement);
        items = items == null ? List.of() : List.copyOf(items);
    }

    public Payment(UUID id, String tenantId, String userId, String provider, String priceId, String productId,
            String kind, String mode, int quantity, long amountMinor, String currency, long credits, String tier,
            String entitlement, PaymentStatus status, String providerRef, String providerPaymentId, long refundedMinor,
            String failureReason, Instant createdAt, Instant updatedAt) {
        this(id, tenantId, userId, provider, priceId, productId, kind, mode, quantity, amountMinor, currency, credits,
                tier, entitlement, status, providerRef, providerPaymentId, refundedMinor, failureReason, createdAt,
                updatedAt, null, null);
    }

    /** A new pending payment; the provider's handle is known once the provider accepted it. */
    public static Payment pending(UUID id, String tenantId, String userId, String provider, String priceId,
            String productId, String kind, String mode, int quantity, long amountMinor, String currency, long credits,
            String tier, String entitlement, String providerRef, Instant now) {
        return new Payment(id, tenantId, userId, provider, priceId, productId, kind, mode, quantity, amountMinor,
                currency, credits, tier, entitlement, PaymentStatus.PENDING, providerRef, null, 0, null, now, now);
    }

    /** A new pending basket: the sum of its lines' credits and every entitlement they unlock. */
    public static Payment pendingBasket(UUID id, String tenantId, String userId, String provider, List<LineItem> items,
            long amountMinor, String currency, long credits, List<String> entitlements, String providerRef,
            Instant now) {
        int quantity = items.stream().mapToInt(LineItem::quantity).sum();
        return new Payment(id, tenantId, userId, provider, BASKET, BASKET, BASKET, "payment", quantity, amountMinor,
                currency, credits, null, entitlements.isEmpty() ? null : entitlements.get(0), PaymentStatus.PENDING,
                providerRef, null, 0, null, now, now, entitlements, items);
    }

    public long refundableMinor() {
        return amountMinor - refundedMinor;
    }
}
