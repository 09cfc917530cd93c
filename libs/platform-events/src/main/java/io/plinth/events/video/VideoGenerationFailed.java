package io.plinth.events.video;

import io.plinth.events.EventData;

/**
 * A generation job failed; credit-service releases the hold.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record VideoGenerationFailed(String jobId, String userId, String holdId, String reason) implements EventData {

    public static final String TYPE = "video.generation-failed";
}
