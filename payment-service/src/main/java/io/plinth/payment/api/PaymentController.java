package io.plinth.payment.api;

import io.plinth.payment.api.PaymentDtos.CheckoutRequest;
import io.plinth.payment.api.PaymentDtos.CheckoutResponse;
import io.plinth.payment.api.PaymentDtos.PageResponse;
import io.plinth.payment.api.PaymentDtos.PaymentResponse;
import io.plinth.payment.api.PaymentDtos.ProductResponse;
import io.plinth.payment.api.PaymentDtos.ProductsResponse;
import io.plinth.payment.catalog.Catalog;
import io.plinth.payment.catalog.CatalogPrice;
import io.plinth.payment.payments.Payments;
import io.plinth.payment.stripe.CheckoutOrder;
import io.plinth.payment.stripe.StripeCheckout;
import io.plinth.platform.idempotency.Idempotent;
import io.plinth.platform.problem.ApiException;
import io.plinth.web.FieldViolation;
import io.plinth.platform.security.CurrentUser;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The catalog, card checkout and the signed-in user's own payments. */
@RestController
@RequestMapping("/api/v1/payments")
class PaymentController {

    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 100;

    private final Catalog catalog;
    private final StripeCheckout checkout;
    private final Payments payments;

    PaymentController(Catalog catalog, StripeCheckout checkout, Payments payments) {
        this.catalog = catalog;
        this.checkout = checkout;
        this.payments = payments;
    }

    /** Public: what is on sale. */
    @GetMapping("/products")
    ProductsResponse products() {
        return new ProductsResponse(catalog.prices().stream().map(ProductResponse::of).toList());
    }

    @Idempotent
    @PostMapping("/checkout")
    Mono<ResponseEntity<CheckoutResponse>> checkout(CurrentUser user,
            @RequestHeader("Idempotency-Key") String idempotencyKey, @Valid @RequestBody CheckoutRequest body) {
        List<FieldViolation> errors = CheckoutRules.violations(body, catalog, "stripe");
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.unprocessable(errors));
        }
        CatalogPrice price = catalog.price(body.priceId()).orElseThrow();
        CheckoutOrder order = new CheckoutOrder(user.tenantId(), user.userId(), price,
                body.quantity() == null ? 1 : body.quantity(), body.successUrl(), body.cancelUrl(), idempotencyKey);
        return checkout.start(order)
                .map(started -> ResponseEntity.created(URI.create("/api/v1/payments/" + started.paymentId()))
                        .body(new CheckoutResponse(started.paymentId().toString(), started.sessionId(), started.url())));
    }

    @GetMapping
    Mono<PageResponse<PaymentResponse>> list(CurrentUser user,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        if (limit != null && (limit < 1 || limit > MAX_PAGE)) {
            return Mono.error(ApiException.unprocessable(List.of(
                    FieldViolation.of("limit", "out_of_range", "must be between 1 and " + MAX_PAGE))));
        }
        return Mono.defer(() -> payments.page(user.tenantId(), user.userId(), cursor, limit == null ? DEFAULT_PAGE : limit))
                .map(page -> new PageResponse<>(page.items().stream().map(PaymentResponse::of).toList(),
                        page.nextCursor()))
                .onErrorMap(IllegalArgumentException.class, e -> ApiException.badRequest("invalid_cursor", e.getMessage()));
    }

    /** Someone else's payment, or one that does not exist, is the same 404. */
    @GetMapping("/{paymentId}")
    Mono<PaymentResponse> one(CurrentUser user, @PathVariable String paymentId) {
        UUID id = parse(paymentId);
        if (id == null) {
            return Mono.error(ApiException.notFound("No payment " + paymentId + "."));
        }
        return payments.owned(user.tenantId(), user.userId(), id)
                .map(PaymentResponse::of)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No payment " + paymentId + ".")));
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
