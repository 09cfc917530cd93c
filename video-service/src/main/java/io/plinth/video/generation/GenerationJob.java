package io.plinth.video.generation;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code generation_job}. */
record GenerationJob(UUID id, String tenantId, String userId, String prompt, String lang, int scenes,
        boolean vertical, String outputFormat, long credits, String holdId, JobState state, int progress,
        int attempts, String claimedBy, Instant leaseUntil, String lastError, UUID videoId, Instant createdAt,
        Instant finishedAt) {
}
