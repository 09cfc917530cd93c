package io.plinth.credit.hold;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Hold rows. Every state change is an UPDATE guarded by {@code state = 'PENDING'}: whoever's
 * UPDATE returns the row owns the transition, so a capture, a release and the sweepers of
 * several replicas can race on one hold and exactly one of them wins.
 */
@Repository
class HoldStore {

    private static final String COLUMNS = "id, request_id, tenant_id, user_id, wallet_id, amount, captured, state, "
            + "service, reference, description, expires_at, created_at, settled_at";

    private final DatabaseClient db;

    HoldStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Hold> insert(Hold hold) {
        GenericExecuteSpec spec = db.sql("INSERT INTO hold (" + COLUMNS + ") VALUES (:id, :request, :tenant, :user, "
                        + ":wallet, :amount, 0, 'PENDING', :service, :reference, :description, :expires, :created, NULL)")
                .bind("id", hold.id())
                .bind("request", hold.requestId())
                .bind("tenant", hold.tenantId())
                .bind("user", hold.userId())
                .bind("wallet", hold.walletId())
                .bind("amount", hold.amount())
                .bind("service", hold.service())
                .bind("expires", hold.expiresAt().atOffset(ZoneOffset.UTC))
                .bind("created", hold.createdAt().atOffset(ZoneOffset.UTC));
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

    /** PENDING → CAPTURED with {@code captured} spent, if still pending, unexpired and within the amount. */
    Mono<Hold> markCaptured(UUID id, long captured, Instant now) {
        return db.sql("UPDATE hold SET state = 'CAPTURED', captured = :captured, settled_at = :now "
                        + "WHERE id = :id AND state = 'PENDING' AND expires_at > :now AND amount >= :captured "
                        + "RETURNING " + COLUMNS)
                .bind("captured", captured)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("id", id)
                .map(HoldStore::hold).one();
    }

    /** PENDING → RELEASED or EXPIRED, if still pending. */
    Mono<Hold> markReleased(UUID id, HoldState state, Instant now) {
        return db.sql("UPDATE hold SET state = :state, settled_at = :now WHERE id = :id AND state = 'PENDING' "
                        + "RETURNING " + COLUMNS)
                .bind("state", state.name())
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("id", id)
                .map(HoldStore::hold).one();
    }

    /**
     * Claims one expired pending hold and marks it EXPIRED. SKIP LOCKED lets the sweepers of
     * several replicas work side by side without waiting on (or double-expiring) the same hold.
     */
    Mono<Hold> expireOne(Instant now) {
        return db.sql("UPDATE hold SET state = 'EXPIRED', settled_at = :now WHERE id = ("
                        + "SELECT id FROM hold WHERE state = 'PENDING' AND expires_at <= :now "
                        + "ORDER BY expires_at LIMIT 1 FOR UPDATE SKIP LOCKED) AND state = 'PENDING' "
                        + "RETURNING " + COLUMNS)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .map(HoldStore::hold).one();
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
                settled == null ? null : settled.toInstant());
    }
}
