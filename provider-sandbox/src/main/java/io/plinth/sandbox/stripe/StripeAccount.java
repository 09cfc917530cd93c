package io.plinth.sandbox.stripe;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import io.plinth.sandbox.delivery.Providers;
import io.plinth.sandbox.delivery.SandboxEvent;
import io.plinth.sandbox.delivery.StripeEvents;
import io.plinth.sandbox.delivery.WebhookDelivery;

/**
 * The sandbox's one Stripe account, in memory: customers, Checkout Sessions, PaymentIntents, charges,
 * refunds, subscriptions, invoices and the events they raise. Objects are kept as Stripe's JSON
 * shapes (snake_case maps), so what the API answers and what an event carries are the same thing.
 * Methods that change state are synchronized: the sandbox is for correctness, not throughput.
 */
final class StripeAccount {

    /** Objects a Checkout payment creates, in the shapes the webhook events carry. */
    enum PayOutcome { PAID, DECLINED, INVALID_CARD, NOT_OPEN }

    record Payment(PayOutcome outcome, String message, Map<String, Object> session) {
    }

    private final Map<String, Map<String, Object>> objects = new ConcurrentHashMap<>();
    private final WebhookDelivery delivery;
    private final Clock clock;

    StripeAccount(WebhookDelivery delivery, Clock clock) {
        this.delivery = delivery;
        this.clock = clock;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    synchronized Map<String, Object> createCustomer(Map<String, Object> params) {
        Map<String, Object> customer = object("cus", "customer");
        customer.put("email", params.get("email"));
        customer.put("name", params.get("name"));
        customer.put("metadata", metadata(params));
        return store(customer);
    }

    Map<String, Object> get(String id, String kind) {
        Map<String, Object> found = objects.get(id);
        if (found == null || !kind.equals(found.get("object"))) {
            throw StripeError.notFound(kind.replace("checkout.", "checkout."), id);
        }
        return found;
    }

    synchronized Map<String, Object> createCheckoutSession(Map<String, Object> params, String checkoutBaseUrl) {
        String mode = string(params, "mode");
        if (mode == null) {
            throw StripeError.missing("mode");
        }
        if (!List.of("payment", "subscription").contains(mode)) {
            throw StripeError.invalidRequest("mode", "Invalid mode: must be one of payment, setup or subscription");
        }
        if (string(params, "success_url") == null) {
            throw StripeError.missing("success_url");
        }
        String customer = string(params, "customer");
        if (customer != null) {
            get(customer, "customer");
        }
        List<Map<String, Object>> lines = lineItems(params, mode);
        long total = 0;
        String currency = null;
        for (Map<String, Object> line : lines) {
            total = Math.addExact(total, Math.multiplyExact((Long) line.get("unit_amount"), (Long) line.get("quantity")));
            currency = (String) line.get("currency");
        }
        Map<String, Object> session = object("cs_test", "checkout.session");
        session.put("mode", mode);
        session.put("status", "open");
        session.put("payment_status", "unpaid");
        session.put("customer", customer);
        session.put("client_reference_id", string(params, "client_reference_id"));
        session.put("success_url", string(params, "success_url"));
        session.put("cancel_url", string(params, "cancel_url"));
        session.put("metadata", metadata(params));
        session.put("amount_subtotal", total);
        session.put("amount_total", total);
        session.put("currency", currency);
        session.put("payment_intent", null);
        session.put("subscription", null);
        session.put("invoice", null);
        session.put("expires_at", now() + Duration.ofHours(24).toSeconds());
        session.put("url", checkoutBaseUrl + "/" + session.get("id"));
        // Kept for the hosted page and for what a payment creates; not part of Stripe's session shape.
        session.put("_line_items", lines);
        session.put("_payment_intent_metadata", nestedMetadata(params, "payment_intent_data"));
        session.put("_subscription_metadata", nestedMetadata(params, "subscription_data"));
        return store(session);
    }

    /** {@code POST /v1/products}; a caller-chosen {@code id} must be new. */
    synchronized Map<String, Object> createProduct(Map<String, Object> params) {
        String name = string(params, "name");
        if (name == null) {
            throw StripeError.missing("name");
        }
        Map<String, Object> product = object("prod", "product");
        String id = string(params, "id");
        if (id != null) {
            if (objects.containsKey(id)) {
                throw new StripeError(400, "invalid_request_error", "resource_already_exists",
                        "Product already exists.", "id");
            }
            product.put("id", id);
        }
        product.put("name", name);
        product.put("active", true);
        product.put("metadata", metadata(params));
        return store(product);
    }

    /** {@code POST /v1/prices}; a lookup key names one active price (moved only with {@code transfer_lookup_key}). */
    @SuppressWarnings("unchecked")
    synchronized Map<String, Object> createPrice(Map<String, Object> params) {
        String product = string(params, "product");
        if (product == null) {
            throw StripeError.missing("product");
        }
        get(product, "product");
        String currency = string(params, "currency");
        if (currency == null) {
            throw StripeError.missing("currency");
        }
        long unitAmount = number(params, "unit_amount", "unit_amount");
        String lookupKey = string(params, "lookup_key");
        if (lookupKey != null) {
            Map<String, Object> holder = priceByLookupKey(lookupKey);
            if (holder != null) {
                if (!"true".equals(params.get("transfer_lookup_key"))) {
                    throw new StripeError(400, "invalid_request_error", "lookup_key_in_use",
                            "A price (`" + holder.get("id") + "`) already uses that lookup key.", "lookup_key");
                }
                holder.put("lookup_key", null);
            }
        }
        Map<String, Object> price = object("price", "price");
        price.put("product", product);
        price.put("currency", currency);
        price.put("unit_amount", unitAmount);
        price.put("active", true);
        price.put("lookup_key", lookupKey);
        price.put("type", params.get("recurring") instanceof Map ? "recurring" : "one_time");
        price.put("recurring", params.get("recurring") instanceof Map<?, ?> r
                ? mapOf("interval", ((Map<String, Object>) r).getOrDefault("interval", "month"), "interval_count", 1L) : null);
        price.put("metadata", metadata(params));
        return store(price);
    }

    /** {@code GET /v1/prices?lookup_keys[]=…}: the active prices holding these lookup keys. */
    List<Map<String, Object>> pricesByLookupKeys(List<String> lookupKeys) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (String key : lookupKeys) {
            Map<String, Object> price = priceByLookupKey(key);
            if (price != null) {
                found.add(price);
            }
        }
        return found;
    }

    private Map<String, Object> priceByLookupKey(String lookupKey) {
        return objects.values().stream()
                .filter(o -> "price".equals(o.get("object")) && lookupKey.equals(o.get("lookup_key")))
                .findFirst().orElse(null);
    }

    /** A catalog price as the {@code price_data} it stands for. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> priceData(String priceId, String at) {
        Map<String, Object> price = objects.get(priceId);
        if (price == null || !"price".equals(price.get("object"))) {
            throw new StripeError(400, "invalid_request_error", "resource_missing", "No such price: '" + priceId + "'",
                    at + "[price]");
        }
        Map<String, Object> product = objects.getOrDefault((String) price.get("product"), Map.of());
        Map<String, Object> data = mapOf("currency", price.get("currency"), "unit_amount", String.valueOf(price.get("unit_amount")),
                "product_data", mapOf("name", product.getOrDefault("name", "item")));
        if (price.get("recurring") instanceof Map<?, ?> recurring) {
            data.put("recurring", new LinkedHashMap<>((Map<String, Object>) recurring));
        }
        return data;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> lineItems(Map<String, Object> params, String mode) {
        Object raw = params.get("line_items");
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw StripeError.missing("line_items");
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        String currency = null;
        for (int i = 0; i < list.size(); i++) {
            String at = "line_items[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> item)) {
                throw StripeError.invalidRequest(at, "Invalid line item");
            }
            Map<String, Object> line = (Map<String, Object>) item;
            if (line.get("price") instanceof String priceId && !priceId.isEmpty()) {
                line = new LinkedHashMap<>(line);
                line.put("price_data", priceData(priceId, at));
            }
            if (!(line.get("price_data") instanceof Map<?, ?> priceData)) {
                throw StripeError.missing(at + "[price_data]");
            }
            Map<String, Object> price = (Map<String, Object>) priceData;
            long unitAmount = number(price, "unit_amount", at + "[price_data][unit_amount]");
            long quantity = line.get("quantity") == null ? 1 : number(line, "quantity", at + "[quantity]");
            if (unitAmount < 0 || quantity < 1) {
                throw StripeError.invalidRequest(at, "Invalid amount or quantity");
            }
            String lineCurrency = string(price, "currency");
            if (lineCurrency == null) {
                throw StripeError.missing(at + "[price_data][currency]");
            }
            if (currency != null && !currency.equals(lineCurrency)) {
                throw StripeError.invalidRequest(at + "[price_data][currency]", "All line items must share one currency");
            }
            currency = lineCurrency;
            boolean recurring = price.get("recurring") instanceof Map;
            if ("subscription".equals(mode) != recurring) {
                throw StripeError.invalidRequest(at + "[price_data][recurring]", "subscription".equals(mode)
                        ? "Subscription mode needs a recurring price"
                        : "You must be in subscription mode to use a recurring price");
            }
            Map<String, Object> productData = price.get("product_data") instanceof Map<?, ?> p
                    ? (Map<String, Object>) p : Map.of();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", productData.getOrDefault("name", "item"));
            out.put("unit_amount", unitAmount);
            out.put("quantity", quantity);
            out.put("currency", lineCurrency);
            out.put("interval", recurring ? ((Map<String, Object>) price.get("recurring")).getOrDefault("interval", "month") : null);
            lines.add(out);
        }
        return lines;
    }

    /** The hosted page's form POST: pays, or declines with Stripe's test-card rules. */
    @SuppressWarnings("unchecked")
    synchronized Payment pay(String sessionId, String cardNumber) {
        Map<String, Object> session = get(sessionId, "checkout.session");
        if (!"open".equals(session.get("status"))) {
            return new Payment(PayOutcome.NOT_OPEN, "This Checkout Session is no longer active.", session);
        }
        TestCards card = TestCards.of(cardNumber);
        if (card == TestCards.INVALID_NUMBER) {
            return new Payment(PayOutcome.INVALID_CARD, card.message(), session);
        }
        long amount = (Long) session.get("amount_total");
        String currency = (String) session.get("currency");
        boolean subscription = "subscription".equals(session.get("mode"));
        if (!subscription) {
            Map<String, Object> intent = paymentIntent(session, amount, currency);
            if (card != TestCards.SUCCEEDS) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("type", "card_error");
                error.put("code", card.code);
                error.put("decline_code", card.declineCode);
                error.put("message", card.message());
                intent.put("status", "requires_payment_method");
                intent.put("last_payment_error", error);
                emit("payment_intent.payment_failed", intent);
                return new Payment(PayOutcome.DECLINED, card.message(), session);
            }
            Map<String, Object> charge = charge(intent, amount, currency);
            intent.put("status", "succeeded");
            intent.put("amount_received", amount);
            intent.put("latest_charge", charge.get("id"));
            intent.put("last_payment_error", null);
            session.put("status", "complete");
            session.put("payment_status", "paid");
            emit("charge.succeeded", charge);
            emit("payment_intent.succeeded", intent);
            emit("checkout.session.completed", session);
            return new Payment(PayOutcome.PAID, null, session);
        }
        if (card != TestCards.SUCCEEDS) {
            return new Payment(PayOutcome.DECLINED, card.message(), session);
        }
        Map<String, Object> sub = subscription(session);
        Map<String, Object> invoice = object("in", "invoice");
        invoice.put("customer", session.get("customer"));
        invoice.put("amount_due", amount);
        invoice.put("amount_paid", amount);
        invoice.put("currency", currency);
        invoice.put("status", "paid");
        invoice.put("billing_reason", "subscription_create");
        invoice.put("parent", Map.of("type", "subscription_details", "subscription_details",
                mapOf("subscription", sub.get("id"), "metadata", sub.get("metadata"))));
        invoice.put("period_start", sub.get("start_date"));
        invoice.put("period_end", ((Map<String, Object>) ((List<Object>) ((Map<String, Object>) sub.get("items")).get("data")).get(0)).get("current_period_end"));
        store(invoice);
        sub.put("latest_invoice", invoice.get("id"));
        session.put("subscription", sub.get("id"));
        session.put("invoice", invoice.get("id"));
        session.put("status", "complete");
        session.put("payment_status", "paid");
        emit("customer.subscription.created", sub);
        emit("invoice.paid", invoice);
        emit("checkout.session.completed", session);
        return new Payment(PayOutcome.PAID, null, session);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> paymentIntent(Map<String, Object> session, long amount, String currency) {
        String existing = (String) session.get("payment_intent");
        if (existing != null) {
            return objects.get(existing);
        }
        Map<String, Object> intent = object("pi", "payment_intent");
        intent.put("amount", amount);
        intent.put("amount_received", 0L);
        intent.put("currency", currency);
        intent.put("customer", session.get("customer"));
        intent.put("status", "requires_payment_method");
        intent.put("metadata", new LinkedHashMap<>((Map<String, Object>) session.get("_payment_intent_metadata")));
        intent.put("latest_charge", null);
        intent.put("last_payment_error", null);
        store(intent);
        session.put("payment_intent", intent.get("id"));
        return intent;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> charge(Map<String, Object> intent, long amount, String currency) {
        Map<String, Object> charge = object("ch", "charge");
        charge.put("amount", amount);
        charge.put("amount_captured", amount);
        charge.put("amount_refunded", 0L);
        charge.put("currency", currency);
        charge.put("customer", intent.get("customer"));
        charge.put("payment_intent", intent.get("id"));
        charge.put("paid", true);
        charge.put("refunded", false);
        charge.put("status", "succeeded");
        charge.put("metadata", new LinkedHashMap<>((Map<String, Object>) intent.get("metadata")));
        return store(charge);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> subscription(Map<String, Object> session) {
        Map<String, Object> line = ((List<Map<String, Object>>) session.get("_line_items")).get(0);
        long start = now();
        long end = clock.instant().atOffset(ZoneOffset.UTC).plusMonths(1).toEpochSecond();
        Map<String, Object> price = mapOf("id", StripeEvents.newId("price"), "object", "price",
                "currency", line.get("currency"), "unit_amount", line.get("unit_amount"),
                "recurring", mapOf("interval", line.get("interval"), "interval_count", 1L));
        Map<String, Object> item = mapOf("id", StripeEvents.newId("si"), "object", "subscription_item",
                "price", price, "quantity", line.get("quantity"),
                "current_period_start", start, "current_period_end", end);
        Map<String, Object> sub = object("sub", "subscription");
        sub.put("customer", session.get("customer"));
        sub.put("status", "active");
        sub.put("cancel_at_period_end", false);
        sub.put("canceled_at", null);
        sub.put("ended_at", null);
        sub.put("start_date", start);
        sub.put("currency", line.get("currency"));
        sub.put("items", mapOf("object", "list", "data", new ArrayList<>(List.of(item))));
        sub.put("metadata", new LinkedHashMap<>((Map<String, Object>) session.get("_subscription_metadata")));
        sub.put("latest_invoice", null);
        return store(sub);
    }

    /** {@code POST /v1/refunds}: full by default, partial with {@code amount}; raises {@code charge.refunded}. */
    synchronized Map<String, Object> createRefund(Map<String, Object> params) {
        String intentId = string(params, "payment_intent");
        String chargeId = string(params, "charge");
        if (intentId == null && chargeId == null) {
            throw StripeError.missing("payment_intent");
        }
        if (chargeId == null) {
            Map<String, Object> intent = get(intentId, "payment_intent");
            chargeId = (String) intent.get("latest_charge");
            if (chargeId == null) {
                throw new StripeError(400, "invalid_request_error", "charge_not_captured",
                        "This PaymentIntent does not have a successful charge to refund.", "payment_intent");
            }
        }
        Map<String, Object> charge = get(chargeId, "charge");
        long refundable = (Long) charge.get("amount") - (Long) charge.get("amount_refunded");
        long amount = params.get("amount") == null ? refundable : number(params, "amount", "amount");
        if (amount <= 0) {
            throw StripeError.invalidRequest("amount", "Amount must be positive.");
        }
        if (amount > refundable) {
            throw new StripeError(400, "invalid_request_error", "amount_too_large",
                    "Refund amount (" + amount + ") is greater than unrefunded amount on charge (" + refundable + ")",
                    "amount");
        }
        Map<String, Object> refund = object("re", "refund");
        refund.put("amount", amount);
        refund.put("currency", charge.get("currency"));
        refund.put("charge", chargeId);
        refund.put("payment_intent", charge.get("payment_intent"));
        refund.put("status", "succeeded");
        refund.put("reason", string(params, "reason"));
        refund.put("metadata", metadata(params));
        store(refund);
        long refunded = (Long) charge.get("amount_refunded") + amount;
        charge.put("amount_refunded", refunded);
        charge.put("refunded", refunded == (Long) charge.get("amount"));
        emit("charge.refunded", charge);
        return refund;
    }

    /** {@code POST /v1/subscriptions/{id}}: only {@code cancel_at_period_end} is understood. */
    synchronized Map<String, Object> updateSubscription(String id, Map<String, Object> params) {
        Map<String, Object> sub = get(id, "subscription");
        Object cancel = params.get("cancel_at_period_end");
        if (cancel != null) {
            sub.put("cancel_at_period_end", Boolean.parseBoolean(String.valueOf(cancel)));
            emit("customer.subscription.updated", sub);
        }
        return sub;
    }

    /** Ends a subscription now, as Stripe does when its period runs out after a cancel at period end. */
    synchronized Map<String, Object> endSubscription(String id) {
        Map<String, Object> sub = get(id, "subscription");
        sub.put("status", "canceled");
        sub.put("canceled_at", now());
        sub.put("ended_at", now());
        emit("customer.subscription.deleted", sub);
        return sub;
    }

    /** The raw JSON of an event this account raised, as it was delivered. */
    Optional<String> event(String id) {
        return delivery.event(Providers.STRIPE, id).map(SandboxEvent::body);
    }

    /** The raw JSON of the newest events, newest first. */
    List<String> events(int limit) {
        return delivery.events(Providers.STRIPE, limit).stream().map(SandboxEvent::body).toList();
    }

    /**
     * Raises an event carrying a snapshot of {@code object} as it is now and hands it to the sandbox's
     * delivery engine, which signs it as Stripe does and delivers it to the configured endpoint.
     */
    private void emit(String type, Map<String, Object> object) {
        StripeEvents.Built event = StripeEvents.event(type, StripeJson.publicView(object));
        delivery.send(Providers.STRIPE, event.id(), event.type(), event.json());
    }

    private Map<String, Object> object(String prefix, String kind) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", StripeEvents.newId(prefix));
        object.put("object", kind);
        object.put("created", now());
        object.put("livemode", false);
        return object;
    }

    private Map<String, Object> store(Map<String, Object> object) {
        objects.put((String) object.get("id"), object);
        return object;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> params) {
        return params.get("metadata") instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m)
                : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nestedMetadata(Map<String, Object> params, String key) {
        return params.get(key) instanceof Map<?, ?> m ? metadata((Map<String, Object>) m) : new LinkedHashMap<>();
    }

    static String string(Map<String, Object> params, String key) {
        Object value = params.get(key);
        return value instanceof String s && !s.isEmpty() ? s : null;
    }

    private static long number(Map<String, Object> params, String key, String param) {
        Object value = params.get(key);
        try {
            return Long.parseLong(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw StripeError.invalidRequest(param, "Invalid integer: " + value);
        }
    }

    static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
