package io.plinth.sandbox.delivery;

import java.util.List;

/**
 * A webhook event the sandbox sent (a snapshot: the store keeps updating the live one).
 *
 * @param id         the provider's event id (Stripe {@code evt_…}; for M-Pesa the CheckoutRequestID)
 * @param provider   sandbox provider name
 * @param type       the provider's event type, e.g. {@code payment_intent.succeeded}
 * @param created    unix seconds, as Stripe reports it
 * @param endpoint   where it is delivered
 * @param body       the exact JSON sent (the same bytes on every delivery)
 * @param status     {@code pending} while a delivery is being attempted or retried, {@code delivered} once
 *                   the latest delivery got a 2xx, {@code failed} when it ran out of attempts
 * @param deliveries how many deliveries were started (the original plus resends)
 * @param delivered  how many of them got a 2xx
 * @param attempts   every HTTP attempt, oldest first
 */
public record SandboxEvent(
        String id,
        String provider,
        String type,
        long created,
        String endpoint,
        String body,
        String status,
        int deliveries,
        int delivered,
        List<DeliveryAttempt> attempts) {
}
