package io.plinth.video.entitlement;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
class EntitlementStore {

    private final DatabaseClient db;

    EntitlementStore(DatabaseClient db) {
        this.db = db;
    }

    /** True when this grant is new; the same cause again inserts nothing. */
    Mono<Boolean> grant(String tenantId, String userId, String entitlement, String source, Instant at) {
        return db.sql("INSERT INTO entitlement (tenant_id, user_id, entitlement, source, granted_at) "
                        + "VALUES (:tenant, :user, :entitlement, :source, :at) ON CONFLICT DO NOTHING")
                .bind("tenant", tenantId)
                .bind("user", userId)
                .bind("entitlement", entitlement)
                .bind("source", source)
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }

    Mono<Boolean> holds(String tenantId, String userId, String entitlement) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM entitlement WHERE tenant_id = :tenant AND user_id = :user "
                        + "AND entitlement = :entitlement) AS held")
                .bind("tenant", tenantId)
                .bind("user", userId)
                .bind("entitlement", entitlement)
                .map(row -> Boolean.TRUE.equals(row.get("held", Boolean.class)))
                .one();
    }
}
