package io.plinth.payment.payments;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A payment's states and the only moves between them. Anything else is refused (and logged by the
 * caller), never applied, so events may arrive in any order.
 *
 * <p>{@code failed → completed} is allowed on purpose: Stripe Checkout reports a declined card as
 * {@code payment_intent.payment_failed} but keeps the session open, and the customer may then pay
 * with another card. Money received always wins over an earlier failed attempt.
 */
public enum PaymentStatus {
    PENDING,
    COMPLETED,
    FAILED,
    PARTIALLY_REFUNDED,
    REFUNDED;

    public boolean canMoveTo(PaymentStatus target) {
        return switch (this) {
            case PENDING -> target == COMPLETED || target == FAILED;
            case FAILED -> target == COMPLETED;
            case COMPLETED, PARTIALLY_REFUNDED -> target == PARTIALLY_REFUNDED || target == REFUNDED;
            case REFUNDED -> false;
        };
    }

    /** The states from which {@code target} may be reached. */
    public static Set<PaymentStatus> sourcesOf(PaymentStatus target) {
        Set<PaymentStatus> sources = EnumSet.noneOf(PaymentStatus.class);
        for (PaymentStatus status : values()) {
            if (status.canMoveTo(target)) {
                sources.add(status);
            }
        }
        return sources;
    }

    /** Money was received (and may since have been refunded in part or whole). */
    public boolean settled() {
        return this == COMPLETED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PaymentStatus parse(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
