package io.plinth.payment.api;

import io.plinth.payment.catalog.Catalog;
import io.plinth.payment.catalog.CatalogPrice;
import io.plinth.payment.mpesa.MpesaOrder;
import io.plinth.payment.mpesa.MpesaPayments;
import io.plinth.payment.mpesa.PhoneNumbers;
import io.plinth.platform.idempotency.Idempotent;
import io.plinth.platform.problem.ApiException;
import io.plinth.web.FieldViolation;
import io.plinth.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** M-Pesa STK push: the customer confirms on their phone; the payment settles when Daraja confirms. */
@RestController
class MpesaController {

    record StkPushRequest(@NotBlank @Size(max = 100) String priceId, @NotBlank @Size(max = 32) String phoneNumber) {
    }

    record StkPushResponse(String paymentId, String checkoutRequestId, String customerMessage) {
    }

    private final Catalog catalog;
    private final MpesaPayments mpesa;

    MpesaController(Catalog catalog, MpesaPayments mpesa) {
        this.catalog = catalog;
        this.mpesa = mpesa;
    }

    @Idempotent
    @PostMapping("/api/v1/payments/mpesa/stk-push")
    Mono<ResponseEntity<StkPushResponse>> stkPush(CurrentUser user, @RequestHeader("Idempotency-Key") String key,
            @Valid @RequestBody StkPushRequest body) {
        List<FieldViolation> errors = new ArrayList<>();
        Optional<CatalogPrice> price = catalog.price(body.priceId());
        if (price.isEmpty()) {
            errors.add(FieldViolation.of("priceId", "unknown_price", "no price " + body.priceId() + " in the catalog"));
        } else if (!price.get().soldThrough("mpesa")) {
            errors.add(FieldViolation.of("priceId", "price_not_available",
                    "price " + body.priceId() + " is not sold through M-Pesa (use a KES price)"));
        }
        Optional<String> phone = PhoneNumbers.normalise(body.phoneNumber());
        if (phone.isEmpty()) {
            errors.add(FieldViolation.of("phoneNumber", "invalid_phone",
                    "must be a Kenyan mobile number, e.g. 0712345678 or +254712345678"));
        }
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.unprocessable(errors));
        }
        return mpesa.start(new MpesaOrder(user.tenantId(), user.userId(), price.get(), phone.get(), key))
                .map(started -> ResponseEntity.created(URI.create("/api/v1/payments/" + started.paymentId()))
                        .body(new StkPushResponse(started.paymentId().toString(), started.checkoutRequestId(),
                                started.customerMessage())));
    }
}
