package io.plinth.credit.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plinth.credit.refusal.CreditException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TransferRulesTest {

    private static TransferRequest consume(long amount, String description) {
        return new TransferRequest("t-1", "tenant", "user", TransferKind.CONSUME, amount, description,
                Map.of("job", "j-1"), "translation");
    }

    private static Transfer posted(TransferRequest r) {
        return new Transfer(1, r.id(), r.tenantId(), r.userId(), UUID.randomUUID(), r.kind(), r.amount(),
                r.description(), r.metadata(), r.service(), null, 7, Instant.now());
    }

    @Test
    void theSameTransferIdWithTheSameFieldsIsAReplay() {
        TransferRequest request = consume(5, "render");
        assertThat(consume(5, "render").sameAs(posted(request))).isTrue();
    }

    @Test
    void theSameTransferIdWithAnyOtherFieldIsNotAReplay() {
        Transfer original = posted(consume(5, "render"));
        assertThat(consume(6, "render").sameAs(original)).isFalse();
        assertThat(consume(5, "other").sameAs(original)).isFalse();
        assertThat(new TransferRequest("t-1", "tenant", "user", TransferKind.CONSUME, 5, "render",
                Map.of("job", "j-2"), "translation").sameAs(original)).isFalse();
        assertThat(new TransferRequest("t-1", "tenant", "someone-else", TransferKind.CONSUME, 5, "render",
                Map.of("job", "j-1"), "translation").sameAs(original)).isFalse();
    }

    @Test
    void amountsMustBePositive() {
        assertThatThrownBy(() -> consume(0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> consume(-3, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spendsAreGuardedByAvailableCreditsButClawbacksAndCapturesAreNot() {
        assertThat(TransferKind.CONSUME.guard()).isEqualTo(TransferKind.Guard.AVAILABLE);
        assertThat(TransferKind.CLAWBACK.guard()).isEqualTo(TransferKind.Guard.NONE);
        assertThat(TransferKind.HOLD_CAPTURE.guard()).isEqualTo(TransferKind.Guard.NONE);
        assertThat(TransferKind.PURCHASE.walletDelta(10)).isEqualTo(10);
        assertThat(TransferKind.CLAWBACK.walletDelta(10)).isEqualTo(-10);
    }

    @Test
    void derivedTransferIdsAreStablePerCauseAndDistinctPerUser() {
        assertThat(TransferIds.purchase("pay_1")).isEqualTo(TransferIds.purchase("pay_1"));
        assertThat(TransferIds.clawback("pay_1", 30)).isNotEqualTo(TransferIds.clawback("pay_1", 50));
        assertThat(TransferIds.fromIdempotencyKey("consume", "t", "alice", "k1"))
                .isEqualTo(TransferIds.fromIdempotencyKey("consume", "t", "alice", "k1"))
                .isNotEqualTo(TransferIds.fromIdempotencyKey("consume", "t", "bob", "k1"));
    }

    @Test
    void lowBalanceFiresOnlyWhenCrossingTheThreshold() {
        assertThat(LowBalance.crossed(6, 4, 5)).isTrue();
        assertThat(LowBalance.crossed(5, 4, 5)).isTrue();
        assertThat(LowBalance.crossed(4, 3, 5)).isFalse();
        assertThat(LowBalance.crossed(9, 6, 5)).isFalse();
        assertThat(LowBalance.crossed(9, 0, 0)).isFalse();
    }

    @Test
    void walletsInDebtHaveNothingAvailable() {
        Wallet wallet = new Wallet(UUID.randomUUID(), "t", "u", -4, 0);
        assertThat(wallet.inDebt()).isTrue();
        assertThat(wallet.available()).isNegative();
    }

    @Test
    void historyCursorsRoundTripAndForeignCursorsAreRefused() {
        assertThat(WalletQueries.decodeCursor(WalletQueries.encodeCursor(42))).isEqualTo(42);
        assertThat(WalletQueries.decodeCursor(null)).isNull();
        assertThatThrownBy(() -> WalletQueries.decodeCursor("bm9wZQ"))
                .isInstanceOf(CreditException.class).hasMessageContaining("cursor");
    }
}
