package io.plinth.video.export;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code editor_export}; {@code metadata} is CapCut's metadata JSON as received. */
record EditorExport(UUID id, String tenantId, String userId, UUID contentId, String projectId, String format,
        String quality, boolean includeMetadata, boolean watermark, String callbackUrl, String capcutExportId,
        ExportStatus status, int progress, String videoUrl, String metadataJson, String failureReason,
        Instant estimatedCompletion, Instant createdAt) {
}
