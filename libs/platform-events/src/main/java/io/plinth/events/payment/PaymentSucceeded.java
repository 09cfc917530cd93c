package io.plinth.events.payment;

import io.plinth.events.EventData;
import java.util.List;

/**
 * A payment settled; credit-service grants {@code credits} once per payment id. What the purchase bought, from the
 * catalog at the time it was made: {@code credits} (0 unless it bought credit packages), {@code tier} (the plan's
 * tier, e.g. {@code pro}, null unless it started a plan; credit-service moves the tier on the subscription events),
 * {@code entitlements} (what it unlocks, e.g. {@code course:intro-to-video}, {@code feature:export_4k}; empty unless
 * it sold some; a Pipit basket may sell several). {@code entitlement} is the first of them, for consumers written
 * before baskets existed.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record PaymentSucceeded(String paymentId, String userId, String provider, String productId, String priceId,
        long credits, long amountMinor, String currency, String entitlement, String tier, List<String> entitlements)
        implements EventData {

    public static final String TYPE = "payment.succeeded";

    public PaymentSucceeded {
        // Events written before the field existed carry only {@code entitlement}.
        entitlements = entitlements != null ? List.copyOf(entitlements)
                : entitlement == null ? List.of() : List.of(entitlement);
        entitlement = entitlement != null ? entitlement : entitlements.isEmpty() ? null : entitlements.get(0);
    }

    /** A payment that unlocks at most one entitlement and starts no plan. */
    public PaymentSucceeded(String paymentId, String userId, String provider, String productId, String priceId,
            long credits, long amountMinor, String currency, String entitlement) {
        this(paymentId, userId, provider, productId, priceId, credits, amountMinor, currency, entitlement, null, null);
    }

    /** A payment that unlocks no entitlement (credit packages). */
    public PaymentSucceeded(String paymentId, String userId, String provider, String productId, String priceId,
            long credits, long amountMinor, String currency) {
        this(paymentId, userId, provider, productId, priceId, credits, amountMinor, currency, null);
    }
}
