package io.plinth.sandbox.pipit;

import io.plinth.sandbox.delivery.Providers;
import io.plinth.sandbox.delivery.StripeEvents;
import io.plinth.sandbox.delivery.WebhookDelivery;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's Pipit (PROVIDERS.md): payments created over the API, paid on a hosted page with the same test
 * cards as Stripe's, refunded over the API; every outcome is a signed webhook ({@code Pipit-Signature}).
 */
final class PipitAccount {

    enum Outcome { PAID, DECLINED, INVALID_CARD, NOT_PENDING }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Map<String, Object>> payments = new ConcurrentHashMap<>();
    private final WebhookDelivery delivery;
    private final Clock clock;

    PipitAccount(WebhookDelivery delivery, Clock clock) {
        this.delivery = delivery;
        this.clock = clock;
    }

    @SuppressWarnings("unchecked")
    synchronized Map<String, Object> create(Map<String, Object> body, String pageBase) {
        long amount = wholeNumber(body.get("amount"), "amount");
        if (amount < 1) {
            throw new PipitError(422, "invalid_amount", "amount must be a positive integer (minor units)", "amount");
        }
        Object currency = body.get("currency");
        if (!(currency instanceof String c) || !c.matches("[A-Za-z]{3}")) {
            throw new PipitError(422, "invalid_currency", "currency must be an ISO 4217 code", "currency");
        }
        for (String url : List.of("success_url", "cancel_url")) {
            Object value = body.get(url);
            if (!(value instanceof String s) || !(s.startsWith("https://") || s.startsWith("http://"))) {
                throw new PipitError(422, "invalid_url", url + " must be an http(s) URL", url);
            }
        }
        Map<String, Object> payment = new LinkedHashMap<>();
        String id = StripeEvents.newId("pay");
        payment.put("id", id);
        payment.put("object", "payment");
        payment.put("amount", amount);
        payment.put("amount_refunded", 0L);
        payment.put("currency", ((String) currency).toLowerCase(java.util.Locale.ROOT));
        payment.put("description", body.get("description"));
        payment.put("customer", body.get("customer"));
        payment.put("items", body.get("items") instanceof List<?> items ? items : List.of());
        payment.put("status", "pending");
        payment.put("failure_reason", null);
        payment.put("payment_url", pageBase + "/" + id);
        payment.put("success_url", body.get("success_url"));
        payment.put("cancel_url", body.get("cancel_url"));
        payment.put("metadata", body.get("metadata") instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m)
                : new LinkedHashMap<>());
        payment.put("created", clock.instant().getEpochSecond());
        payments.put(id, payment);
        return payment;
    }

    Map<String, Object> get(String id) {
        Map<String, Object> payment = payments.get(id);
        if (payment == null) {
            throw new PipitError(404, "not_found", "No payment " + id, "id");
        }
        return payment;
    }

    synchronized Outcome pay(String id, String cardNumber) {
        Map<String, Object> payment = get(id);
        if (!"pending".equals(payment.get("status"))) {
            return Outcome.NOT_PENDING;
        }
        String digits = cardNumber == null ? "" : cardNumber.replaceAll("[\\s-]", "");
        if (!digits.matches("\\d{12,19}")) {
            return Outcome.INVALID_CARD;
        }
        if (digits.equals("4000000000000002") || digits.equals("4000000000009995")) {
            payment.put("status", "failed");
            payment.put("failure_reason", digits.endsWith("9995") ? "insufficient_funds" : "card_declined");
            emit("payment.failed", payment);
            return Outcome.DECLINED;
        }
        payment.put("status", "completed");
        emit("payment.completed", payment);
        return Outcome.PAID;
    }

    synchronized Map<String, Object> refund(String id, Map<String, Object> body) {
        Map<String, Object> payment = get(id);
        if (!"completed".equals(payment.get("status")) && !"refunded".equals(payment.get("status"))) {
            throw new PipitError(409, "not_refundable", "Payment " + id + " is " + payment.get("status"), "id");
        }
        long left = (Long) payment.get("amount") - (Long) payment.get("amount_refunded");
        long amount = body == null || body.get("amount") == null ? left : wholeNumber(body.get("amount"), "amount");
        if (amount < 1 || amount > left) {
            throw new PipitError(422, "invalid_amount", "amount must be between 1 and " + left, "amount");
        }
        payment.put("amount_refunded", (Long) payment.get("amount_refunded") + amount);
        if ((Long) payment.get("amount_refunded") == (Long) payment.get("amount")) {
            payment.put("status", "refunded");
        }
        emit("payment.refunded", payment);
        return payment;
    }

    private void emit(String type, Map<String, Object> payment) {
        String eventId = StripeEvents.newId("evt");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventId);
        event.put("type", type);
        event.put("created", clock.instant().getEpochSecond());
        event.put("data", new LinkedHashMap<>(payment));
        delivery.send(Providers.PIPIT, eventId, type, JSON.writeValueAsString(event));
    }

    private static long wholeNumber(Object value, String field) {
        if (value instanceof Number n && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        throw new PipitError(422, "invalid_" + field, field + " must be a whole number", field);
    }
}
