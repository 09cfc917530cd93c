package io.plinth.events.credit;

import io.plinth.events.EventData;

/**
 * A user's balance fell below their low-balance threshold.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record CreditsLow(String userId, long balance, long threshold) implements EventData {

    public static final String TYPE = "credits.low";
}
