package io.plinth.payment.mpesa;

import io.plinth.events.webhook.WebhookReceived;
import io.plinth.payment.payments.Payments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Daraja's STK callbacks, verified by the ingress only as far as the URL token goes: the callback says which
 * push ended, the status query says how.
 */
public final class MpesaCallbacks {

    private static final Logger log = LoggerFactory.getLogger(MpesaCallbacks.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Payments payments;
    private final MpesaPayments mpesa;

    MpesaCallbacks(Payments payments, MpesaPayments mpesa) {
        this.payments = payments;
        this.mpesa = mpesa;
    }

    public Mono<Void> handle(WebhookReceived webhook) {
        JsonNode callback;
        try {
            callback = JSON.readTree(webhook.payload()).path("Body").path("stkCallback");
        } catch (RuntimeException e) {
            log.warn("Ignoring M-Pesa callback {}: not JSON", webhook.providerEventId());
            return Mono.empty();
        }
        String checkoutRequestId = callback.path("CheckoutRequestID").asString("");
        if (checkoutRequestId.isBlank()) {
            log.warn("Ignoring M-Pesa callback {}: no CheckoutRequestID", webhook.providerEventId());
            return Mono.empty();
        }
        Long amount = null;
        String receipt = null;
        for (JsonNode item : callback.path("CallbackMetadata").path("Item")) {
            switch (item.path("Name").asString("")) {
                case "Amount" -> amount = item.path("Value").isNumber() ? item.path("Value").asLong() : null;
                case "MpesaReceiptNumber" -> receipt = item.path("Value").asString(null);
                default -> { }
            }
        }
        String evidence = "mpesa callback " + checkoutRequestId + " (ResultCode " + callback.path("ResultCode").asString("?") + ")";
        Long callbackAmount = amount;
        String callbackReceipt = receipt;
        return payments.byProviderRef(DarajaClient.PROVIDER, checkoutRequestId)
                .switchIfEmpty(Mono.defer(() -> {
                    log.warn("Ignoring {}: no payment was started with it", evidence);
                    return Mono.empty();
                }))
                .flatMap(payment -> mpesa.confirm(payment, callbackAmount, callbackReceipt, evidence));
    }
}
