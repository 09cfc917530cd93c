package io.plinth.platform.idempotency;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Mono;

/**
 * The {@code idempotency_keys} table. Every statement runs on its own (auto-commit), outside any
 * transaction of the handler: the claim must be visible to a concurrent request at once, and the
 * stored response must survive whatever the handler's own transaction did.
 */
class IdempotencyStore {

    /*
     * One statement decides the race: of two requests inserting the same (caller, key), exactly one
     * gets a row back. The DO UPDATE branch (instead of DO NOTHING) takes over only a row that is
     * dead: expired but not swept yet, or an in-progress claim whose process never finished. Postgres
     * re-checks that WHERE under the row lock, so a takeover is exclusive as well.
     */
    private static final String CLAIM = """
            INSERT INTO idempotency_keys
                (caller, idempotency_key, request_hash, state, claim_id, locked_until, created_at, expires_at)
            VALUES (:caller, :key, :hash, 'in_progress', :claimId,
                    now() + make_interval(secs => :lockSeconds), now(), now() + make_interval(secs => :ttlSeconds))
            ON CONFLICT (caller, idempotency_key) DO UPDATE
               SET request_hash = EXCLUDED.request_hash, state = 'in_progress', claim_id = EXCLUDED.claim_id,
                   locked_until = EXCLUDED.locked_until, created_at = EXCLUDED.created_at,
                   expires_at = EXCLUDED.expires_at, completed_at = NULL, response_status = NULL,
                   response_content_type = NULL, response_location = NULL, response_body = NULL
             WHERE idempotency_keys.expires_at <= now()
                OR (idempotency_keys.state = 'in_progress' AND idempotency_keys.locked_until <= now())
            RETURNING claim_id
            """;

    private static final String FIND = """
            SELECT request_hash, state, response_status, response_content_type, response_location, response_body
              FROM idempotency_keys
             WHERE caller = :caller AND idempotency_key = :key AND expires_at > now()
            """;

    private static final String COMPLETE = """
            UPDATE idempotency_keys
               SET state = 'completed', response_status = :status, response_content_type = :contentType,
                   response_location = :location, response_body = :body, completed_at = now()
             WHERE caller = :caller AND idempotency_key = :key AND claim_id = :claimId AND state = 'in_progress'
            """;

    private static final String RELEASE = """
            DELETE FROM idempotency_keys
             WHERE caller = :caller AND idempotency_key = :key AND claim_id = :claimId AND state = 'in_progress'
            """;

    private static final String SWEEP = """
            DELETE FROM idempotency_keys
             WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at <= now() LIMIT :batch)
            """;

    /** A key released or expired between our claim attempt and our read: claim again, a few times at most. */
    private static final int CLAIM_ATTEMPTS = 3;

    private final DatabaseClient db;
    private final IdempotencyProperties properties;

    IdempotencyStore(DatabaseClient db, IdempotencyProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    Mono<ClaimOutcome> claim(String caller, String key, byte[] requestHash) {
        return claim(caller, key, requestHash, CLAIM_ATTEMPTS);
    }

    private Mono<ClaimOutcome> claim(String caller, String key, byte[] requestHash, int attemptsLeft) {
        UUID claimId = UUID.randomUUID();
        Mono<ClaimOutcome> claimed = db.sql(CLAIM)
                .bind("caller", caller)
                .bind("key", key)
                .bind("hash", requestHash)
                .bind("claimId", claimId)
                .bind("lockSeconds", seconds(properties.lockTimeout()))
                .bind("ttlSeconds", seconds(properties.ttl()))
                .map(row -> (ClaimOutcome) new ClaimOutcome.Claimed(caller, key, row.get("claim_id", UUID.class)))
                .one();
        return claimed.switchIfEmpty(Mono.defer(() -> find(caller, key)))
                .switchIfEmpty(Mono.defer(() -> attemptsLeft > 1
                        ? claim(caller, key, requestHash, attemptsLeft - 1)
                        : Mono.error(new IllegalStateException("Idempotency key kept changing hands while claiming"))));
    }

    private Mono<ClaimOutcome> find(String caller, String key) {
        return db.sql(FIND)
                .bind("caller", caller)
                .bind("key", key)
                .map(row -> {
                    byte[] hash = bytes(row.get("request_hash"));
                    if ("in_progress".equals(row.get("state", String.class))) {
                        return (ClaimOutcome) new ClaimOutcome.Existing(hash, null);
                    }
                    Integer status = row.get("response_status", Integer.class);
                    StoredResponse response = new StoredResponse(status == null ? 200 : status,
                            row.get("response_content_type", String.class), row.get("response_location", String.class),
                            bytes(row.get("response_body")));
                    return (ClaimOutcome) new ClaimOutcome.Existing(hash, response);
                })
                .one();
    }

    /** @return true when the response was stored (false: the claim was lost, e.g. taken over after a timeout) */
    Mono<Boolean> complete(ClaimOutcome.Claimed claim, StoredResponse response) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(COMPLETE)
                .bind("caller", claim.caller())
                .bind("key", claim.key())
                .bind("claimId", claim.claimId())
                .bind("status", response.status())
                .bind("body", response.body());
        spec = response.contentType() == null ? spec.bindNull("contentType", String.class)
                : spec.bind("contentType", response.contentType());
        spec = response.location() == null ? spec.bindNull("location", String.class)
                : spec.bind("location", response.location());
        return spec.fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** Frees the key so the client can retry (after a 5xx or a dropped connection). */
    Mono<Boolean> release(ClaimOutcome.Claimed claim) {
        return db.sql(RELEASE)
                .bind("caller", claim.caller())
                .bind("key", claim.key())
                .bind("claimId", claim.claimId())
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** Deletes expired keys in batches; returns how many went. */
    Mono<Long> deleteExpired() {
        return db.sql(SWEEP).bind("batch", properties.sweepBatchSize()).fetch().rowsUpdated()
                .expand(deleted -> deleted >= properties.sweepBatchSize()
                        ? db.sql(SWEEP).bind("batch", properties.sweepBatchSize()).fetch().rowsUpdated()
                        : Mono.empty())
                .reduce(0L, Long::sum);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static byte[] bytes(Object value) {
        if (value == null) {
            return new byte[0];
        }
        if (value instanceof byte[] array) {
            return array;
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] array = new byte[buffer.remaining()];
            buffer.duplicate().get(array);
            return array;
        }
        throw new IllegalStateException("Unexpected bytea value type " + value.getClass().getName());
    }
}
