package io.plinth.video.library;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
class VideoStore {

    private static final String COLUMNS = "id, tenant_id, owner_id, source, job_id, title, storage_key, content_type, "
            + "size_bytes, width, height, duration_ms, scenes, lang, free_preview, course_id, created_at";

    private final DatabaseClient db;

    VideoStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Video> insert(Video v) {
        GenericExecuteSpec spec = db.sql("INSERT INTO video (" + COLUMNS + ") VALUES (:id, :tenant, :owner, :source, "
                        + ":job, :title, :key, :type, :size, :width, :height, :duration, :scenes, :lang, :preview, :course, :created)")
                .bind("id", v.id())
                .bind("tenant", v.tenantId())
                .bind("owner", v.ownerId())
                .bind("source", v.source())
                .bind("title", v.title())
                .bind("type", v.contentType())
                .bind("preview", v.freePreview())
                .bind("created", v.createdAt().atOffset(ZoneOffset.UTC));
        spec = bindNullable(spec, "job", v.jobId(), UUID.class);
        spec = bindNullable(spec, "key", v.storageKey(), String.class);
        spec = bindNullable(spec, "size", v.sizeBytes(), Long.class);
        spec = bindNullable(spec, "width", v.width(), Integer.class);
        spec = bindNullable(spec, "height", v.height(), Integer.class);
        spec = bindNullable(spec, "duration", v.durationMillis(), Long.class);
        spec = bindNullable(spec, "scenes", v.scenes(), Integer.class);
        spec = bindNullable(spec, "lang", v.lang(), String.class);
        spec = bindNullable(spec, "course", v.courseId(), String.class);
        return spec.fetch().rowsUpdated().thenReturn(v);
    }

    /** The video if it belongs to {@code tenantId}; another tenant's id finds nothing. */
    Mono<Video> find(String tenantId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM video WHERE id = :id AND tenant_id = :tenant")
                .bind("id", id).bind("tenant", tenantId)
                .map(VideoStore::video).one();
    }

    /** Sets who may watch besides the owner; empty when the tenant has no such video. */
    Mono<Video> updateAccess(String tenantId, UUID id, String courseId, boolean freePreview) {
        GenericExecuteSpec spec = db.sql("UPDATE video SET course_id = :course, free_preview = :preview "
                        + "WHERE id = :id AND tenant_id = :tenant RETURNING " + COLUMNS)
                .bind("preview", freePreview)
                .bind("id", id)
                .bind("tenant", tenantId);
        return bindNullable(spec, "course", courseId, String.class).map(VideoStore::video).one();
    }

    private static <T> GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static Video video(Readable row) {
        OffsetDateTime created = row.get("created_at", OffsetDateTime.class);
        return new Video(row.get("id", UUID.class), row.get("tenant_id", String.class), row.get("owner_id", String.class),
                row.get("source", String.class), row.get("job_id", UUID.class), row.get("title", String.class),
                row.get("storage_key", String.class), row.get("content_type", String.class),
                row.get("size_bytes", Long.class), row.get("width", Integer.class), row.get("height", Integer.class),
                row.get("duration_ms", Long.class), row.get("scenes", Integer.class), row.get("lang", String.class),
                Boolean.TRUE.equals(row.get("free_preview", Boolean.class)), row.get("course_id", String.class),
                created.toInstant());
    }
}
