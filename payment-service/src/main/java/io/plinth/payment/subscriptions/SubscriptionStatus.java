package io.plinth.payment.subscriptions;

/**
 * A subscription's states as Plinth tracks them; the tier is granted while {@code ACTIVE}.
 * {@code CANCELED} is final: a late "active" report after the end is refused, never applied.
 */
public enum SubscriptionStatus {
    INCOMPLETE,
    ACTIVE,
    CANCELED;

    public boolean canMoveTo(SubscriptionStatus target) {
        return switch (this) {
            case INCOMPLETE -> target == ACTIVE || target == CANCELED;
            case ACTIVE -> target == CANCELED;
            case CANCELED -> false;
        };
    }

    /** Stripe's subscription status in Plinth's terms ({@code past_due} keeps the tier while Stripe retries). */
    public static SubscriptionStatus fromStripe(String status) {
        return switch (status == null ? "" : status) {
            case "active", "trialing", "past_due" -> ACTIVE;
            case "canceled", "unpaid", "incomplete_expired" -> CANCELED;
            default -> INCOMPLETE;
        };
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static SubscriptionStatus parse(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
