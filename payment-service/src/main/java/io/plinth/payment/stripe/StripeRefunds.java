package io.plinth.payment.stripe;

import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import io.plinth.payment.payments.Payment;
import io.plinth.payment.providers.RefundRequested;
import reactor.core.publisher.Mono;

/**
 * Asks Stripe to refund (part of) a settled card payment. Nothing is written here: the payment moves
 * when Stripe's {@code charge.refunded} arrives, like every other outcome, so a refund made in Stripe's
 * dashboard is handled the same way.
 */
public final class StripeRefunds {

    private final StripeCalls stripe;

    StripeRefunds(StripeCalls stripe) {
        this.stripe = stripe;
    }

    /** @param requestKey the admin's Idempotency-Key: the same key never refunds twice */
    public Mono<RefundRequested> refund(Payment payment, long amountMinor, String reason, String requestKey) {
        RefundCreateParams.Builder params = RefundCreateParams.builder()
                .setPaymentIntent(payment.providerPaymentId())
                .setAmount(amountMinor)
                .putMetadata("paymentId", payment.id().toString());
        if (reason != null && !reason.isBlank()) {
            params.putMetadata("reason", reason);
        }
        RequestOptions options = RequestOptions.builder()
                .setIdempotencyKey("plinth-refund-" + payment.id() + "-" + requestKey)
                .build();
        return stripe.idempotent("create refund", client -> client.v1().refunds().create(params.build(), options))
                .map((Refund refund) -> new RefundRequested(refund.getId(), refund.getAmount(), refund.getStatus()));
    }
}
