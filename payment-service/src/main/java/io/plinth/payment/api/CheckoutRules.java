package io.plinth.payment.api;

import io.plinth.payment.api.PaymentDtos.CheckoutRequest;
import io.plinth.payment.catalog.Catalog;
import io.plinth.payment.catalog.CatalogPrice;
import io.plinth.payment.catalog.CatalogPrice.Mode;
import io.plinth.web.FieldViolation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a checkout request must satisfy beyond its field constraints, checked against the catalog
 * before anything is written or any provider is called. Every violated field is reported at once.
 */
final class CheckoutRules {

    /** Most lines one basket may have. */
    static final int MAX_BASKET_LINES = 20;

    private CheckoutRules() {
    }

    static List<FieldViolation> violations(CheckoutRequest request, Catalog catalog, String provider) {
        List<FieldViolation> errors = new ArrayList<>();
        Mode mode = Mode.parse(request.mode());
        if (mode == null) {
            errors.add(FieldViolation.of("mode", "invalid_mode", "must be payment or subscription"));
        }
        CatalogPrice price = request.priceId() == null || request.priceId().isBlank() ? null
                : catalog.price(request.priceId()).orElse(null);
        if (request.priceId() == null || request.priceId().isBlank()) {
            // Only Pipit gets here without one (checkout's priceId is @NotBlank): it takes items[] instead.
            errors.add(FieldViolation.of("priceId", "required", "send priceId, or items[] for a basket"));
        } else if (price == null) {
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

    /**
     * A basket ({@code items[]}, Pipit): exactly one of {@code priceId} and {@code items}; each line a one-off price
     * sold through {@code provider}, named once, in the first line's currency. A line's problem names it by index,
     * e.g. {@code items[2].priceId}. Quantities are checked by the request's constraints (1–100 per line).
     */
    static List<FieldViolation> basketViolations(String priceId, Integer quantity, List<String> itemPriceIds,
            String successUrl, String cancelUrl, Catalog catalog, String provider) {
        List<FieldViolation> errors = new ArrayList<>();
        if (priceId != null) {
            errors.add(FieldViolation.of("items", "exactly_one", "send either priceId (and quantity) or items[], not both"));
        }
        if (quantity != null) {
            errors.add(FieldViolation.of("quantity", "exactly_one", "a basket gives each line its own quantity"));
        }
        if (itemPriceIds.isEmpty()) {
            errors.add(FieldViolation.of("items", "min", "a basket has at least one line"));
        }
        String currency = null;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < itemPriceIds.size(); i++) {
            String field = "items[" + i + "].priceId";
            String id = itemPriceIds.get(i);
            CatalogPrice price = id == null ? null : catalog.price(id).orElse(null);
            if (price == null) {
                if (id != null && !id.isBlank()) {
                    errors.add(FieldViolation.of(field, "unknown_price", "no price " + id
                            + " in the catalog (GET /api/v1/payments/products)"));
                }
                continue;
            }
            if (!seen.add(price.priceId())) {
                errors.add(FieldViolation.of(field, "duplicate_price", "price " + id
                        + " is already in the basket: raise that line's quantity instead"));
            }
            if (price.mode() != Mode.PAYMENT) {
                errors.add(FieldViolation.of(field, "mode_mismatch", "price " + id + " is a "
                        + price.mode().wire() + " price; a basket holds one-off prices"));
            } else if (!price.soldThrough(provider)) {
                errors.add(FieldViolation.of(field, "price_not_available",
                        "price " + id + " is not sold through " + provider));
            } else if (currency == null) {
                currency = price.currency();
            } else if (!currency.equalsIgnoreCase(price.currency())) {
                errors.add(FieldViolation.of(field, "currency_mismatch", "price " + id + " is in "
                        + price.currency().toUpperCase(Locale.ROOT) + ", the basket in "
                        + currency.toUpperCase(Locale.ROOT)));
            }
        }
        url(successUrl, "successUrl", errors);
        url(cancelUrl, "cancelUrl", errors);
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
