package io.plinth.auth.account;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Hashed, single-use, expiring tokens for email verification and password reset. */
@Repository
class OneTimeTokenStore {

    static final String EMAIL_VERIFICATION = "email_verification";
    static final String PASSWORD_RESET = "password_reset";

    private final DatabaseClient db;

    OneTimeTokenStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> save(String tokenHash, UUID userId, String purpose, Instant now, Instant expiresAt) {
        return db.sql("""
                        insert into one_time_tokens (token_hash, user_id, purpose, created_at, expires_at)
                        values (:hash, :user, :purpose, :now, :exp)""")
                .bind("hash", tokenHash).bind("user", userId).bind("purpose", purpose)
                .bind("now", now).bind("exp", expiresAt)
                .fetch().rowsUpdated().then();
    }

    /** Spends the token in one statement, so two concurrent uses cannot both succeed. Empty if unusable. */
    Mono<UUID> consume(String tokenHash, String purpose, Instant now) {
        return db.sql("""
                        update one_time_tokens set used_at = :now
                        where token_hash = :hash and purpose = :purpose and used_at is null and expires_at > :now
                        returning user_id""")
                .bind("hash", tokenHash).bind("purpose", purpose).bind("now", now)
                .map(row -> row.get("user_id", UUID.class)).one();
    }
}
