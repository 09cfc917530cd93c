package io.plinth.video.playback;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Every playback request, allowed or denied, with the reason. */
@Repository
class PlaybackLog {

    private final DatabaseClient db;

    PlaybackLog(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> record(String tenantId, String userId, String videoId, PlaybackRule.Decision decision, Instant at) {
        return db.sql("INSERT INTO playback_access (tenant_id, user_id, video_id, allowed, reason, at) "
                        + "VALUES (:tenant, :user, :video, :allowed, :reason, :at)")
                .bind("tenant", tenantId)
                .bind("user", userId)
                .bind("video", videoId.length() > 100 ? videoId.substring(0, 100) : videoId)
                .bind("allowed", decision.allowed())
                .bind("reason", decision.reason().name().toLowerCase())
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().then();
    }
}
