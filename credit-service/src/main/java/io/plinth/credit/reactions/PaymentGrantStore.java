package io.plinth.credit.reactions;

import io.plinth.events.payment.PaymentRefunded;
import io.plinth.events.payment.PaymentSucceeded;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The {@code payment_grant} rows: per payment, whether its credits were granted, how many a refund
 * should take back and how many were. Each upsert locks the row, so the events of one payment apply
 * one after another whatever their order.
 */
@Repository
class PaymentGrantStore {

    /** A payment's grant as it stands after an upsert. */
    record GrantState(String tenantId, String userId, boolean granted, long refundTarget, long clawedBack) {
    }

    private final DatabaseClient db;

    PaymentGrantStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<GrantState> succeeded(String tenantId, PaymentSucceeded payment, Instant now) {
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
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .map(PaymentGrantStore::state)
                .one();
    }

    /** A refund can arrive before its payment: the row remembers the target until the grant lands. */
    Mono<GrantState> refunded(String tenantId, PaymentRefunded refund, long target, Instant now) {
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
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .map(PaymentGrantStore::state)
                .one();
    }

    Mono<Void> clawedBack(String paymentId, long target) {
        return db.sql("UPDATE payment_grant SET clawed_back = :target WHERE payment_id = :payment")
                .bind("target", target)
                .bind("payment", paymentId)
                .then();
    }

    private static GrantState state(io.r2dbc.spi.Readable row) {
        return new GrantState(row.get("tenant_id", String.class), row.get("user_id", String.class),
                Boolean.TRUE.equals(row.get("granted", Boolean.class)), row.get("refund_target", Long.class),
                row.get("clawed_back", Long.class));
    }
}
