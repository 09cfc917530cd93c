package io.plinth.events.credit;

import io.plinth.events.EventData;

/**
 * Credits were added to a user's balance.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record CreditsGranted(String userId, String transferId, long credits, long balance, String reason) implements EventData {

    public static final String TYPE = "credits.granted";
}
