package io.plinth.events.payment;

import io.plinth.events.EventData;

/**
 * A payment settled; credit-service grants {@code credits} once per payment id. {@code entitlement} (optional,
 * null unless the product sells one) is what the purchase unlocks, e.g. {@code course:intro-to-video} or
 * {@code feature:export_4k}.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record PaymentSucceeded(String paymentId, String userId, String provider, String productId, String priceId, long credits, long amountMinor, String currency, String entitlement) implements EventData {

    public static final String TYPE = "payment.succeeded";

    /** A payment that unlocks no entitlement (credit packages, tier plans). */
    public PaymentSucceeded(String paymentId, String userId, String provider, String productId, String priceId,
            long credits, long amountMinor, String currency) {
        this(paymentId, userId, provider, productId, priceId, credits, amountMinor, currency, null);
    }
}
