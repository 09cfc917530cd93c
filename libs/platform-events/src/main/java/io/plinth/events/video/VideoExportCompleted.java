package io.plinth.events.video;

import io.plinth.events.EventData;
import java.util.Map;

/**
 * An editor export finished; {@code metadata} is the provider's export metadata as JSON values.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record VideoExportCompleted(String exportId, String userId, String contentId, String videoUrl, Map<String, Object> metadata) implements EventData {

    public static final String TYPE = "video.export-completed";
}
