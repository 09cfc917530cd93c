package io.plinth.credit.reactions;

import io.plinth.credit.ledger.LedgerService;
import io.plinth.credit.ledger.TransferIds;
import io.plinth.credit.ledger.TransferKind;
import io.plinth.credit.ledger.TransferRequest;
import io.plinth.events.payment.PaymentRefunded;
import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.credit.reactions.PaymentGrantStore.GrantState;
import java.time.Clock;
import java.util.Map;
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

    private final PaymentGrantStore grants;
    private final LedgerService ledger;
    private final Clock clock;

    PaymentGrants(PaymentGrantStore grants, LedgerService ledger, Clock clock) {
        this.grants = grants;
        this.ledger = ledger;
        this.clock = clock;
    }

    Mono<Void> paymentSucceeded(String tenantId, PaymentSucceeded payment) {
        return grants.succeeded(tenantId, payment, clock.instant())
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
        return grants.refunded(tenantId, refund, target, clock.instant())
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
                .then(grants.clawedBack(paymentId, state.refundTarget()));
    }

}
