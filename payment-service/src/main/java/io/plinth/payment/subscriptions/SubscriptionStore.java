package io.plinth.payment.subscriptions;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class SubscriptionStore {

    private static final String COLUMNS = """
            id, tenant_id, user_id, provider, price_id, tier, status, cancel_at_period_end, current_period_end,
            created_at, updated_at""";

    private final DatabaseClient db;

    SubscriptionStore(DatabaseClient db) {
        this.db = db;
    }

    /** Creates the row if it is new (in the reported state); answers whether it was created. */
    Mono<Boolean> insertIfNew(SubscriptionReport r, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO subscriptions (%s)
                        VALUES (:id, :tenant, :user, :provider, :price, :tier, :status, :cancel, :periodEnd, :now, :now)
                        ON CONFLICT (id) DO NOTHING""".formatted(COLUMNS))
                .bind("id", r.subscriptionId())
                .bind("tenant", r.tenantId())
                .bind("user", r.userId())
                .bind("provider", r.provider())
                .bind("tier", r.tier())
                .bind("status", r.status().wire())
                .bind("cancel", Boolean.TRUE.equals(r.cancelAtPeriodEnd()))
                .bind("now", now.atOffset(ZoneOffset.UTC));
        spec = r.priceId() == null ? spec.bindNull("price", String.class) : spec.bind("price", r.priceId());
        spec = r.currentPeriodEnd() == null ? spec.bindNull("periodEnd", OffsetDateTime.class)
                : spec.bind("periodEnd", r.currentPeriodEnd().atOffset(ZoneOffset.UTC));
        return spec.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    Mono<Subscription> lock(String id) {
        return db.sql("SELECT " + COLUMNS + " FROM subscriptions WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(SubscriptionStore::row)
                .one();
    }

    Mono<Subscription> owned(String tenantId, String userId, String id) {
        return db.sql("SELECT " + COLUMNS + " FROM subscriptions WHERE id = :id AND tenant_id = :tenant AND user_id = :user")
                .bind("id", id)
                .bind("tenant", tenantId)
                .bind("user", userId)
                .map(SubscriptionStore::row)
                .one();
    }

    Flux<Subscription> ofUser(String tenantId, String userId) {
        return db.sql("SELECT " + COLUMNS + " FROM subscriptions WHERE tenant_id = :tenant AND user_id = :user "
                        + "ORDER BY created_at DESC LIMIT 100")
                .bind("tenant", tenantId)
                .bind("user", userId)
                .map(SubscriptionStore::row)
                .all();
    }

    /** Writes what the report says (status, and the flags/period when it tells them). */
    Mono<Subscription> update(String id, SubscriptionStatus status, Boolean cancelAtPeriodEnd, Instant periodEnd,
            Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE subscriptions SET status = :status,
                            cancel_at_period_end = coalesce(:cancel, cancel_at_period_end),
                            current_period_end = greatest(current_period_end, :periodEnd),
                            updated_at = :now
                        WHERE id = :id RETURNING %s""".formatted(COLUMNS))
                .bind("id", id)
                .bind("status", status.wire())
                .bind("now", now.atOffset(ZoneOffset.UTC));
        spec = cancelAtPeriodEnd == null ? spec.bindNull("cancel", Boolean.class) : spec.bind("cancel", cancelAtPeriodEnd);
        spec = periodEnd == null ? spec.bindNull("periodEnd", OffsetDateTime.class)
                : spec.bind("periodEnd", periodEnd.atOffset(ZoneOffset.UTC));
        return spec.map(SubscriptionStore::row).one();
    }

    Mono<Subscription> markCancelAtPeriodEnd(String id, Instant now) {
        return db.sql("UPDATE subscriptions SET cancel_at_period_end = true, updated_at = :now WHERE id = :id RETURNING "
                        + COLUMNS)
                .bind("id", id)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .map(SubscriptionStore::row)
                .one();
    }

    private static Subscription row(Readable row) {
        OffsetDateTime periodEnd = row.get("current_period_end", OffsetDateTime.class);
        return new Subscription(row.get("id", String.class), row.get("tenant_id", String.class),
                row.get("user_id", String.class), row.get("provider", String.class), row.get("price_id", String.class),
                row.get("tier", String.class), SubscriptionStatus.parse(row.get("status", String.class)),
                Boolean.TRUE.equals(row.get("cancel_at_period_end", Boolean.class)),
                periodEnd == null ? null : periodEnd.toInstant(),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }
}
