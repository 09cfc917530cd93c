package io.plinth.payment.mpesa;

import io.plinth.payment.catalog.CatalogPrice;

/** A validated request to pay {@code price} by M-Pesa from {@code phone} ({@code 2547…}/{@code 2541…}). */
public record MpesaOrder(String tenantId, String userId, CatalogPrice price, String phone, String requestKey) {
}
