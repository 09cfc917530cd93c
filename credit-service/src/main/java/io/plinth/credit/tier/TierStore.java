package io.plinth.credit.tier;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Each user's current tier, as last set by a subscription event. */
@Repository
class TierStore {

    private final DatabaseClient db;

    TierStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Tier> tierOf(String tenantId, String userId) {
        return db.sql("SELECT tier FROM user_tier WHERE tenant_id = :tenant AND user_id = :user")
                .bind("tenant", tenantId)
                .bind("user", userId)
                .map(row -> Tier.valueOf(row.get("tier", String.class)))
                .one()
                .defaultIfEmpty(Tier.FREE);
    }

    /** Sets the tier from an activated subscription. */
    Mono<Void> activate(String tenantId, String userId, Tier tier, String subscriptionId, Instant at) {
        return db.sql("INSERT INTO user_tier (tenant_id, user_id, tier, subscription_id, updated_at) "
                        + "VALUES (:tenant, :user, :tier, :subscription, :at) "
                        + "ON CONFLICT (tenant_id, user_id) DO UPDATE SET tier = EXCLUDED.tier, "
                        + "subscription_id = EXCLUDED.subscription_id, updated_at = EXCLUDED.updated_at")
                .bind("tenant", tenantId)
                .bind("user", userId)
                .bind("tier", tier.name())
                .bind("subscription", subscriptionId)
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .then();
    }

    /**
     * Back to free when the subscription that set the current tier ends. A cancel of an older
     * subscription (the user already moved to another one) changes nothing.
     */
    Mono<Void> cancel(String tenantId, String userId, String subscriptionId, Instant at) {
        return db.sql("UPDATE user_tier SET tier = 'FREE', subscription_id = NULL, updated_at = :at "
                        + "WHERE tenant_id = :tenant AND user_id = :user "
                        + "AND (subscription_id = :subscription OR subscription_id IS NULL)")
                .bind("tenant", tenantId)
                .bind("user", userId)
                .bind("subscription", subscriptionId)
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .then();
    }
}
