package io.plinth.payment.api;

import io.plinth.payment.payments.Payment;
import io.plinth.payment.payments.PaymentStatus;
import io.plinth.payment.payments.Payments;
import io.plinth.payment.providers.ProviderRejectedException;
import io.plinth.payment.pipit.PipitPayments;
import io.plinth.payment.providers.RefundRequested;
import io.plinth.payment.stripe.StripeRefunds;
import io.plinth.platform.idempotency.Idempotent;
import io.plinth.platform.problem.ApiException;
import io.plinth.web.FieldViolation;
import io.plinth.platform.security.AdminOnly;
import io.plinth.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Refunds, for the tenant's admins. The payment moves when the provider confirms ({@code charge.refunded}). */
@RestController
class AdminPaymentController {

    record RefundRequest(@Min(1) Long amount, @Size(max = 200) String reason) {
    }

    record RefundResponse(String paymentId, String refundId, long amount, String currency, String status) {
    }

    private final Payments payments;
    private final StripeRefunds stripe;
    private final PipitPayments pipit;

    AdminPaymentController(Payments payments, StripeRefunds stripe, PipitPayments pipit) {
        this.payments = payments;
        this.stripe = stripe;
        this.pipit = pipit;
    }

    @AdminOnly
    @Idempotent
    @PostMapping("/api/v1/admin/payments/{paymentId}/refund")
    Mono<ResponseEntity<RefundResponse>> refund(CurrentUser admin, @PathVariable String paymentId,
            @RequestHeader("Idempotency-Key") String idempotencyKey, @Valid @RequestBody(required = false) RefundRequest body) {
        RefundRequest request = body == null ? new RefundRequest(null, null) : body;
        UUID id = PaymentController.parse(paymentId);
        if (id == null) {
            return Mono.error(ApiException.notFound("No payment " + paymentId + "."));
        }
        return payments.inTenant(admin.tenantId(), id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No payment " + paymentId + ".")))
                .flatMap(payment -> {
                    long amount = request.amount() == null ? payment.refundableMinor() : request.amount();
                    refusal(payment, amount).ifPresent(e -> {
                        throw e;
                    });
                    Mono<RefundRequested> requested = payment.provider().equals("pipit")
                            ? pipit.refund(payment, amount)
                            : stripe.refund(payment, amount, request.reason(), idempotencyKey);
                    return requested
                            .map(r -> ResponseEntity.status(HttpStatus.ACCEPTED).body(new RefundResponse(
                                    payment.id().toString(), r.refundId(), r.amountMinor(),
                                    payment.currency().toUpperCase(java.util.Locale.ROOT), r.status())));
                })
                .onErrorMap(ProviderRejectedException.class, e -> "amount_too_large".equals(e.providerCode())
                        ? tooLarge("more than what is left to refund")
                        : e);
    }

    /**
     * {@code GET /api/v1/admin/payments?status=&provider=&userId=&limit=&cursor=}: the tenant's payments, newest
     * first, for the console's Payments page.
     */
    @AdminOnly
    @GetMapping("/api/v1/admin/payments")
    Mono<PaymentDtos.PageResponse<PaymentDtos.PaymentResponse>> list(CurrentUser admin,
            @RequestParam(required = false) String status, @RequestParam(required = false) String provider,
            @RequestParam(required = false) String userId, @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        List<FieldViolation> errors = new java.util.ArrayList<>();
        PaymentStatus wanted = null;
        if (status != null) {
            try {
                wanted = PaymentStatus.parse(status);
            } catch (IllegalArgumentException e) {
                errors.add(FieldViolation.of("status", "invalid_value", "status must be one of "
                        + java.util.Arrays.stream(PaymentStatus.values()).map(PaymentStatus::wire).toList() + "."));
            }
        }
        if (provider != null && !ADMIN_PROVIDERS.contains(provider)) {
            errors.add(FieldViolation.of("provider", "invalid_value", "provider must be one of " + ADMIN_PROVIDERS + "."));
        }
        if (userId != null && (userId.isBlank() || userId.length() > 64)) {
            errors.add(FieldViolation.of("userId", "invalid_value", "userId must be 1 to 64 characters."));
        }
        int size = 20;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > 100) {
                errors.add(FieldViolation.of("limit", "out_of_range", "limit must be a whole number from 1 to 100."));
            }
        }
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.unprocessable(errors));
        }
        PaymentStatus filter = wanted;
        int pageSize = size;
        return Mono.defer(() -> payments.tenantPage(admin.tenantId(), filter, provider, userId, cursor, pageSize))
                .map(page -> new PaymentDtos.PageResponse<>(page.items().stream().map(PaymentDtos.PaymentResponse::of).toList(),
                        page.nextCursor()))
                .onErrorMap(IllegalArgumentException.class, e -> ApiException.unprocessable(List.of(
                        FieldViolation.of("cursor", "invalid_cursor", "cursor must be a nextCursor from an earlier page."))));
    }

    /** One payment of the admin's tenant; another tenant's, or none, is the same 404. */
    @AdminOnly
    @GetMapping("/api/v1/admin/payments/{paymentId}")
    Mono<PaymentDtos.PaymentResponse> one(CurrentUser admin, @PathVariable String paymentId) {
        UUID id = PaymentController.parse(paymentId);
        if (id == null) {
            return Mono.error(ApiException.notFound("No payment " + paymentId + "."));
        }
        return payments.inTenant(admin.tenantId(), id).map(PaymentDtos.PaymentResponse::of)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No payment " + paymentId + ".")));
    }

    private static final List<String> ADMIN_PROVIDERS = List.of("stripe", "mpesa", "pipit");

    private static java.util.Optional<ApiException> refusal(Payment payment, long amount) {
        if (!payment.provider().equals("stripe") && !payment.provider().equals("pipit")) {
            // M-Pesa: the Daraja API Plinth speaks (PROVIDERS.md: OAuth, STK push, query) has no refund. Safaricom
            // reverses a transaction on request, outside Plinth; the payment and its credits stay as they are.
            return java.util.Optional.of(ApiException.conflict("refund_not_supported",
                    "Refunds of " + payment.provider() + " payments are not made through Plinth: the provider "
                            + "reverses them on request."));
        }
        if (payment.status() != PaymentStatus.COMPLETED && payment.status() != PaymentStatus.PARTIALLY_REFUNDED) {
            return java.util.Optional.of(ApiException.conflict("payment_not_refundable",
                    "Payment " + payment.id() + " is " + payment.status().wire() + "."));
        }
        if (amount > payment.refundableMinor()) {
            return java.util.Optional.of(tooLarge("at most " + payment.refundableMinor() + " is left to refund"));
        }
        return java.util.Optional.empty();
    }

    private static ApiException tooLarge(String message) {
        return ApiException.unprocessable(List.of(FieldViolation.of("amount", "exceeds_refundable", message)));
    }
}
