package io.plinth.credit.tier;

import java.time.LocalDate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The {@code daily_usage} rows: uses of a metered service per user and UTC day. */
@Repository
class DailyUsageStore {

    private final DatabaseClient db;

    DailyUsageStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Counts one use of a metered service today, only while under the limit. Empty when the
     * limit is already reached. The upsert locks the usage row, so concurrent spends of the
     * same user count one after another.
     */
    Mono<Integer> count(String tenantId, String userId, String service, LocalDate day, int limit) {
        if (limit <= 0) {
            return Mono.empty();
        }
        return db.sql("INSERT INTO daily_usage (tenant_id, user_id, service, day, used) "
                        + "VALUES (:tenant, :user, :service, :day, 1) "
                        + "ON CONFLICT (tenant_id, user_id, service, day) DO UPDATE "
                        + "SET used = daily_usage.used + 1 WHERE daily_usage.used < :limit RETURNING used")
                .bind("tenant", tenantId)
                .bind("user", userId)
                .bind("service", service)
                .bind("day", day)
                .bind("limit", limit)
                .map(row -> row.get("used", Integer.class))
                .one();
    }

    /** Gives a use back (a hold for a job that failed or expired). */
    Mono<Long> uncount(String tenantId, String userId, String service, LocalDate day) {
        return db.sql("UPDATE daily_usage SET used = used - 1 WHERE tenant_id = :tenant AND user_id = :user "
                        + "AND service = :service AND day = :day AND used > 0")
                .bind("tenant", tenantId)
                .bind("user", userId)
                .bind("service", service)
                .bind("day", day)
                .fetch().rowsUpdated();
    }

    Mono<Integer> used(String tenantId, String userId, String service, LocalDate day) {
        return db.sql("SELECT used FROM daily_usage WHERE tenant_id = :tenant AND user_id = :user "
                        + "AND service = :service AND day = :day")
                .bind("tenant", tenantId)
                .bind("user", userId)
                .bind("service", service)
                .bind("day", day)
                .map(row -> row.get("used", Integer.class))
                .one()
                .defaultIfEmpty(0);
    }
}
