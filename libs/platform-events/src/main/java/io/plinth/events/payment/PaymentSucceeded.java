package io.plinth.events.payment;

import io.plinth.events.EventData;

/**
 * A payment settled; credit-service grants {@code credits} once per payment id.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record PaymentSucceeded(String paymentId, String userId, String provider, String productId, String priceId, long credits, long amountMinor, String currency) implements EventData {

    public static final String TYPE = "payment.succeeded";
}
