package io.plinth.payment.api;

import io.plinth.payment.api.PaymentDtos.CheckoutRequest;
import io.plinth.payment.catalog.Catalog;
import io.plinth.payment.pipit.PipitOrder;
import io.plinth.payment.pipit.PipitPayments;
import io.plinth.platform.idempotency.Idempotent;
import io.plinth.platform.problem.ApiException;
import io.plinth.web.FieldViolation;
import io.plinth.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Pipit: the user pays on Pipit's hosted page; the signed webhook settles the payment. One price ({@code priceId},
 * {@code quantity}) or a basket ({@code items[]}: several prices in one payment, whose credits and entitlements add up).
 */
@RestController
class PipitController {

    record Customer(@Email @Size(max = 254) String email, @Size(max = 200) String name) {
    }

    /** One line of a basket; {@code quantity} defaults to 1. */
    record Item(@NotBlank @Size(max = 100) String priceId, @Min(1) @Max(100) Integer quantity) {

        int quantityOrOne() {
            return quantity == null ? 1 : quantity;
        }
    }

    /** Exactly one of {@code priceId} (with {@code quantity}) and {@code items}. */
    record PipitRequest(@Size(max = 100) String priceId, @Min(1) @Max(100) Integer quantity,
            @Size(max = CheckoutRules.MAX_BASKET_LINES) List<@Valid Item> items,
            @Valid Customer customer, @NotBlank @Size(max = 2000) String successUrl,
            @NotBlank @Size(max = 2000) String cancelUrl) {
    }

    record PipitResponse(String paymentId, String paymentUrl) {
    }

    private static final String PROVIDER = "pipit";

    private final Catalog catalog;
    private final PipitPayments pipit;

    PipitController(Catalog catalog, PipitPayments pipit) {
        this.catalog = catalog;
        this.pipit = pipit;
    }

    @Idempotent
    @PostMapping("/api/v1/payments/pipit")
    Mono<ResponseEntity<PipitResponse>> pay(CurrentUser user, @RequestHeader("Idempotency-Key") String key,
            @Valid @RequestBody PipitRequest body) {
        List<FieldViolation> errors = body.items() == null
                ? CheckoutRules.violations(new CheckoutRequest(body.priceId(), "payment", body.successUrl(),
                        body.cancelUrl(), body.quantity()), catalog, PROVIDER)
                : CheckoutRules.basketViolations(body.priceId(), body.quantity(),
                        body.items().stream().map(Item::priceId).toList(), body.successUrl(), body.cancelUrl(), catalog,
                        PROVIDER);
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.unprocessable(errors));
        }
        List<PipitOrder.Line> lines = body.items() == null
                ? List.of(new PipitOrder.Line(catalog.price(body.priceId()).orElseThrow(),
                        body.quantity() == null ? 1 : body.quantity()))
                : body.items().stream().map(item -> new PipitOrder.Line(catalog.price(item.priceId()).orElseThrow(),
                        item.quantityOrOne())).toList();
        Customer customer = body.customer() == null ? new Customer(null, null) : body.customer();
        return pipit.start(new PipitOrder(user.tenantId(), user.userId(), lines, customer.email(), customer.name(),
                        body.successUrl(), body.cancelUrl(), key))
                .map(started -> ResponseEntity.created(URI.create("/api/v1/payments/" + started.paymentId()))
                        .body(new PipitResponse(started.paymentId().toString(), started.paymentUrl())));
    }
}
