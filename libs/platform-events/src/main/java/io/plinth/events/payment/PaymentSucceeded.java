package io.plinth.events.payment;

import io.plinth.events.EventData;

/**
 * A payment settled; credit-service grants {@code credits} once per payment id. {@code entitlement}
 * (optional, added later: null from older producers) is what an entitlement product unlocks,
 * {@code course:{id}} or {@code feature:{name}}; video-service records it.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record PaymentSucceeded(String paymentId, String userId, String provider, String productId, String priceId, long credits, long amountMinor, String currency, String entitlement) implements EventData {

    public static final String TYPE = "payment.succeeded";

    /** A payment that unlocks nothing beyond its credits (the shape before {@code entitlement}). */
    public PaymentSucceeded(String paymentId, String userId, String provider, String productId, String priceId,
            long credits, long amountMinor, String currency) {
        this(paymentId, userId, provider, productId, priceId, credits, amountMinor, currency, null);
    }
}
