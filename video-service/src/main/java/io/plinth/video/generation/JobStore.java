package io.plinth.video.generation;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The job queue's SQL. Every state change is an UPDATE guarded by the state it leaves and, while
 * rendering, by the worker that holds the claim: whoever's UPDATE returns the row owns that
 * transition, so workers of several replicas can race on one job and exactly one wins.
 */
@Repository
class JobStore {

    private static final String COLUMNS = "id, tenant_id, user_id, prompt, lang, scenes, vertical, output_format, "
            + "credits, hold_id, state, progress, attempts, claimed_by, lease_until, last_error, video_id, created_at, "
            + "finished_at";

    private final DatabaseClient db;

    JobStore(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts a queued job; an existing job with the same id (the same request again) is returned instead. */
    Mono<GenerationJob> insertOrFind(GenerationJob job, Instant now) {
        return db.sql("INSERT INTO generation_job (id, tenant_id, user_id, prompt, lang, scenes, vertical, "
                        + "output_format, credits, hold_id, state, run_after, created_at, updated_at) "
                        + "VALUES (:id, :tenant, :user, :prompt, :lang, :scenes, :vertical, :format, :credits, :hold, "
                        + "'QUEUED', :now, :now, :now) ON CONFLICT (id) DO NOTHING")
                .bind("id", job.id())
                .bind("tenant", job.tenantId())
                .bind("user", job.userId())
                .bind("prompt", job.prompt())
                .bind("lang", job.lang())
                .bind("scenes", job.scenes())
                .bind("vertical", job.vertical())
                .bind("format", job.outputFormat())
                .bind("credits", job.credits())
                .bind("hold", job.holdId())
                .bind("now", utc(now))
                .fetch().rowsUpdated()
                // Inserted: this is the job as it stands (a worker may claim it at once; the caller answers "queued").
                .flatMap(rows -> rows == 1 ? Mono.just(job) : find(job.id()));
    }

    Mono<GenerationJob> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM generation_job WHERE id = :id").bind("id", id)
                .map(JobStore::job).one();
    }

    /**
     * Claims the oldest runnable job for {@code worker}: queued and due, or rendering under a lease
     * that ran out (its worker is gone). SKIP LOCKED lets workers claim side by side without
     * waiting on, or both taking, the same row.
     */
    Mono<GenerationJob> claim(String worker, Instant now, Duration lease) {
        return db.sql("UPDATE generation_job j SET state = 'RENDERING', claimed_by = :worker, lease_until = :lease, "
                        + "attempts = j.attempts + 1, progress = 0, updated_at = :now "
                        + "WHERE j.id = (SELECT id FROM generation_job "
                        + "  WHERE (state = 'QUEUED' AND run_after <= :now) OR (state = 'RENDERING' AND lease_until < :now) "
                        + "  ORDER BY run_after LIMIT 1 FOR UPDATE SKIP LOCKED) "
                        + "RETURNING " + prefixed())
                .bind("worker", worker)
                .bind("lease", utc(now.plus(lease)))
                .bind("now", utc(now))
                .map(JobStore::job).one();
    }

    /** Records progress and extends the lease; empty when {@code worker} no longer holds the job. */
    Mono<Boolean> progress(UUID id, String worker, int percent, Instant now, Duration lease) {
        return db.sql("UPDATE generation_job SET progress = GREATEST(progress, :progress), lease_until = :lease, "
                        + "updated_at = :now WHERE id = :id AND state = 'RENDERING' AND claimed_by = :worker")
                .bind("progress", percent)
                .bind("lease", utc(now.plus(lease)))
                .bind("now", utc(now))
                .bind("id", id)
                .bind("worker", worker)
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }

    /** RENDERING → COMPLETED, if {@code worker} still holds the job. */
    Mono<Boolean> complete(UUID id, String worker, UUID videoId, Instant now) {
        return db.sql("UPDATE generation_job SET state = 'COMPLETED', progress = 100, video_id = :video, "
                        + "claimed_by = NULL, lease_until = NULL, last_error = NULL, updated_at = :now, finished_at = :now "
                        + "WHERE id = :id AND state = 'RENDERING' AND claimed_by = :worker")
                .bind("video", videoId)
                .bind("now", utc(now))
                .bind("id", id)
                .bind("worker", worker)
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }

    /** RENDERING → QUEUED again after a failed attempt, runnable from {@code runAfter}. */
    Mono<Boolean> retryLater(UUID id, String worker, String error, Instant runAfter, Instant now) {
        return db.sql("UPDATE generation_job SET state = 'QUEUED', claimed_by = NULL, lease_until = NULL, "
                        + "progress = 0, last_error = :error, run_after = :after, updated_at = :now "
                        + "WHERE id = :id AND state = 'RENDERING' AND claimed_by = :worker")
                .bind("error", error)
                .bind("after", utc(runAfter))
                .bind("now", utc(now))
                .bind("id", id)
                .bind("worker", worker)
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }

    /** RENDERING → FAILED for good, if {@code worker} still holds the job. */
    Mono<Boolean> fail(UUID id, String worker, String error, Instant now) {
        return db.sql("UPDATE generation_job SET state = 'FAILED', claimed_by = NULL, lease_until = NULL, "
                        + "last_error = :error, updated_at = :now, finished_at = :now "
                        + "WHERE id = :id AND state = 'RENDERING' AND claimed_by = :worker")
                .bind("error", error)
                .bind("now", utc(now))
                .bind("id", id)
                .bind("worker", worker)
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }

    private static String prefixed() {
        return ("j." + COLUMNS.replace(", ", ", j."));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static GenerationJob job(Readable row) {
        return new GenerationJob(row.get("id", UUID.class), row.get("tenant_id", String.class),
                row.get("user_id", String.class), row.get("prompt", String.class), row.get("lang", String.class),
                row.get("scenes", Integer.class), row.get("vertical", Boolean.class),
                row.get("output_format", String.class), row.get("credits", Long.class), row.get("hold_id", String.class),
                JobState.valueOf(row.get("state", String.class)), row.get("progress", Integer.class),
                row.get("attempts", Integer.class), row.get("claimed_by", String.class),
                instant(row.get("lease_until", OffsetDateTime.class)), row.get("last_error", String.class),
                row.get("video_id", UUID.class), instant(row.get("created_at", OffsetDateTime.class)),
                instant(row.get("finished_at", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
