package io.plinth.integration.webhook;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code webhook_events}: the ingress's log of every attempt, and the dedupe of verified events. */
@Repository
class WebhookEventStore {

    static final String ACCEPTED = "accepted";
    static final String REJECTED = "rejected";
    static final String CHALLENGE = "challenge";

    private static final String COLUMNS = """
            id, source, provider_event_id, event_type, object_id, payload, payload_truncated, payload_bytes,
            signature_verdict, status, http_status, received_at, last_received_at, processed_at, attempts, replays,
            last_replayed_at, last_error""";

    private final DatabaseClient db;

    WebhookEventStore(DatabaseClient db) {
        this.db = db;
    }

    /** A new row for an attempt that is not (or not yet) a deduplicated event: refused, or a Zoom challenge. */
    Mono<Void> insertAttempt(WebhookEventRow row) {
        return bind(db.sql("insert into webhook_events (" + COLUMNS + ") values (:id, :source, :providerEventId,"
                        + " :eventType, :objectId, :payload, :payloadTruncated, :payloadBytes, :signatureVerdict, :status,"
                        + " :httpStatus, :receivedAt, :receivedAt, :processedAt, 1, 0, null, :lastError)"), row)
                .fetch().rowsUpdated().then();
    }

    /**
     * Records a verified event, once: the first delivery inserts the row, every later one of the same
     * (source, provider event id) only counts up {@code attempts}. Must run in the transaction that appends the
     * event to the outbox, so "inserted" and "published" cannot disagree.
     */
    Mono<Recorded> recordVerified(WebhookEventRow row) {
        return bind(db.sql("insert into webhook_events (" + COLUMNS + ") values (:id, :source, :providerEventId,"
                        + " :eventType, :objectId, :payload, :payloadTruncated, :payloadBytes, :signatureVerdict, :status,"
                        + " :httpStatus, :receivedAt, :receivedAt, :processedAt, 1, 0, null, :lastError)"
                        + " on conflict (source, provider_event_id) where signature_verdict = 'verified' and status = 'accepted'"
                        + " do update set attempts = webhook_events.attempts + 1, last_received_at = excluded.last_received_at"
                        + " returning id, attempts"), row)
                .map(r -> new Recorded(r.get("id", UUID.class), r.get("id", UUID.class).equals(row.id()),
                        r.get("attempts", Integer.class)))
                .one();
    }

    /** The event's id in our log, whether this delivery made the row, and how many deliveries it has had. */
    record Recorded(UUID id, boolean inserted, int attempts) {
    }

    Mono<WebhookEventRow> find(UUID id) {
        return db.sql("select " + COLUMNS + " from webhook_events where id = :id").bind("id", id)
                .map(WebhookEventStore::row).one();
    }

    /** Counts a replay of an accepted event; empty when there is no accepted event with this id. */
    Mono<WebhookEventRow> markReplayed(UUID id, Instant now) {
        return db.sql("update webhook_events set replays = replays + 1, last_replayed_at = :now"
                        + " where id = :id and status = 'accepted' returning " + COLUMNS)
                .bind("id", id).bind("now", utc(now))
                .map(WebhookEventStore::row).one();
    }

    /** Newest first, after the cursor position, narrowed by whichever filters are set. */
    Flux<WebhookEventRow> list(EventFilter filter, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> binds = new LinkedHashMap<>();
        if (filter.source() != null) {
            where.add("source = :source");
            binds.put("source", filter.source());
        }
        if (filter.status() != null) {
            where.add("status = :status");
            binds.put("status", filter.status());
        }
        if (filter.type() != null) {
            where.add("event_type = :type");
            binds.put("type", filter.type());
        }
        if (filter.since() != null) {
            where.add("received_at >= :since");
            binds.put("since", utc(filter.since()));
        }
        if (filter.after() != null) {
            where.add("(received_at, id) < (:afterAt, :afterId)");
            binds.put("afterAt", utc(filter.after().receivedAt()));
            binds.put("afterId", filter.after().id());
        }
        String sql = "select " + COLUMNS + " from webhook_events"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by received_at desc, id desc limit :limit";
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind("limit", limit);
        for (Map.Entry<String, Object> b : binds.entrySet()) {
            spec = spec.bind(b.getKey(), b.getValue());
        }
        return spec.map(WebhookEventStore::row).all();
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, WebhookEventRow row) {
        spec = spec.bind("id", row.id())
                .bind("source", row.source())
                .bind("payload", row.payload())
                .bind("payloadTruncated", row.payloadTruncated())
                .bind("payloadBytes", row.payloadBytes())
                .bind("signatureVerdict", row.signatureVerdict())
                .bind("status", row.status())
                .bind("httpStatus", row.httpStatus())
                .bind("receivedAt", utc(row.receivedAt()));
        spec = nullable(spec, "providerEventId", row.providerEventId(), String.class);
        spec = nullable(spec, "eventType", row.eventType(), String.class);
        spec = nullable(spec, "objectId", row.objectId(), String.class);
        spec = nullable(spec, "lastError", row.lastError(), String.class);
        return nullable(spec, "processedAt", row.processedAt() == null ? null : utc(row.processedAt()), OffsetDateTime.class);
    }

    private static <T> DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name,
            T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Readable r, String column) {
        OffsetDateTime t = r.get(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static WebhookEventRow row(Readable r) {
        return new WebhookEventRow(
                r.get("id", UUID.class),
                r.get("source", String.class),
                r.get("provider_event_id", String.class),
                r.get("event_type", String.class),
                r.get("object_id", String.class),
                r.get("payload", String.class),
                Boolean.TRUE.equals(r.get("payload_truncated", Boolean.class)),
                r.get("payload_bytes", Integer.class),
                r.get("signature_verdict", String.class),
                r.get("status", String.class),
                r.get("http_status", Integer.class),
                instant(r, "received_at"),
                instant(r, "last_received_at"),
                instant(r, "processed_at"),
                r.get("attempts", Integer.class),
                r.get("replays", Integer.class),
                instant(r, "last_replayed_at"),
                r.get("last_error", String.class));
    }
}
