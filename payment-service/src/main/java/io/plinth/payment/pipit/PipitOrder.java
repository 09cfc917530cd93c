package io.plinth.payment.pipit;

import io.plinth.payment.catalog.CatalogPrice;

/** A validated request to pay for {@code quantity} of {@code price} on Pipit's hosted page. */
public record PipitOrder(String tenantId, String userId, CatalogPrice price, int quantity, String customerEmail,
        String customerName, String successUrl, String cancelUrl, String requestKey) {
}
