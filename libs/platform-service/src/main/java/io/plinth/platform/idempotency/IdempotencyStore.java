package io.plinth.platform.idempotency;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;

import io.plinth.platform.batch.GroupCommit;
import reactor.core.publisher.Mono;

/**
 * The {@code idempotency_keys} table. Every statement runs on its own (auto-commit), outside any
 * transaction of the handler: the claim must be visible to a concurrent request at once, and the
 * stored response must survive whatever the handler's own transaction did.
 *
 * <p>Claims and stored responses are group-committed ({@link GroupCommit}): the requests that arrive
 * while earlier statements run are claimed (or completed) together in one statement. Each row is
 * still decided on its own by the same rules as the single statements, which remain the path for
 * anything a batch could not answer.
 */
class IdempotencyStore {

    private static final String FIND = """
            SELECT request_hash, state, response_status, response_content_type, response_location, response_body
              FROM idempotency_keys
             WHERE caller = :caller AND idempotency_key = :key AND expires_at > now()
            """;

    /*
     * Claims one or many keys in one statement. The INSERT decides each race: of two requests
     * inserting the same (caller, key), exactly one gets a row back. The DO UPDATE branch (instead of
     * DO NOTHING) takes over only a row that is dead: expired but not swept yet, or an in-progress
     * claim whose process never finished; Postgres re-checks that WHERE under the row lock, so a
     * takeover is exclusive as well. The join to idempotency_keys sees the table as it was when the
     * statement began, so it finds the existing row of a key not claimed here unless that row was
     * committed meanwhile; then the key gets no answer and is looked up again (FIND). Inserting in
     * key order keeps two batches from deadlocking on overlapping keys. A key may appear only once.
     */
    private static final String CLAIM = """
            WITH input AS (
                SELECT i.ord, i.caller, i.idempotency_key, decode(i.hash, 'hex') AS request_hash,
                       CAST(i.claim_id AS uuid) AS claim_id
                  FROM unnest(CAST(:callers AS text[]), CAST(:keys AS text[]), CAST(:hashes AS text[]),
                              CAST(:claimIds AS text[])) WITH ORDINALITY AS i(caller, idempotency_key, hash, claim_id, ord)
            ), claimed AS (
                INSERT INTO idempotency_keys
                    (caller, idempotency_key, request_hash, state, claim_id, locked_until, created_at, expires_at)
                SELECT caller, idempotency_key, request_hash, 'in_progress', claim_id,
                       now() + make_interval(secs => :lockSeconds), now(), now() + make_interval(secs => :ttlSeconds)
                  FROM input ORDER BY caller, idempotency_key
                ON CONFLICT (caller, idempotency_key) DO UPDATE
                   SET request_hash = EXCLUDED.request_hash, state = 'in_progress', claim_id = EXCLUDED.claim_id,
                       locked_until = EXCLUDED.locked_until, created_at = EXCLUDED.created_at,
                       expires_at = EXCLUDED.expires_at, completed_at = NULL, response_status = NULL,
                       response_content_type = NULL, response_location = NULL, response_body = NULL
                 WHERE idempotency_keys.expires_at <= now()
                    OR (idempotency_keys.state = 'in_progress' AND idempotency_keys.locked_until <= now())
                RETURNING claim_id
            )
            SELECT input.ord, claimed.claim_id AS claimed, k.request_hash, k.state, k.response_status,
                   k.response_content_type, k.response_location, k.response_body
              FROM input
              LEFT JOIN claimed ON claimed.claim_id = input.claim_id
              LEFT JOIN idempotency_keys k ON claimed.claim_id IS NULL AND k.caller = input.caller
                   AND k.idempotency_key = input.idempotency_key AND k.expires_at > now()
            """;

    /** Stores each response under its own claim id only: a claim taken over meanwhile stores nothing. */
    private static final String COMPLETE = """
            UPDATE idempotency_keys k
               SET state = 'completed', response_status = i.status, response_content_type = i.content_type,
                   response_location = i.location, response_body = decode(i.body, 'base64'), completed_at = now()
              FROM unnest(CAST(:callers AS text[]), CAST(:keys AS text[]), CAST(:claimIds AS text[]),
                          CAST(:statuses AS int[]), CAST(:contentTypes AS text[]), CAST(:locations AS text[]),
                          CAST(:bodies AS text[])) AS i(caller, idempotency_key, claim_id, status, content_type, location, body)
             WHERE k.caller = i.caller AND k.idempotency_key = i.idempotency_key
               AND k.claim_id = CAST(i.claim_id AS uuid) AND k.state = 'in_progress'
            RETURNING k.claim_id
            """;

    private static final String RELEASE = """
            DELETE FROM idempotency_keys
             WHERE caller = :caller AND idempotency_key = :key AND claim_id = :claimId AND state = 'in_progress'
            """;

    private static final String SWEEP = """
            DELETE FROM idempotency_keys
             WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at <= now() LIMIT :batch)
            """;

    private static final HexFormat HEX = HexFormat.of();

    /** A key released or expired between our claim attempt and our read: claim again, a few times at most. */
    private static final int CLAIM_ATTEMPTS = 3;

    private final DatabaseClient db;
    private final IdempotencyProperties properties;
    private final GroupCommit<ClaimRequest, ClaimOutcome> claims;
    private final GroupCommit<Completion, Boolean> completions;

    /** One claim waiting for its batch; {@code claimId} is the id the row gets if this request wins. */
    private record ClaimRequest(String caller, String key, byte[] requestHash, UUID claimId) {
    }

    private record Completion(ClaimOutcome.Claimed claim, StoredResponse response) {
    }

    IdempotencyStore(DatabaseClient db, IdempotencyProperties properties, MeterRegistry meters) {
        this.db = db;
        this.properties = properties;
        this.claims = new GroupCommit<>("idempotency claims", this::claimBatch, properties.batchSize(),
                properties.batchesInFlight(), batchSizes(meters, "claim")::record);
        this.completions = new GroupCommit<>("idempotent responses", this::completeBatch, properties.batchSize(),
                properties.batchesInFlight(), batchSizes(meters, "complete")::record);
    }

    private static DistributionSummary batchSizes(MeterRegistry meters, String statement) {
        return DistributionSummary.builder("plinth.idempotency.batch.size")
                .description("Idempotency-Key claims or stored responses written per statement (group commit)")
                .tag("statement", statement)
                .register(meters);
    }

    Mono<ClaimOutcome> claim(String caller, String key, byte[] requestHash) {
        return claims.submit(new ClaimRequest(caller, key, requestHash, UUID.randomUUID()))
                .switchIfEmpty(Mono.defer(() -> claimAlone(caller, key, requestHash, CLAIM_ATTEMPTS)));
    }

    /**
     * Answers each request with the batch's outcome for it, or null (the single path decides):
     * a key that came up twice in the batch (a row can be claimed once per statement), or a key
     * whose row the batch neither claimed nor saw.
     */
    private Mono<List<ClaimOutcome>> claimBatch(List<ClaimRequest> requests) {
        // Each request's position among the keys sent, or -1 for a key already sent for an earlier one.
        List<ClaimRequest> distinct = new ArrayList<>(requests.size());
        int[] sentAs = new int[requests.size()];
        Set<List<String>> seen = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            ClaimRequest r = requests.get(i);
            sentAs[i] = seen.add(List.of(r.caller(), r.key())) ? distinct.size() : -1;
            if (sentAs[i] >= 0) {
                distinct.add(r);
            }
        }
        String[] callers = new String[distinct.size()];
        String[] keys = new String[distinct.size()];
        String[] hashes = new String[distinct.size()];
        String[] claimIds = new String[distinct.size()];
        for (int i = 0; i < distinct.size(); i++) {
            ClaimRequest r = distinct.get(i);
            callers[i] = r.caller();
            keys[i] = r.key();
            hashes[i] = HEX.formatHex(r.requestHash());
            claimIds[i] = r.claimId().toString();
        }
        return db.sql(CLAIM)
                .bind("callers", callers)
                .bind("keys", keys)
                .bind("hashes", hashes)
                .bind("claimIds", claimIds)
                .bind("lockSeconds", seconds(properties.lockTimeout()))
                .bind("ttlSeconds", seconds(properties.ttl()))
                .map(row -> {
                    int sent = row.get("ord", Long.class).intValue() - 1;
                    ClaimRequest r = distinct.get(sent);
                    ClaimOutcome outcome = row.get("claimed", UUID.class) != null
                            ? new ClaimOutcome.Claimed(r.caller(), r.key(), r.claimId())
                            : row.get("state") == null ? null : existing(row);
                    return new Answered(sent, outcome);
                })
                .all()
                .collect(() -> new ClaimOutcome[distinct.size()], (outcomes, a) -> outcomes[a.sent()] = a.outcome())
                .map(outcomes -> Arrays.stream(sentAs).mapToObj(sent -> sent < 0 ? null : outcomes[sent]).toList());
    }

    /** The claim statement's answer for the key sent at position {@code sent} (null: neither claimed nor seen). */
    private record Answered(int sent, ClaimOutcome outcome) {
    }

    /** Claims alone: a batch of one, then a look at the row if it was neither claimed nor seen. */
    private Mono<ClaimOutcome> claimAlone(String caller, String key, byte[] requestHash, int attemptsLeft) {
        return claimBatch(List.of(new ClaimRequest(caller, key, requestHash, UUID.randomUUID())))
                .flatMap(outcomes -> Mono.justOrEmpty(outcomes.get(0)))
                .switchIfEmpty(Mono.defer(() -> find(caller, key)))
                .switchIfEmpty(Mono.defer(() -> attemptsLeft > 1
                        ? claimAlone(caller, key, requestHash, attemptsLeft - 1)
                        : Mono.error(new IllegalStateException("Idempotency key kept changing hands while claiming"))));
    }

    private Mono<ClaimOutcome> find(String caller, String key) {
        return db.sql(FIND)
                .bind("caller", caller)
                .bind("key", key)
                .map(IdempotencyStore::existing)
                .one();
    }

    private static ClaimOutcome existing(Readable row) {
        byte[] hash = bytes(row.get("request_hash"));
        if ("in_progress".equals(row.get("state", String.class))) {
            return new ClaimOutcome.Existing(hash, null);
        }
        Integer status = row.get("response_status", Integer.class);
        StoredResponse response = new StoredResponse(status == null ? 200 : status,
                row.get("response_content_type", String.class), row.get("response_location", String.class),
                bytes(row.get("response_body")));
        return new ClaimOutcome.Existing(hash, response);
    }

    /** @return true when the response was stored (false: the claim was lost, e.g. taken over after a timeout) */
    Mono<Boolean> complete(ClaimOutcome.Claimed claim, StoredResponse response) {
        return completions.submit(new Completion(claim, response))
                .switchIfEmpty(Mono.defer(() -> completeAlone(claim, response)));
    }

    private Mono<List<Boolean>> completeBatch(List<Completion> batch) {
        int n = batch.size();
        String[] callers = new String[n];
        String[] keys = new String[n];
        String[] claimIds = new String[n];
        Integer[] statuses = new Integer[n];
        String[] contentTypes = new String[n];
        String[] locations = new String[n];
        String[] bodies = new String[n];
        for (int i = 0; i < n; i++) {
            Completion c = batch.get(i);
            callers[i] = c.claim().caller();
            keys[i] = c.claim().key();
            claimIds[i] = c.claim().claimId().toString();
            statuses[i] = c.response().status();
            contentTypes[i] = c.response().contentType();
            locations[i] = c.response().location();
            bodies[i] = Base64.getEncoder().encodeToString(c.response().body());
        }
        return db.sql(COMPLETE)
                .bind("callers", callers)
                .bind("keys", keys)
                .bind("claimIds", claimIds)
                .bind("statuses", statuses)
                .bind("contentTypes", contentTypes)
                .bind("locations", locations)
                .bind("bodies", bodies)
                .map(row -> row.get("claim_id", UUID.class))
                .all()
                .collect(Collectors.toSet())
                .map(stored -> batch.stream().map(c -> stored.contains(c.claim().claimId())).toList());
    }

    private Mono<Boolean> completeAlone(ClaimOutcome.Claimed claim, StoredResponse response) {
        return completeBatch(List.of(new Completion(claim, response))).map(saved -> saved.get(0));
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
