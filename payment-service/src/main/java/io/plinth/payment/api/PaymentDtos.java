package io.plinth.payment.api;

import io.plinth.payment.catalog.CatalogPrice;
import io.plinth.payment.payments.Payment;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Request and response bodies of the payments API (API.md, Payments). */
final class PaymentDtos {

    private PaymentDtos() {
    }

    record ProductResponse(String priceId, String productId, String name, String kind, String mode, long amount,
            String currency, String interval, Long credits, String tier, String entitlement, List<String> providers) {

        static ProductResponse of(CatalogPrice p) {
            return new ProductResponse(p.priceId(), p.productId(), p.name(), p.kindWire(), p.mode().wire(),
                    p.amountMinor(), p.currency().toUpperCase(java.util.Locale.ROOT), p.interval(),
                    p.credits() > 0 ? p.credits() : null, p.tier(), p.entitlement(),
                    p.providers().stream().sorted().toList());
        }
    }

    record ProductsResponse(List<ProductResponse> items) {
    }

    record CheckoutRequest(
            @NotBlank @Size(max = 100) String priceId,
            @NotBlank String mode,
            @NotBlank @Size(max = 2000) String successUrl,
            @NotBlank @Size(max = 2000) String cancelUrl,
            @Min(1) @Max(100) Integer quantity) {
    }

    record CheckoutResponse(String paymentId, String sessionId, String url) {
    }

    record PaymentResponse(String paymentId, String status, String provider, String priceId, String productId,
            String kind, String mode, int quantity, long amount, String currency, long credits, String tier,
            String entitlement, long refundedAmount, String failureReason, Instant createdAt, Instant updatedAt,
            List<String> entitlements, List<Payment.LineItem> items) {

        static PaymentResponse of(Payment p) {
            return new PaymentResponse(p.id().toString(), p.status().wire(), p.provider(), p.priceId(), p.productId(),
                    p.kind(), p.mode(), p.quantity(), p.amountMinor(), p.currency().toUpperCase(java.util.Locale.ROOT),
                    p.credits(), p.tier(), p.entitlement(), p.refundedMinor(), p.failureReason(), p.createdAt(),
                    p.updatedAt(), p.entitlements(), p.items());
        }
    }

    record PageResponse<T>(List<T> items, String nextCursor) {
    }
}
