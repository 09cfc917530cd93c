package io.plinth.platform.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * How far behind Kafka a service's outbox is, read from the table itself (so it is true on a replica whose
 * relay is off, too). The relay's gauges and the admin endpoint both read it here.
 *
 * @param unpublished      rows not yet acknowledged by Kafka
 * @param oldestAgeSeconds how long the oldest of them has waited, by the database's clock; 0 when none
 * @param oldestCreatedAt  when the oldest of them was written; null when none
 */
public record OutboxBacklog(long unpublished, long oldestAgeSeconds, Instant oldestCreatedAt) {

    /** Reads only the unpublished rows (partial index {@code outbox_unpublished}): few, unless Kafka is behind. */
    static Mono<OutboxBacklog> read(DatabaseClient db) {
        return db.sql("""
                        select count(*) as unpublished, min(created_at) as oldest,
                               coalesce(extract(epoch from now() - min(created_at)), 0)::bigint as oldest_age
                        from outbox where published_at is null""")
                .map(row -> {
                    OffsetDateTime oldest = row.get("oldest", OffsetDateTime.class);
                    return new OutboxBacklog(row.get("unpublished", Long.class), row.get("oldest_age", Long.class),
                            oldest == null ? null : oldest.toInstant());
                })
                .one();
    }
}
