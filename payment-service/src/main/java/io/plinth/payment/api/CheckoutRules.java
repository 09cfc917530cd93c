package io.plinth.payment.api;

import io.plinth.payment.api.PaymentDtos.CheckoutRequest;
import io.plinth.payment.catalog.Catalog;
import io.plinth.payment.catalog.CatalogPrice;
import io.plinth.payment.catalog.CatalogPrice.Mode;
import io.plinth.web.FieldViolation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a checkout request must satisfy beyond its field constraints, checked against the catalog
 * before anything is written or any provider is called. Every violated field is reported at once.
 */
final class CheckoutRules {

    private CheckoutRules() {
    }

    static List<FieldViolation> violations(CheckoutRequest request, Catalog catalog, String provider) {
        List<FieldViolation> errors = new ArrayList<>();
        Mode mode = Mode.parse(request.mode());
        if (mode == null) {
            errors.add(FieldViolation.of("mode", "invalid_mode", "must be payment or subscription"));
        }
        CatalogPrice price = catalog.price(request.priceId()).orElse(null);
        if (price == null) {
            errors.add(FieldViolation.of("priceId", "unknown_price", "no price " + request.priceId()
                    + " in the catalog (GET /api/v1/payments/products)"));
        } else {
            if (!price.soldThrough(provider)) {
                errors.add(FieldViolation.of("priceId", "price_not_available",
                        "price " + price.priceId() + " is not sold through " + provider));
            }
            if (mode != null && mode != price.mode()) {
                errors.add(FieldViolation.of("mode", "mode_mismatch", "price " + price.priceId() + " is a "
                        + price.mode().wire() + " price"));
            }
            if (price.mode() == Mode.SUBSCRIPTION && request.quantity() != null && request.quantity() != 1) {
                errors.add(FieldViolation.of("quantity", "out_of_range", "a subscription is for quantity 1"));
            }
        }
        url(request.successUrl(), "successUrl", errors);
        url(request.cancelUrl(), "cancelUrl", errors);
        return errors;
    }

    /** The browser is sent there after Checkout: an absolute http(s) URL with a host, nothing else. */
    private static void url(String value, String field, List<FieldViolation> errors) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getUserInfo() == null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        errors.add(FieldViolation.of(field, "invalid_url", "must be an absolute http or https URL"));
    }
}
