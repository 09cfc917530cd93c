package io.plinth.sandbox.delivery;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's event envelope ({@code {id: "evt_…", object: "event", api_version, created, data: {object}, type, …}})
 * around an API object, so every sandbox package sends Stripe events of one shape; and the sample objects
 * {@code POST /_sandbox/stripe/trigger/{type}} uses, like {@code stripe trigger}.
 */
public final class StripeEvents {

    /** The API version stripe-java 33.3.0 pins: events in another version would not deserialize their object. */
    public static final String API_VERSION = "2026-07-29.dahlia";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private StripeEvents() {
    }

    /** An event ready for {@link WebhookDelivery#send(String, String, String, String)}. */
    public record Built(String id, String type, long created, String json) {
    }

    /** Wraps {@code object} (a Stripe API object as a map) in a new event of {@code type}, created now. */
    public static Built event(String type, Map<String, ?> object) {
        return event(type, object, Clock.systemUTC());
    }

    static Built event(String type, Map<String, ?> object, Clock clock) {
        String id = newId("evt");
        long created = clock.instant().getEpochSecond();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", null);
        request.put("idempotency_key", null);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("object", "event");
        event.put("api_version", API_VERSION);
        event.put("created", created);
        event.put("data", Map.of("object", object));
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.put("request", request);
        event.put("type", type);
        return new Built(id, type, created, JSON.writeValueAsString(event));
    }

    /** A Stripe-style id: {@code prefix_} and 24 random letters and digits. */
    public static String newId(String prefix) {
        StringBuilder id = new StringBuilder(prefix).append('_');
        for (int i = 0; i < 24; i++) {
            id.append(ID_CHARS[RANDOM.nextInt(ID_CHARS.length)]);
        }
        return id.toString();
    }

    /**
     * A plausible object for an event type (the kinds Plinth handles, PROVIDERS.md), with {@code overrides}
     * replacing its top-level fields — e.g. {@code {"metadata": {"paymentId": "…"}}}.
     */
    public static Map<String, Object> sampleObject(String type, Map<String, ?> overrides) {
        Map<String, Object> o = new LinkedHashMap<>();
        String family = type.contains(".") ? type.substring(0, type.lastIndexOf('.')) : type;
        switch (family) {
            case "payment_intent" -> {
                boolean ok = type.endsWith("succeeded");
                o.put("id", newId("pi"));
                o.put("object", "payment_intent");
                o.put("amount", 2000);
                o.put("amount_received", ok ? 2000 : 0);
                o.put("currency", "usd");
                o.put("status", ok ? "succeeded" : "requires_payment_method");
            }
            case "checkout.session" -> {
                o.put("id", newId("cs"));
                o.put("object", "checkout.session");
                o.put("mode", "payment");
                o.put("status", "complete");
                o.put("payment_status", "paid");
                o.put("amount_total", 2000);
                o.put("currency", "usd");
                o.put("payment_intent", newId("pi"));
                o.put("client_reference_id", null);
            }
            case "charge" -> {
                o.put("id", newId("ch"));
                o.put("object", "charge");
                o.put("amount", 2000);
                o.put("amount_refunded", type.endsWith("refunded") ? 2000 : 0);
                o.put("refunded", type.endsWith("refunded"));
                o.put("currency", "usd");
                o.put("payment_intent", newId("pi"));
            }
            case "customer.subscription" -> {
                o.put("id", newId("sub"));
                o.put("object", "subscription");
                o.put("status", type.endsWith("deleted") ? "canceled" : "active");
                o.put("customer", newId("cus"));
                o.put("cancel_at_period_end", false);
            }
            case "invoice" -> {
                o.put("id", newId("in"));
                o.put("object", "invoice");
                o.put("status", "paid");
                o.put("customer", newId("cus"));
                o.put("subscription", newId("sub"));
                o.put("amount_paid", 2000);
                o.put("currency", "usd");
            }
            default -> {
                String object = family.replace('.', '_');
                o.put("id", newId(object.length() > 6 ? object.substring(0, 6) : object));
                o.put("object", family);
            }
        }
        o.put("livemode", false);
        o.put("metadata", Map.of());
        o.putAll(overrides);
        return o;
    }
}
