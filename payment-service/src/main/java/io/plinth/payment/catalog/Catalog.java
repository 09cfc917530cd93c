package io.plinth.payment.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The products on sale, by price id. Immutable; read once from the catalog file at start-up. */
public final class Catalog {

    private final Map<String, CatalogPrice> prices;

    public Catalog(List<CatalogPrice> prices) {
        Map<String, CatalogPrice> byId = new LinkedHashMap<>();
        for (CatalogPrice price : prices) {
            if (byId.put(price.priceId(), price) != null) {
                throw new IllegalArgumentException("Catalog lists price " + price.priceId() + " twice");
            }
        }
        this.prices = java.util.Collections.unmodifiableMap(byId);
    }

    public List<CatalogPrice> prices() {
        return List.copyOf(prices.values());
    }

    public Optional<CatalogPrice> price(String priceId) {
        return Optional.ofNullable(priceId == null ? null : prices.get(priceId));
    }
}
