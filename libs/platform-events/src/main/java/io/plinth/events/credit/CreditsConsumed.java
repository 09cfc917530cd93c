package io.plinth.events.credit;

import io.plinth.events.EventData;

/**
 * Credits were spent directly (no hold).
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record CreditsConsumed(String userId, String transferId, long credits, long balance, String service) implements EventData {

    public static final String TYPE = "credits.consumed";
}
