package io.plinth.auth.token;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
class RefreshTokenStore {

    record Row(UUID id, UUID familyId, UUID userId, String tenantId, Instant expiresAt, Instant spentAt,
               Instant revokedAt) {
    }

    private final DatabaseClient db;

    RefreshTokenStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(UUID id, String hash, UUID familyId, UUID userId, String tenantId, Instant now, Instant expires) {
        return db.sql("""
                        insert into refresh_tokens (id, token_hash, family_id, user_id, tenant_id, created_at, expires_at)
                        values (:id, :hash, :family, :user, :tenant, :now, :exp)""")
                .bind("id", id).bind("hash", hash).bind("family", familyId).bind("user", userId)
                .bind("tenant", tenantId).bind("now", now).bind("exp", expires)
                .fetch().rowsUpdated().then();
    }

    Mono<Row> findByHash(String hash) {
        return db.sql("""
                        select id, family_id, user_id, tenant_id, expires_at, spent_at, revoked_at
                        from refresh_tokens where token_hash = :hash""")
                .bind("hash", hash)
                .map(row -> new Row(row.get("id", UUID.class), row.get("family_id", UUID.class),
                        row.get("user_id", UUID.class), row.get("tenant_id", String.class),
                        row.get("expires_at", Instant.class), row.get("spent_at", Instant.class),
                        row.get("revoked_at", Instant.class)))
                .one();
    }

    /** Spends an active token; false when another request spent or revoked it first. */
    Mono<Boolean> spend(UUID id, Instant now) {
        return db.sql("""
                        update refresh_tokens set spent_at = :now
                        where id = :id and spent_at is null and revoked_at is null""")
                .bind("id", id).bind("now", now)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    Mono<Void> revokeFamily(UUID familyId, Instant now) {
        return db.sql("update refresh_tokens set revoked_at = :now where family_id = :family and revoked_at is null")
                .bind("family", familyId).bind("now", now)
                .fetch().rowsUpdated().then();
    }

    Mono<Void> revokeUser(UUID userId, Instant now) {
        return db.sql("update refresh_tokens set revoked_at = :now where user_id = :user and revoked_at is null")
                .bind("user", userId).bind("now", now)
                .fetch().rowsUpdated().then();
    }
}
