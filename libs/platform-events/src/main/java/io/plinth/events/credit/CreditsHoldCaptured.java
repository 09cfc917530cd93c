package io.plinth.events.credit;

import io.plinth.events.EventData;

/**
 * A credit hold was captured; {@code released} is the unused remainder returned to the balance.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record CreditsHoldCaptured(String holdId, String userId, long captured, long released, String reference) implements EventData {

    public static final String TYPE = "credits.hold-captured";
}
