package io.plinth.events.video;

import io.plinth.events.EventData;

/**
 * An editor export failed.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record VideoExportFailed(String exportId, String userId, String reason) implements EventData {

    public static final String TYPE = "video.export-failed";
}
