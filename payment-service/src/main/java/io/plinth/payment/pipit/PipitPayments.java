package io.plinth.payment.pipit;

import io.plinth.events.webhook.WebhookReceived;
import io.plinth.payment.catalog.CatalogPrice;
import io.plinth.payment.payments.Payment;
import io.plinth.payment.payments.Payments;
import io.plinth.payment.providers.RefundRequested;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pipit payments: create at Pipit (metadata names our payment), then the pending row; the signed webhooks
 * ({@code payment.completed|failed|refunded}, verified by the ingress) move it through the state machine.
 */
public final class PipitPayments {

    private static final Logger log = LoggerFactory.getLogger(PipitPayments.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PipitClient pipit;
    private final Payments payments;

    PipitPayments(PipitClient pipit, Payments payments) {
        this.pipit = pipit;
        this.payments = payments;
    }

    public Mono<PipitStarted> start(PipitOrder order) {
        UUID paymentId = UUID.nameUUIDFromBytes(("pipit\n" + order.tenantId() + "\n" + order.userId() + "\n"
                + order.requestKey()).getBytes(StandardCharsets.UTF_8));
        return payments.byId(paymentId)
                .filter(p -> p.tenantId().equals(order.tenantId()) && p.userId().equals(order.userId()))
                .map(p -> new PipitStarted(p.id(), p.providerRef(), null))
                .switchIfEmpty(Mono.defer(() -> create(order, paymentId)));
    }

    private Mono<PipitStarted> create(PipitOrder order, UUID paymentId) {
        long amount = order.amountMinor();
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("email", order.customerEmail());
        customer.put("name", order.customerName());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", amount);
        body.put("currency", order.currency());
        body.put("description", order.description());
        body.put("customer", customer);
        body.put("items", order.lines().stream().map(line -> Map.of("price_id", line.price().priceId(),
                "name", line.price().name(), "quantity", line.quantity(), "unit_amount", line.price().amountMinor()))
                .toList());
        body.put("success_url", order.successUrl());
        body.put("cancel_url", order.cancelUrl());
        body.put("metadata", Map.of("paymentId", paymentId.toString(), "userId", order.userId(),
                "tenantId", order.tenantId()));
        return pipit.create(body).flatMap(created -> payments.record(pending(order, paymentId, created.id()))
                .thenReturn(new PipitStarted(paymentId, created.id(), created.paymentUrl())));
    }

    /** One price is recorded as itself; a basket as its lines, with their credits and entitlements summed. */
    private Payment pending(PipitOrder order, UUID paymentId, String pipitPaymentId) {
        if (order.lines().size() == 1) {
            PipitOrder.Line line = order.lines().get(0);
            CatalogPrice price = line.price();
            return Payment.pending(paymentId, order.tenantId(), order.userId(), PipitClient.PROVIDER, price.priceId(),
                    price.productId(), price.kindWire(), price.mode().wire(), line.quantity(), order.amountMinor(),
                    price.currency(), order.credits(), price.tier(), price.entitlement(), pipitPaymentId,
                    payments.now());
        }
        return Payment.pendingBasket(paymentId, order.tenantId(), order.userId(), PipitClient.PROVIDER,
                order.lines().stream().map(l -> new Payment.LineItem(l.price().priceId(), l.quantity())).toList(),
                order.amountMinor(), order.currency(), order.credits(), order.entitlements(), pipitPaymentId,
                payments.now());
    }

    /** Asks Pipit to refund; the payment moves when Pipit's {@code payment.refunded} arrives. */
    public Mono<RefundRequested> refund(Payment payment, long amountMinor) {
        return pipit.refund(payment.providerRef(), amountMinor)
                .map(json -> new RefundRequested(json.path("id").asString("") + "@"
                        + json.path("amount_refunded").asLong(0), amountMinor, json.path("status").asString("")));
    }

    /** A verified Pipit webhook; runs in the inbox transaction. */
    public Mono<Void> handle(WebhookReceived webhook) {
        JsonNode event;
        try {
            event = JSON.readTree(webhook.payload());
        } catch (RuntimeException e) {
            log.warn("Ignoring Pipit event {}: not JSON", webhook.providerEventId());
            return Mono.empty();
        }
        JsonNode data = event.path("data");
        String evidence = "pipit " + event.path("type").asString("?") + " " + event.path("id").asString("?");
        UUID paymentId;
        try {
            paymentId = UUID.fromString(data.path("metadata").path("paymentId").asString(""));
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring {}: it names no Plinth payment", evidence);
            return Mono.empty();
        }
        return switch (event.path("type").asString("")) {
            case "payment.completed" -> payments.complete(paymentId, data.path("id").asString(null),
                    data.path("amount").asLong(-1), data.path("currency").asString(""), evidence);
            case "payment.failed" -> payments.fail(paymentId, data.path("failure_reason").asString("payment_failed"),
                    evidence);
            case "payment.refunded" -> payments.refunded(paymentId, data.path("amount_refunded").asLong(0),
                    data.path("id").asString("") + "@" + data.path("amount_refunded").asLong(0), evidence);
            default -> {
                log.debug("{} needs nothing from payment-service", evidence);
                yield Mono.empty();
            }
        };
    }
}
