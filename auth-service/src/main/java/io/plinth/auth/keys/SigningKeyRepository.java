package io.plinth.auth.keys;

import java.time.Instant;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class SigningKeyRepository {

    record Row(String kid, byte[] privateJwkEnc, String publicJwk, Instant createdAt, Instant supersededAt,
               Instant retireAt) {
        KeySchedule.KeyTimes times() {
            return new KeySchedule.KeyTimes(kid, createdAt, supersededAt, retireAt);
        }
    }

    private final DatabaseClient db;

    SigningKeyRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<Row> all() {
        return db.sql("select kid, private_jwk_enc, public_jwk, created_at, superseded_at, retire_at from signing_keys")
                .map(row -> {
                    java.nio.ByteBuffer buf = row.get("private_jwk_enc", java.nio.ByteBuffer.class);
                    byte[] bytes = new byte[buf.remaining()];
                    buf.get(bytes);
                    return new Row(row.get("kid", String.class), bytes, row.get("public_jwk", String.class),
                            row.get("created_at", Instant.class), row.get("superseded_at", Instant.class),
                            row.get("retire_at", Instant.class));
                })
                .all();
    }

    /** Serialises rotations across replicas for the rest of the current transaction. */
    Mono<Void> lockRotation() {
        return db.sql("select pg_advisory_xact_lock(4242001)").fetch().rowsUpdated().then();
    }

    Mono<Void> insert(String kid, byte[] privateEnc, String publicJwk, Instant createdAt) {
        return db.sql("""
                        insert into signing_keys (kid, private_jwk_enc, public_jwk, created_at)
                        values (:kid, :priv, :pub, :at)""")
                .bind("kid", kid).bind("priv", java.nio.ByteBuffer.wrap(privateEnc)).bind("pub", publicJwk)
                .bind("at", createdAt)
                .fetch().rowsUpdated().then();
    }

    Mono<Void> supersedeAllExcept(String kid, Instant at, Instant retireAt) {
        return db.sql("""
                        update signing_keys set superseded_at = :at, retire_at = :retire
                        where kid <> :kid and superseded_at is null""")
                .bind("kid", kid).bind("at", at).bind("retire", retireAt)
                .fetch().rowsUpdated().then();
    }

    /** Every other key stops signing and leaves the JWKS now, including ones already superseded. */
    Mono<Void> retireAllExcept(String kid, Instant at) {
        return db.sql("""
                        update signing_keys set superseded_at = coalesce(superseded_at, :at), retire_at = :at
                        where kid <> :kid and (retire_at is null or retire_at > :at)""")
                .bind("kid", kid).bind("at", at)
                .fetch().rowsUpdated().then();
    }
}
