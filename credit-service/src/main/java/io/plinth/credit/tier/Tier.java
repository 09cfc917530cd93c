package io.plinth.credit.tier;

import java.util.Locale;

/** Subscription tiers. A user without a subscription is {@link #FREE}. */
public enum Tier {
    FREE, PRO, PREMIUM;

    /** Reads a tier name from an event ("pro", "PREMIUM"); unknown names fall back to FREE. */
    public static Tier parse(String name) {
        if (name == null || name.isBlank()) {
            return FREE;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return FREE;
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
