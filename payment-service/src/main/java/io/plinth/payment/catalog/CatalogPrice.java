package io.plinth.payment.catalog;

import java.util.Locale;
import java.util.Set;

/**
 * One price of one product, as sold: what it costs, in which mode, through which providers, and
 * what it grants (credits, a tier, or an entitlement).
 *
 * @param amountMinor price in minor units of {@code currency} (cents; M-Pesa charges whole shillings of it)
 * @param interval {@code month} for subscriptions, null for one-off prices
 * @param providers the providers that may take this price ({@code stripe}, {@code mpesa}, {@code pipit})
 */
public record CatalogPrice(String priceId, String productId, String name, ProductKind kind, Mode mode,
        long amountMinor, String currency, String interval, long credits, String tier, String entitlement,
        Set<String> providers) {

    public enum ProductKind { CREDITS, TIER, ENTITLEMENT }

    public enum Mode {
        PAYMENT, SUBSCRIPTION;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode parse(String wire) {
            for (Mode mode : values()) {
                if (mode.wire().equals(wire)) {
                    return mode;
                }
            }
            return null;
        }
    }

    public boolean soldThrough(String provider) {
        return providers.contains(provider);
    }

    public String kindWire() {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
