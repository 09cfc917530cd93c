package io.plinth.payment.stripe;

import java.util.UUID;

/** A pending payment and the Checkout page its user pays on. */
public record CheckoutStarted(UUID paymentId, String sessionId, String url) {
}
