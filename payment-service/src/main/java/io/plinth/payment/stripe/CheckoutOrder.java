package io.plinth.payment.stripe;

import io.plinth.payment.catalog.CatalogPrice;

/**
 * A validated request to pay for {@code quantity} of {@code price} by card.
 *
 * @param requestKey the client's Idempotency-Key: the same key always means the same payment
 */
public record CheckoutOrder(String tenantId, String userId, CatalogPrice price, int quantity, String successUrl,
        String cancelUrl, String requestKey) {
}
