package io.plinth.events.payment;

import io.plinth.events.EventData;

/**
 * A payment was (partly) refunded. {@code totalRefundedMinor} is cumulative and {@code credits} is what the payment granted,
 * so a consumer can claw back {@code credits * totalRefundedMinor / amountMinor} minus what it already took.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record PaymentRefunded(String paymentId, String userId, String refundId, long refundedMinor, long totalRefundedMinor, long amountMinor, String currency, long credits) implements EventData {

    public static final String TYPE = "payment.refunded";
}
