package io.plinth.events.video;

import io.plinth.events.EventData;

/**
 * A generation job stored its video; credit-service captures the hold.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record VideoGenerationCompleted(String jobId, String userId, String videoId, String holdId) implements EventData {

    public static final String TYPE = "video.generation-completed";
}
