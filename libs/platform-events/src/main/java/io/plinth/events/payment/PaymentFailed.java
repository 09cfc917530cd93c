package io.plinth.events.payment;

import io.plinth.events.EventData;

/**
 * A payment attempt failed at the provider.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record PaymentFailed(String paymentId, String userId, String provider, String reason) implements EventData {

    public static final String TYPE = "payment.failed";
}
