package io.plinth.credit.hold;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Hold rows. Every state change is an UPDATE guarded by {@code state IN (…)} with the states
 * {@link HoldState#sourcesOf} allows: whoever's UPDATE returns the row owns the transition, so a
 * capture, a release and the sweepers of several replicas can race on one hold and exactly one of
 * them wins.
 */
@Repository
class HoldStore {

    private static final String COLUMNS = "id, request_id, tenant_id, user_id, wallet_id, amount, captured, state, "
            + "service, reference, description, expires_at, created_at, settled_at, placed_by";

    private final DatabaseClient db;

    HoldStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Hold> insert(Hold hold) {
        GenericExecuteSpec spec = db.sql("INSERT INTO hold (" + COLUMNS + ") VALUES (:id, :request, :tenant, :user, "
                        + ":wallet, :amount, 0, 'PENDING', :service, :reference, :description, :expires, :created, NULL, :placedBy)")
                .bind("id", hold.id())
                .bind("request", hold.requestId())
                .bind("tenant", hold.tenantId())
                .bind("user", hold.userId())
                .bind("wallet", hold.walletId())
                .bind("amount", hold.amount())
                .bind("service", hold.service())
                .bind("expires", hold.expiresAt().atOffset(ZoneOffset.UTC))
                .bind("created", hold.createdAt().atOffset(ZoneOffset.UTC))
                .bind("placedBy", hold.placedBy());
        spec = hold.reference() == null ? spec.bindNull("reference", String.class) : spec.bind("reference", hold.reference());
        spec = hold.description() == null ? spec.bindNull("description", String.class)
                : spec.bind("description", hold.description());
        return spec.fetch().rowsUpdated().thenReturn(hold);
    }

    Mono<Hold> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM hold WHERE id = :id").bind("id", id).map(HoldStore::hold).one();
    }

    Mono<Hold> findByRequest(String requestId) {
        return db.sql("SELECT " + COLUMNS + " FROM hold WHERE request_id = :request")
                .bind("request", requestId).map(HoldStore::hold).one();
    }

    /** Where a page of a user's holds ended: the last hold's creation time and id (ties broken by id). */
    record Position(Instant createdAt, UUID id) {
    }

    /** A user's holds in any state, newest first, after {@code after} (null: from the newest). */
    Flux<Hold> ofUser(String tenantId, String userId, Position after, int limit) {
        GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM hold WHERE tenant_id = :tenant AND user_id = :user "
                        + (after == null ? "" : "AND (created_at, id) < (:afterCreated, :afterId) ")
                        + "ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("tenant", tenantId)
                .bind("user", userId)
                .bind("limit", limit);
        if (after != null) {
            spec = spec.bind("afterCreated", after.createdAt().atOffset(ZoneOffset.UTC)).bind("afterId", after.id());
        }
        return spec.map(HoldStore::hold).all();
    }

    /** → CAPTURED with {@code captured} spent, if allowed from its state, unexpired and within the amount. */
    Mono<Hold> markCaptured(UUID id, long captured, Instant now) {
        return moveTo(id, HoldState.CAPTURED, captured, now);
    }

    /** → RELEASED (or EXPIRED), if allowed from its state. */
    Mono<Hold> markReleased(UUID id, HoldState state, Instant now) {
        return moveTo(id, state, 0, now);
    }

    /**
     * Moves the hold to {@code target} if {@link HoldState} allows it from the hold's current state;
     * empty when it does not (the hold moved on first, or never could). A capture also needs the
     * hold unexpired and {@code captured} within its amount.
     */
    Mono<Hold> moveTo(UUID id, HoldState target, long captured, Instant now) {
        String from = sources(target);
        if (from == null) {
            return Mono.empty();
        }
        boolean capture = target == HoldState.CAPTURED;
        GenericExecuteSpec spec = db.sql("UPDATE hold SET state = :state, settled_at = :now"
                        + (capture ? ", captured = :captured" : "")
                        + " WHERE id = :id AND state IN (" + from + ")"
                        + (capture ? " AND expires_at > :now AND amount >= :captured" : "")
                        + " RETURNING " + COLUMNS)
                .bind("state", target.name())
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("id", id);
        if (capture) {
            spec = spec.bind("captured", captured);
        }
        return spec.map(HoldStore::hold).one();
    }

    /**
     * Claims one expired hold that may still expire and marks it EXPIRED. SKIP LOCKED lets the
     * sweepers of several replicas work side by side without waiting on (or double-expiring) the same hold.
     */
    Mono<Hold> expireOne(Instant now) {
        String from = sources(HoldState.EXPIRED);
        return db.sql("UPDATE hold SET state = 'EXPIRED', settled_at = :now WHERE id = ("
                        + "SELECT id FROM hold WHERE state IN (" + from + ") AND expires_at <= :now "
                        + "ORDER BY expires_at LIMIT 1 FOR UPDATE SKIP LOCKED) AND state IN (" + from + ") "
                        + "RETURNING " + COLUMNS)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .map(HoldStore::hold).one();
    }

    /** The SQL list of states {@code target} may be reached from (enum names, never user input); null if none. */
    private static String sources(HoldState target) {
        var sources = HoldState.sourcesOf(target);
        if (sources.isEmpty()) {
            return null;
        }
        return sources.stream().map(s -> "'" + s.name() + "'").sorted().collect(java.util.stream.Collectors.joining(", "));
    }

    static Hold hold(Readable row) {
        OffsetDateTime settled = row.get("settled_at", OffsetDateTime.class);
        return new Hold(
                row.get("id", UUID.class),
                row.get("request_id", String.class),
                row.get("tenant_id", String.class),
                row.get("user_id", String.class),
                row.get("wallet_id", UUID.class),
                row.get("amount", Long.class),
                row.get("captured", Long.class),
                HoldState.valueOf(row.get("state", String.class)),
                row.get("service", String.class),
                row.get("reference", String.class),
                row.get("description", String.class),
                row.get("expires_at", OffsetDateTime.class).toInstant(),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                settled == null ? null : settled.toInstant(),
                row.get("placed_by", String.class));
    }
}
