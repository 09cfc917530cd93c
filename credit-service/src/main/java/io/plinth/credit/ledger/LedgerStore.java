package io.plinth.credit.ledger;

import io.plinth.events.EventEnvelope;
import io.plinth.events.EventJson;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for wallets and transfers; only {@link LedgerService} and the ledger's read side use it. Every
 * balance change is a single UPDATE whose WHERE clause carries the rule, so PostgreSQL's row lock
 * plus its re-check of the WHERE on the newest row version (READ COMMITTED) decides races: nothing
 * reads a balance and writes it back. A transfer row is written in exactly two places: {@link
 * #applyAndRecord} for one transfer, and its batched twin, the {@code spend_batch} function (V2), for
 * many plain spends at once ({@code SpendBatchIT} checks that both write the same row).
 */
@Repository
class LedgerStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final DatabaseClient db;
    private final JsonMapper json;

    LedgerStore(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<Wallet> findWallet(String tenantId, String userId) {
        return db.sql("SELECT id, tenant_id, user_id, balance, held FROM account "
                        + "WHERE tenant_id = :tenant AND user_id = :user AND kind = 'WALLET'")
                .bind("tenant", tenantId)
                .bind("user", userId)
                .map(LedgerStore::wallet)
                .one();
    }

    Mono<Wallet> findWallet(UUID walletId) {
        return db.sql("SELECT id, tenant_id, user_id, balance, held FROM account WHERE id = :id AND kind = 'WALLET'")
                .bind("id", walletId)
                .map(LedgerStore::wallet)
                .one();
    }

    /** The user's wallet, created empty if this is the first we hear of them. */
    Mono<Wallet> openWallet(String tenantId, String userId) {
        return findWallet(tenantId, userId).switchIfEmpty(Mono.defer(() -> db.sql(
                        "INSERT INTO account (id, tenant_id, user_id, kind) VALUES (:id, :tenant, :user, 'WALLET') "
                                + "ON CONFLICT (tenant_id, user_id) DO NOTHING")
                .bind("id", UUID.randomUUID())
                .bind("tenant", tenantId)
                .bind("user", userId)
                .fetch().rowsUpdated()
                .then(findWallet(tenantId, userId))));
    }

    /** Reserves {@code amount} only if it fits in balance − held; empty when it does not. */
    Mono<Wallet> reserve(UUID walletId, long amount) {
        return db.sql("UPDATE account SET held = held + :amount "
                        + "WHERE id = :id AND balance - held >= :amount "
                        + "RETURNING id, tenant_id, user_id, balance, held")
                .bind("amount", amount)
                .bind("id", walletId)
                .map(LedgerStore::wallet)
                .one();
    }

    Mono<Wallet> unreserve(UUID walletId, long amount) {
        return db.sql("UPDATE account SET held = held - :amount WHERE id = :id "
                        + "RETURNING id, tenant_id, user_id, balance, held")
                .bind("amount", amount)
                .bind("id", walletId)
                .map(LedgerStore::wallet)
                .one();
    }

    /**
     * Changes the wallet's balance and records the transfer in ONE statement, so the wallet's row
     * lock is held for as short a time as possible (this statement, the outbox insert, commit).
     * With {@code guard} the update only happens if the amount fits in balance − held; empty when
     * it does not (or the wallet does not exist). A transfer id that already exists fails the whole
     * statement with a unique violation, which rolls the balance change back.
     *
     * @param held the hold this transfer settles, whose reserved credits leave {@code held} in the
     *             same UPDATE; null for every other transfer
     * @return the transfer's sequence number, wallet id and the wallet balance after it
     */
    Mono<Posting> applyAndRecord(TransferRequest request, boolean guard, HeldCredits held, Instant createdAt) {
        UUID system = request.kind().counterpart().id();
        boolean into = request.kind().direction() == TransferKind.Direction.INTO_WALLET;
        String sql = "WITH w AS (UPDATE account SET balance = balance + :delta, held = held - :release "
                + "WHERE tenant_id = :tenant AND user_id = :user AND kind = 'WALLET' "
                + (guard ? "AND balance - held >= :amount " : "")
                + "RETURNING id, balance) "
                + "INSERT INTO transfer (id, tenant_id, user_id, debit_account_id, credit_account_id, amount, kind, "
                + "description, metadata, wallet_id, wallet_balance, hold_id, service, created_at) "
                + "SELECT :id, :tenant, :user, " + (into ? ":system, w.id" : "w.id, :system")
                + ", :amount, :kind, :description, :metadata, w.id, w.balance, :hold, :service, :createdAt FROM w "
                + "RETURNING seq, wallet_id, wallet_balance";
        GenericExecuteSpec spec = db.sql(sql)
                .bind("delta", request.kind().walletDelta(request.amount()))
                .bind("release", held == null ? 0L : held.amount())
                .bind("tenant", request.tenantId())
                .bind("user", request.userId())
                .bind("amount", request.amount())
                .bind("id", request.id())
                .bind("system", system)
                .bind("kind", request.kind().name())
                .bind("metadata", Json.of(json.writeValueAsString(request.metadata())))
                .bind("createdAt", createdAt.atOffset(java.time.ZoneOffset.UTC));
        spec = bindNullable(spec, "description", request.description(), String.class);
        spec = bindNullable(spec, "hold", held == null ? null : held.holdId(), UUID.class);
        spec = bindNullable(spec, "service", request.service(), String.class);
        return spec.map(row -> new Posting(row.get("seq", Long.class), row.get("wallet_id", UUID.class),
                row.get("wallet_balance", Long.class))).one();
    }

    record Posting(long seq, UUID walletId, long walletBalance) {
    }

    /**
     * One plain spend for {@link #spendBatch}: the request and the envelopes of the events it
     * publishes (balance filled in by the database).
     *
     * @param low the credits.low envelope, or null when no threshold is configured
     */
    record Spend(TransferRequest request, EventEnvelope consumed, EventEnvelope low, long lowThreshold,
            Instant createdAt) {
    }

    /** What {@code spend_batch} did with the spend at position {@code item} of the batch. */
    record SpendResult(int item, Outcome outcome, Posting posting) {

        enum Outcome {
            /** Posted: {@code posting} holds the transfer's seq, the wallet and its balance after. */
            POSTED,
            /** A transfer with this id exists already (a replay, or the id reused with other fields). */
            EXISTS,
            /** No wallet, a wallet in debt, or not enough available credits. */
            REFUSED
        }
    }

    /**
     * Posts plain spends in ONE call to {@code spend_batch} (V2 migration): one round trip, one
     * transaction, one commit, all or nothing. Per spend, inside PostgreSQL: the guarded wallet
     * UPDATE, the transfer row and the outbox rows for {@code credits.consumed} (and
     * {@code credits.low} when the spend crosses the threshold), with the balance filled into the
     * events by the database. The wallet's row lock is held only while PostgreSQL runs the call and
     * commits it — never across a round trip to this service, whose threads may be descheduled at
     * any moment. The outbox rows have the shape {@code platform-service}'s {@code Outbox} writes,
     * so its relay publishes them like any other.
     */
    Flux<SpendResult> spendBatch(List<Spend> spends) {
        List<Map<String, Object>> items = new ArrayList<>(spends.size());
        for (int i = 0; i < spends.size(); i++) {
            Spend spend = spends.get(i);
            TransferRequest r = spend.request();
            Map<String, Object> item = new HashMap<>();
            item.put("idx", i);
            item.put("id", r.id());
            item.put("tenant_id", r.tenantId());
            item.put("user_id", r.userId());
            item.put("amount", r.amount());
            item.put("description", r.description());
            item.put("metadata", r.metadata());
            item.put("service", r.service());
            item.put("created_at", spend.createdAt().toString());
            item.put("topic", spend.consumed().topic());
            item.put("key", spend.consumed().subject());
            item.put("event_id", spend.consumed().id());
            item.put("event", EventJson.instance().mapper().valueToTree(spend.consumed()));
            if (spend.low() != null) {
                item.put("low_event_id", spend.low().id());
                item.put("low_event", EventJson.instance().mapper().valueToTree(spend.low()));
                item.put("low_threshold", spend.lowThreshold());
            }
            items.add(item);
        }
        return db.sql("SELECT item, outcome, transfer_seq, wallet, balance_after "
                        + "FROM spend_batch(CAST(:spends AS jsonb), :revenue)")
                .bind("spends", json.writeValueAsString(items))
                .bind("revenue", TransferKind.CONSUME.counterpart().id())
                .map(row -> {
                    var outcome = SpendResult.Outcome.valueOf(row.get("outcome", String.class));
                    Posting posting = outcome == SpendResult.Outcome.POSTED
                            ? new Posting(row.get("transfer_seq", Long.class), row.get("wallet", UUID.class),
                                    row.get("balance_after", Long.class))
                            : null;
                    return new SpendResult(row.get("item", Integer.class), outcome, posting);
                })
                .all();
    }

    Mono<Transfer> findTransfer(String id) {
        return db.sql(TRANSFER_COLUMNS + " WHERE id = :id")
                .bind("id", id)
                .map(this::transfer)
                .one();
    }

    /** The wallet's transfers, newest first, strictly older than {@code beforeSeq} when given. */
    Flux<Transfer> history(UUID walletId, Long beforeSeq, int limit) {
        GenericExecuteSpec spec = db.sql(TRANSFER_COLUMNS + " WHERE wallet_id = :wallet "
                        + (beforeSeq == null ? "" : "AND seq < :before ")
                        + "ORDER BY seq DESC LIMIT :limit")
                .bind("wallet", walletId)
                .bind("limit", limit);
        if (beforeSeq != null) {
            spec = spec.bind("before", beforeSeq);
        }
        return spec.map(this::transfer).all();
    }

    private static final String TRANSFER_COLUMNS = "SELECT seq, id, tenant_id, user_id, wallet_id, kind, amount, "
            + "description, metadata, service, hold_id, wallet_balance, created_at FROM transfer";

    private Transfer transfer(Readable row) {
        Json metadata = row.get("metadata", Json.class);
        return new Transfer(
                row.get("seq", Long.class),
                row.get("id", String.class),
                row.get("tenant_id", String.class),
                row.get("user_id", String.class),
                row.get("wallet_id", UUID.class),
                TransferKind.valueOf(row.get("kind", String.class)),
                row.get("amount", Long.class),
                row.get("description", String.class),
                metadata == null ? Map.of() : json.readValue(metadata.asString(), MAP),
                row.get("service", String.class),
                row.get("hold_id", UUID.class),
                row.get("wallet_balance", Long.class),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }

    /** Request metadata as it will read back from jsonb, so replays compare equal. */
    Map<String, Object> normalize(Map<String, Object> metadata) {
        return json.readValue(json.writeValueAsString(metadata), MAP);
    }

    static Wallet wallet(Readable row) {
        return new Wallet(
                row.get("id", UUID.class),
                row.get("tenant_id", String.class),
                row.get("user_id", String.class),
                row.get("balance", Long.class),
                row.get("held", Long.class));
    }

    static <T> GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
