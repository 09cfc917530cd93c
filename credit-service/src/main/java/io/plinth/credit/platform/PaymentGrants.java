package io.plinth.credit.platform;

import io.plinth.credit.ledger.LedgerService;
import io.plinth.credit.ledger.TransferIds;
import io.plinth.credit.ledger.TransferKind;
import io.plinth.credit.ledger.TransferRequest;
import io.plinth.events.payment.PaymentRefunded;
import io.plinth.events.payment.PaymentSucceeded;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Purchased credits and their clawbacks. Runs inside the inbox transaction of the event. The
 * {@code payment_grant} row is upserted first, which locks it, so events of one payment apply one
 * after another whatever their order; the transfer ids are derived from the payment, so even an
 * event that slipped past the inbox cannot grant or claw back twice.
 */
@Component
class PaymentGrants {

    private final DatabaseClient db;
    private final LedgerService ledger;
    private final Clock clock;

    PaymentGrants(DatabaseClient db, LedgerService ledger, Clock clock) {
        this.db = db;
        this.ledger = ledger;
        this.clock = clock;
    }

    private record GrantState(String tenantId, String userId, boolean granted, long refundTarget, long clawedBack) {
    }

    Mono<Void> paymentSucceeded(String tenantId, PaymentSucceeded payment) {
        return db.sql("""
                        INSERT INTO payment_grant (payment_id, tenant_id, user_id, credits, amount_minor, granted, updated_at)
                        VALUES (:payment, :tenant, :user, :credits, :amount, true, :now)
                        ON CONFLICT (payment_id) DO UPDATE SET granted = true, credits = EXCLUDED.credits,
                            amount_minor = EXCLUDED.amount_minor, updated_at = EXCLUDED.updated_at
                        RETURNING tenant_id, user_id, granted, refund_target, clawed_back""")
                .bind("payment", payment.paymentId())
                .bind("tenant", tenantId)
                .bind("user", payment.userId())
                .bind("credits", payment.credits())
                .bind("amount", payment.amountMinor())
                .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                .map(row -> state(row))
                .one()
                .flatMap(state -> grant(state, payment).then(clawBack(payment.paymentId(), state)));
    }

    private Mono<Void> grant(GrantState state, PaymentSucceeded payment) {
        if (payment.credits() <= 0) {
            return Mono.empty();
        }
        return ledger.postInCurrentTransaction(new TransferRequest(TransferIds.purchase(payment.paymentId()),
                        state.tenantId(), state.userId(), TransferKind.PURCHASE, payment.credits(),
                        "purchase " + payment.productId(),
                        Map.of("paymentId", payment.paymentId(), "provider", String.valueOf(payment.provider())),
                        null))
                .then();
    }

    Mono<Void> paymentRefunded(String tenantId, PaymentRefunded refund) {
        long target = RefundMath.clawbackTarget(refund.credits(), refund.totalRefundedMinor(), refund.amountMinor());
        // A refund can arrive before its payment: the row remembers the target until the grant lands.
        return db.sql("""
                        INSERT INTO payment_grant (payment_id, tenant_id, user_id, credits, amount_minor, granted,
                            refund_target, updated_at)
                        VALUES (:payment, :tenant, :user, :credits, :amount, false, :target, :now)
                        ON CONFLICT (payment_id) DO UPDATE SET
                            refund_target = greatest(payment_grant.refund_target, EXCLUDED.refund_target),
                            updated_at = EXCLUDED.updated_at
                        RETURNING tenant_id, user_id, granted, refund_target, clawed_back""")
                .bind("payment", refund.paymentId())
                .bind("tenant", tenantId)
                .bind("user", refund.userId())
                .bind("credits", refund.credits())
                .bind("amount", refund.amountMinor())
                .bind("target", target)
                .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                .map(row -> state(row))
                .one()
                .flatMap(state -> state.granted() ? clawBack(refund.paymentId(), state) : Mono.empty());
    }

    private Mono<Void> clawBack(String paymentId, GrantState state) {
        long amount = RefundMath.stillToClawBack(state.refundTarget(), state.clawedBack());
        if (amount == 0) {
            return Mono.empty();
        }
        return ledger.postInCurrentTransaction(new TransferRequest(
                        TransferIds.clawback(paymentId, state.refundTarget()), state.tenantId(), state.userId(),
                        TransferKind.CLAWBACK, amount, "refund of payment " + paymentId,
                        Map.of("paymentId", paymentId), null))
                .then(db.sql("UPDATE payment_grant SET clawed_back = :target WHERE payment_id = :payment")
                        .bind("target", state.refundTarget())
                        .bind("payment", paymentId)
                        .then());
    }

    private static GrantState state(io.r2dbc.spi.Readable row) {
        return new GrantState(row.get("tenant_id", String.class), row.get("user_id", String.class),
                Boolean.TRUE.equals(row.get("granted", Boolean.class)), row.get("refund_target", Long.class),
                row.get("clawed_back", Long.class));
    }
}
