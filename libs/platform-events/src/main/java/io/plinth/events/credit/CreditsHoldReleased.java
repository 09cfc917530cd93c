package io.plinth.events.credit;

import io.plinth.events.EventData;

/**
 * A credit hold was released in full (job failed or hold expired).
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record CreditsHoldReleased(String holdId, String userId, long released, String reason) implements EventData {

    public static final String TYPE = "credits.hold-released";
}
