package io.plinth.credit.ledger;

import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.sql.SQLException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.plinth.credit.ledger.LedgerStore.Spend;
import io.plinth.credit.ledger.LedgerStore.SpendResult;
import io.plinth.credit.ledger.LedgerStore.SpendResult.Outcome;
import io.plinth.credit.support.IntegrationTestBase;
import io.plinth.events.credit.CreditsConsumed;
import io.plinth.events.credit.CreditsLow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;

/** Group commit of plain spends: the batch statement's rules, and how the batcher forms and gives up batches. */
class SpendBatchIT extends IntegrationTestBase {

    private static final long LOW_THRESHOLD = 5;

    @Autowired
    private LedgerStore store;

    @Autowired
    private CreditEvents events;

    @Test
    void eachSpendInABatchFollowsTheSingleSpendRulesInArrivalOrder() {
        String alice = newUser();
        String bob = newUser();
        grant(alice, 10);
        grant(bob, 2);
        String first = "batch:" + UUID.randomUUID();

        List<Spend> spends = List.of(
                spend(first, alice, 4),                        // 10 → 6
                spend("batch:" + UUID.randomUUID(), bob, 5),   // bob has 2: refused
                spend(first, alice, 4),                        // same id again in the same batch
                spend("batch:" + UUID.randomUUID(), alice, 4), // 6 → 2, crosses the low threshold
                spend("batch:" + UUID.randomUUID(), alice, 4), // 2 left: refused
                spend("batch:" + UUID.randomUUID(), newUser(), 1)); // no wallet: refused

        List<SpendResult> results = store.spendBatch(spends).collectList().block();

        assertThat(results).extracting(SpendResult::item).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        Map<Integer, SpendResult> byItem = results.stream()
                .collect(Collectors.toMap(SpendResult::item, r -> r));
        assertThat(byItem.get(0).outcome()).isEqualTo(Outcome.POSTED);
        assertThat(byItem.get(0).posting().walletBalance()).isEqualTo(6);
        assertThat(byItem.get(1).outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(byItem.get(2).outcome()).isEqualTo(Outcome.EXISTS);
        assertThat(byItem.get(3).outcome()).isEqualTo(Outcome.POSTED);
        assertThat(byItem.get(3).posting().walletBalance()).isEqualTo(2);
        assertThat(byItem.get(4).outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(byItem.get(5).outcome()).isEqualTo(Outcome.REFUSED);

        assertThat(balance(alice).balance()).isEqualTo(2);
        assertThat(balance(bob).balance()).isEqualTo(2);
        assertThat(queryLong("SELECT count(*) FROM transfer WHERE user_id = ? AND kind = 'CONSUME'", alice)).isEqualTo(2);
        assertThat(queryLong("SELECT count(*) FROM transfer WHERE user_id = ? AND kind = 'CONSUME'", bob)).isZero();
        // The events carry the balance right after their own spend, filled in by the database.
        assertThat(queryLong("SELECT (event->'data'->>'balance')::bigint FROM outbox WHERE event_id = ?",
                UUID.fromString(spends.get(0).consumed().id()))).isEqualTo(6);
        assertThat(queryLong("SELECT (event->'data'->>'balance')::bigint FROM outbox WHERE event_id = ?",
                UUID.fromString(spends.get(3).consumed().id()))).isEqualTo(2);
        assertThat(queryLong("SELECT count(*) FROM outbox WHERE key = ? AND event->>'type' = ?", alice,
                CreditsLow.TYPE)).isEqualTo(1);
        assertThat(queryLong("SELECT count(*) FROM outbox WHERE key = ? AND event->>'type' = ?", alice,
                CreditsConsumed.TYPE)).isEqualTo(2);
    }

    @Test
    void spendsThatArriveWhileABatchRunsAreCommittedTogether() {
        String user = newUser();
        grant(user, 1_000);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SpendBatcher batcher = new SpendBatcher(store, 64, 1, meters);

        // All 50 are submitted at once: the first goes alone, the rest queue behind it.
        List<SpendResult> results = Flux.range(0, 50)
                .flatMap(i -> batcher.submit(spend("batch:" + UUID.randomUUID(), user, 1)), 50)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(results).as("every spend answered by its batch").hasSize(50)
                .allSatisfy(result -> assertThat(result.outcome()).isEqualTo(Outcome.POSTED));
        assertThat(results.stream().map(r -> r.posting().walletBalance())
                .sorted(Comparator.reverseOrder()).toList())
                .as("every spend saw the balance its predecessors left")
                .isEqualTo(LongStream.rangeClosed(950, 999).boxed()
                        .sorted(Comparator.reverseOrder()).toList());
        DistributionSummary sizes = meters.get("plinth.credits.spend.batch.size").summary();
        assertThat(sizes.count()).as("database calls for 50 spends").isLessThan(50);
        assertThat(sizes.max()).isGreaterThan(1);
        assertThat(balance(user).balance()).isEqualTo(950);
    }

    @Test
    void aBatchThatFailsHandsEverySpendBackToBePostedAlone() throws Exception {
        String user = newUser();
        String decoyUser = newUser();
        grant(user, 100);
        grant(decoyUser, 100);
        String contested = "batch:" + UUID.randomUUID();
        UUID wallet = walletId(user);
        SpendBatcher batcher = new SpendBatcher(store, 64, 1, new SimpleMeterRegistry());

        try (Connection otherReplica = database().getConnection(); Connection decoyLock = database().getConnection()) {
            // Another replica is posting a spend with the same transfer id and has not committed yet.
            otherReplica.setAutoCommit(false);
            try (PreparedStatement insert = otherReplica.prepareStatement("INSERT INTO transfer (id, tenant_id, "
                    + "user_id, debit_account_id, credit_account_id, amount, kind, metadata, wallet_id, wallet_balance, "
                    + "created_at) VALUES (?, ?, ?, ?, ?, 1, 'CONSUME', '{}'::jsonb, ?, 99, now())")) {
                insert.setString(1, contested);
                insert.setString(2, TENANT);
                insert.setString(3, user);
                insert.setObject(4, wallet);
                insert.setObject(5, SystemAccount.REVENUE.id());
                insert.setObject(6, wallet);
                insert.executeUpdate();
            }
            execute(otherReplica, "UPDATE account SET balance = balance - 1 WHERE id = ?", wallet);
            // The only batch slot is taken by a spend that waits for a row lock, so the next two
            // spends queue up and go to the database together.
            lockWallet(decoyLock, decoyUser);
            var decoy = batcher.submit(spend("batch:" + UUID.randomUUID(), decoyUser, 1)).toFuture();
            awaitALockWait();
            var contestedSpend = batcher.submit(spend(contested, user, 1)).toFuture();
            var neighbour = batcher.submit(spend("batch:" + UUID.randomUUID(), user, 1)).toFuture();
            decoyLock.commit();
            assertThat(decoy.get(30, TimeUnit.SECONDS)).as("answered by its batch").isNotNull();
            // Now the two wait on the other replica's uncommitted transfer id; its commit fails their batch.
            awaitALockWait();
            otherReplica.commit();

            // Handed back (empty) to be posted alone, the neighbour too.
            assertThat(contestedSpend.get(30, TimeUnit.SECONDS)).isNull();
            assertThat(neighbour.get(30, TimeUnit.SECONDS)).isNull();
        }
        // Nothing of the failed batch stayed behind: only the other replica's spend happened.
        assertThat(queryLong("SELECT count(*) FROM transfer WHERE user_id = ? AND kind = 'CONSUME'", user)).isEqualTo(1);
        assertThat(balance(user).balance()).isEqualTo(99);
    }

    @Test
    void aWalletLockedByAStuckTransactionHoldsUpOtherSpendsOnlyUntilTheLockTimeout() throws Exception {
        String stuck = newUser();
        String other = newUser();
        grant(stuck, 10);
        grant(other, 10);

        try (Connection stuckTransaction = database().getConnection()) {
            // Some transaction keeps the wallet row locked and never finishes (for the length of this test).
            lockWallet(stuckTransaction, stuck);
            CompletableFuture<EntityExchangeResult<byte[]>> stuckSpend =
                    CompletableFuture.supplyAsync(() -> consumeOneCredit(stuck));
            awaitALockWait();

            // Queued behind the stuck call (one batch in flight): answered once the call gives up,
            // while the row is still locked.
            EntityExchangeResult<byte[]> otherSpend = consumeOneCredit(other);
            assertThat(otherSpend.getStatus().value()).isEqualTo(200);

            EntityExchangeResult<byte[]> stuckAnswer = stuckSpend.get(60, TimeUnit.SECONDS);
            assertThat(stuckAnswer.getStatus().value()).isEqualTo(503);
            assertThat(stuckAnswer.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
            assertThat(new String(stuckAnswer.getResponseBodyContent())).contains("\"code\":\"wallet_busy\"");
            stuckTransaction.rollback();
        }
        assertThat(balance(stuck).balance()).as("nothing charged on the locked wallet").isEqualTo(10);
        assertThat(queryLong("SELECT count(*) FROM transfer WHERE user_id = ? AND kind = 'CONSUME'", stuck)).isZero();
        assertThat(balance(other).balance()).isEqualTo(9);
    }

    private EntityExchangeResult<byte[]> consumeOneCredit(String user) {
        return http.post().uri("/api/v1/credits/consume")
                .header("Authorization", "Bearer " + tokenFor(user))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"credits\":1,\"service\":\"translation\"}")
                .exchange()
                .expectBody().returnResult();
    }

    /** Opens a transaction on {@code connection} that holds the user's wallet row until it ends. */
    private static void lockWallet(Connection connection, String user) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT id FROM account WHERE tenant_id = ? AND user_id = ? FOR UPDATE")) {
            lock.setString(1, TENANT);
            lock.setString(2, user);
            lock.executeQuery().close();
        }
    }

    private static void execute(Connection connection, String sql, Object arg) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setObject(1, arg);
            ps.executeUpdate();
        }
    }

    private UUID walletId(String user) {
        try (Connection c = database().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM account WHERE tenant_id = ? AND user_id = ?")) {
            ps.setString(1, TENANT);
            ps.setString(2, user);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitALockWait() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .alias("the batch waits for the other transaction")
                .until(() -> queryLong("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        + "AND query LIKE '%spend_batch%'") > 0);
    }

    /**
     * spend_batch is the batched twin of LedgerStore.applyAndRecord: for the same spend both must write
     * the same transfer row (all but the id, seq, user and wallet, which differ by construction) and
     * leave the wallet with the same balance.
     */
    @Test
    void theBatchedSpendWritesTheSameRowAsTheSingleSpend() {
        String single = newUser();
        String batched = newUser();
        grant(single, 10);
        grant(batched, 10);
        java.time.Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Map<String, Object> metadata = Map.of("job", "j-1", "n", 3);
        TransferRequest one = new TransferRequest("twin:" + UUID.randomUUID(), TENANT, single, TransferKind.CONSUME,
                4, "render", store.normalize(metadata), "translation");
        TransferRequest two = new TransferRequest("twin:" + UUID.randomUUID(), TENANT, batched, TransferKind.CONSUME,
                4, "render", store.normalize(metadata), "translation");

        store.applyAndRecord(one, true, null, at).block();
        store.spendBatch(List.of(new Spend(two,
                events.envelope(TENANT, batched, new CreditsConsumed(batched, two.id(), 4, 0, "translation")),
                null, 0, at))).blockLast();

        String columns = "kind, amount, description, metadata, service, hold_id, wallet_balance, created_at, "
                + "(debit_account_id = wallet_id) AS debits_wallet, "
                + "(credit_account_id = (SELECT credit_account_id FROM transfer WHERE id = ?)) AS same_counterpart";
        Map<String, Object> viaJava = queryRow("SELECT " + columns + " FROM transfer WHERE id = ?", two.id(), one.id());
        Map<String, Object> viaBatch = queryRow("SELECT " + columns + " FROM transfer WHERE id = ?", one.id(), two.id());
        assertThat(viaJava).isNotEmpty().containsEntry("same_counterpart", true);
        assertThat(viaBatch).isEqualTo(viaJava);
        assertThat(balance(single).balance()).isEqualTo(balance(batched).balance()).isEqualTo(6);
    }

    private Spend spend(String id, String user, long amount) {
        TransferRequest request = new TransferRequest(id, TENANT, user, TransferKind.CONSUME, amount, null,
                Map.of(), "translation");
        return new Spend(request,
                events.envelope(TENANT, user, new CreditsConsumed(user, id, amount, 0, "translation")),
                events.envelope(TENANT, user, new CreditsLow(user, 0, LOW_THRESHOLD)),
                LOW_THRESHOLD, clock.instant());
    }
}
