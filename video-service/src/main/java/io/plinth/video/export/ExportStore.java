package io.plinth.video.export;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
class ExportStore {

    private static final String COLUMNS = "id, tenant_id, user_id, content_id, project_id, format, quality, "
            + "include_metadata, watermark, callback_url, capcut_export_id, status, progress, video_url, "
            + "metadata::text AS metadata, failure_reason, estimated_completion, created_at";

    private final DatabaseClient db;

    ExportStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<EditorExport> insert(EditorExport e, Instant now) {
        GenericExecuteSpec spec = db.sql("INSERT INTO editor_export (id, tenant_id, user_id, content_id, project_id, "
                        + "format, quality, include_metadata, watermark, callback_url, capcut_export_id, status, progress, "
                        + "estimated_completion, created_at, updated_at) VALUES (:id, :tenant, :user, :content, :project, "
                        + ":format, :quality, :meta, :watermark, :callback, :capcut, 'QUEUED', 0, :eta, :now, :now)")
                .bind("id", e.id())
                .bind("tenant", e.tenantId())
                .bind("user", e.userId())
                .bind("content", e.contentId())
                .bind("project", e.projectId())
                .bind("format", e.format())
                .bind("quality", e.quality())
                .bind("meta", e.includeMetadata())
                .bind("watermark", e.watermark())
                .bind("capcut", e.capcutExportId())
                .bind("now", utc(now));
        spec = e.callbackUrl() == null ? spec.bindNull("callback", String.class) : spec.bind("callback", e.callbackUrl());
        spec = e.estimatedCompletion() == null ? spec.bindNull("eta", OffsetDateTime.class)
                : spec.bind("eta", utc(e.estimatedCompletion()));
        return spec.fetch().rowsUpdated().thenReturn(e);
    }

    Mono<EditorExport> find(String tenantId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM editor_export WHERE id = :id AND tenant_id = :tenant")
                .bind("id", id).bind("tenant", tenantId).map(ExportStore::export).one();
    }

    /**
     * Records CapCut's outcome, if the export is not final yet: empty when it already was (a duplicate or
     * late webhook) or CapCut's id is not ours.
     */
    Mono<EditorExport> finish(String capcutExportId, ExportStatus status, String videoUrl, String metadataJson,
            String failureReason, Instant now) {
        GenericExecuteSpec spec = db.sql("UPDATE editor_export SET status = :status, progress = :progress, "
                        + "video_url = :url, metadata = CAST(:metadata AS jsonb), failure_reason = :reason, updated_at = :now "
                        + "WHERE capcut_export_id = :capcut AND status IN ('QUEUED', 'PROCESSING') RETURNING " + COLUMNS)
                .bind("status", status.name())
                .bind("progress", status == ExportStatus.COMPLETED ? 100 : 0)
                .bind("now", utc(now))
                .bind("capcut", capcutExportId);
        spec = videoUrl == null ? spec.bindNull("url", String.class) : spec.bind("url", videoUrl);
        spec = metadataJson == null ? spec.bindNull("metadata", String.class) : spec.bind("metadata", metadataJson);
        spec = failureReason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", failureReason);
        return spec.map(ExportStore::export).one();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static EditorExport export(Readable row) {
        OffsetDateTime eta = row.get("estimated_completion", OffsetDateTime.class);
        return new EditorExport(row.get("id", UUID.class), row.get("tenant_id", String.class),
                row.get("user_id", String.class), row.get("content_id", UUID.class), row.get("project_id", String.class),
                row.get("format", String.class), row.get("quality", String.class),
                Boolean.TRUE.equals(row.get("include_metadata", Boolean.class)),
                Boolean.TRUE.equals(row.get("watermark", Boolean.class)), row.get("callback_url", String.class),
                row.get("capcut_export_id", String.class), ExportStatus.valueOf(row.get("status", String.class)),
                row.get("progress", Integer.class), row.get("video_url", String.class), row.get("metadata", String.class),
                row.get("failure_reason", String.class), eta == null ? null : eta.toInstant(),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }
}
