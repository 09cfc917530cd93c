package io.plinth.payment.mpesa;

import io.plinth.payment.catalog.CatalogPrice;
import io.plinth.payment.payments.Payment;
import io.plinth.payment.payments.Payments;
import io.plinth.platform.callback.CallbackTokens;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Starts M-Pesa payments (STK push) and settles them. The pending row is written before the push, so a
 * callback can never arrive for a payment we do not know; if Daraja refuses or is down the row is removed
 * again. Money counts only once Daraja's status query confirms it, whatever the callback said.
 */
public final class MpesaPayments {

    private static final Logger log = LoggerFactory.getLogger(MpesaPayments.class);

    private final DarajaClient daraja;
    private final Payments payments;
    private final MpesaProperties properties;

    MpesaPayments(DarajaClient daraja, Payments payments, MpesaProperties properties) {
        this.daraja = daraja;
        this.payments = payments;
        this.properties = properties;
    }

    public Mono<StkPushStarted> start(MpesaOrder order) {
        UUID paymentId = paymentId(order);
        return payments.byId(paymentId)
                .filter(p -> p.tenantId().equals(order.tenantId()) && p.userId().equals(order.userId()))
                .map(existing -> new StkPushStarted(existing.id(), existing.providerRef(), null))
                .switchIfEmpty(Mono.defer(() -> push(order, paymentId)));
    }

    private Mono<StkPushStarted> push(MpesaOrder order, UUID paymentId) {
        CatalogPrice price = order.price();
        Payment pending = Payment.pending(paymentId, order.tenantId(), order.userId(), DarajaClient.PROVIDER,
                price.priceId(), price.productId(), price.kindWire(), price.mode().wire(), 1, price.amountMinor(),
                price.currency(), price.credits(), price.tier(), price.entitlement(), null, payments.now());
        String callbackUrl = properties.callbackBaseUrl() + "/api/v1/webhooks/mpesa/"
                + CallbackTokens.issue(properties.callbackSecret(), paymentId.toString());
        String reference = paymentId.toString().replace("-", "").substring(0, 12);
        return payments.record(pending)
                .then(daraja.push(price.amountMinor() / 100, order.phone(), callbackUrl, reference,
                        truncate(price.name(), 13)))
                .onErrorResume(e -> payments.discardUnsent(paymentId).then(Mono.error(e)))
                .flatMap(accepted -> payments.attachProviderRef(paymentId, accepted.checkoutRequestId())
                        .thenReturn(new StkPushStarted(paymentId, accepted.checkoutRequestId(),
                                accepted.customerMessage())));
    }

    /**
     * Asks Daraja how the push ended and applies it. Runs inside the caller's transaction.
     *
     * @param callbackAmountKes the amount the callback reported (null if none), checked against the payment
     */
    Mono<Void> confirm(Payment payment, Long callbackAmountKes, String receipt, String evidence) {
        return daraja.query(payment.providerRef()).flatMap(result -> {
            if (!result.settled()) {
                log.info("{}: Daraja still processing {}; the payment stays pending", evidence, payment.providerRef());
                return Mono.empty();
            }
            if ("0".equals(result.resultCode())) {
                long amount = callbackAmountKes == null ? payment.amountMinor() : callbackAmountKes * 100;
                return payments.complete(payment.id(), receipt == null ? payment.providerRef() : receipt, amount,
                        payment.currency(), evidence);
            }
            return payments.fail(payment.id(), reason(result.resultCode()), evidence);
        });
    }

    static String reason(String resultCode) {
        return switch (resultCode == null ? "" : resultCode) {
            case "1032" -> "cancelled_by_user";
            case "1037" -> "no_response";
            case "1" -> "insufficient_balance";
            case "2001" -> "wrong_pin";
            default -> "mpesa_" + resultCode;
        };
    }

    static UUID paymentId(MpesaOrder order) {
        String name = "mpesa-stk\n" + order.tenantId() + "\n" + order.userId() + "\n" + order.requestKey();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
