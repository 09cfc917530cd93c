package io.plinth.video.library;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code video}: what a client may see of it, and where its bytes are. */
public record Video(UUID id, String tenantId, String ownerId, String source, UUID jobId, String title,
        String storageKey, String contentType, Long sizeBytes, Integer width, Integer height, Long durationMillis,
        Integer scenes, String lang, boolean freePreview, String courseId, Instant createdAt) {

    public static final String SOURCE_GENERATION = "generation";

    /** Where a video's bytes live in object storage. Made from the id alone: nothing a client typed. */
    public static String storageKeyFor(UUID videoId) {
        return "videos/" + videoId + ".mp4";
    }
}
