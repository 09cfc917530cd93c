package io.plinth.payment.providers;

/** What a provider accepted when asked to refund; the payment itself moves on the provider's refund event. */
public record RefundRequested(String refundId, long amountMinor, String status) {
}
