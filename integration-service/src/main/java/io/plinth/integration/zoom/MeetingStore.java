package io.plinth.integration.zoom;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code meetings} and {@code meeting_events}. */
@Repository
class MeetingStore {

    private static final String COLUMNS = """
            id, tenant_id, user_id, zoom_meeting_id, zoom_uuid, topic, start_time, duration_minutes, timezone, join_url,
            status, created_at, updated_at""";

    private final DatabaseClient db;

    MeetingStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Meeting> insert(Meeting m) {
        return db.sql("insert into meetings (" + COLUMNS + ") values (:id, :tenant, :user, :zoomId, :zoomUuid, :topic,"
                        + " :start, :minutes, :timezone, :joinUrl, :status, :at, :at) returning " + COLUMNS)
                .bind("id", m.id()).bind("tenant", m.tenantId()).bind("user", m.userId())
                .bind("zoomId", m.zoomMeetingId())
                .bind("zoomUuid", org.springframework.r2dbc.core.Parameter.fromOrEmpty(m.zoomUuid(), String.class))
                .bind("topic", m.topic()).bind("start", utc(m.startTime())).bind("minutes", m.durationMinutes())
                .bind("timezone", m.timezone()).bind("joinUrl", m.joinUrl()).bind("status", m.status())
                .bind("at", utc(m.createdAt()))
                .map(MeetingStore::row).one();
    }

    Mono<Meeting> find(String tenantId, UUID id) {
        return db.sql("select " + COLUMNS + " from meetings where tenant_id = :tenant and id = :id")
                .bind("tenant", tenantId).bind("id", id).map(MeetingStore::row).one();
    }

    Flux<Meeting.Event> events(UUID meetingId) {
        return db.sql("select event_type, occurred_at, received_at from meeting_events where meeting_id = :id"
                        + " order by occurred_at, id")
                .bind("id", meetingId)
                .map(r -> new Meeting.Event(r.get("event_type", String.class), instant(r, "occurred_at"),
                        instant(r, "received_at")))
                .all();
    }

    /**
     * Records one event against the meeting with this Zoom id (or uuid); the meeting's id when it was recorded now,
     * empty when it is not a meeting Plinth scheduled or the event was recorded before.
     */
    Mono<UUID> record(String zoomMeetingId, String zoomUuid, String type, Instant occurredAt, Instant receivedAt) {
        return db.sql("insert into meeting_events (meeting_id, event_type, occurred_at, received_at)"
                        + " select id, :type, :occurred, :received from meetings"
                        + " where zoom_meeting_id = :zoomId or (cast(:zoomUuid as text) <> '' and zoom_uuid = :zoomUuid)"
                        + " limit 1 on conflict (meeting_id, event_type, occurred_at) do nothing returning meeting_id")
                .bind("type", type).bind("occurred", utc(occurredAt)).bind("received", utc(receivedAt))
                .bind("zoomId", zoomMeetingId == null ? "" : zoomMeetingId)
                .bind("zoomUuid", zoomUuid == null ? "" : zoomUuid)
                .map(r -> r.get("meeting_id", UUID.class)).one();
    }

    Mono<Long> move(UUID id, Set<MeetingStatus> from, MeetingStatus to, Instant at) {
        return db.sql("update meetings set status = :to, updated_at = :at where id = :id and status = any(:from)")
                .bind("to", to.id()).bind("at", utc(at)).bind("id", id)
                .bind("from", from.stream().map(MeetingStatus::id).toArray(String[]::new))
                .fetch().rowsUpdated();
    }

    private static Meeting row(Readable r) {
        return new Meeting(r.get("id", UUID.class), r.get("tenant_id", String.class), r.get("user_id", String.class),
                r.get("zoom_meeting_id", String.class), r.get("zoom_uuid", String.class), r.get("topic", String.class),
                instant(r, "start_time"), r.get("duration_minutes", Integer.class), r.get("timezone", String.class),
                r.get("join_url", String.class), null, r.get("status", String.class), List.of(),
                instant(r, "created_at"), instant(r, "updated_at"));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Readable r, String column) {
        return r.get(column, OffsetDateTime.class).toInstant();
    }
}
