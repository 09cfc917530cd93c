package io.plinth.payment.catalog;

import io.plinth.payment.catalog.CatalogPrice.Mode;
import io.plinth.payment.catalog.CatalogPrice.ProductKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the catalog YAML that ops edit (see {@code catalog.yml}). A file that does not make sense
 * stops the service at start-up with the product and field named, rather than selling something wrong.
 */
public final class CatalogFile {

    static final Set<String> PROVIDERS = Set.of("stripe", "mpesa", "pipit");
    static final Set<String> TIERS = Set.of("pro", "premium");

    private CatalogFile() {
    }

    public static Catalog read(InputStream yaml, String source) throws IOException {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(root instanceof Map<?, ?> top) || !(top.get("products") instanceof List<?> products)) {
            throw new IllegalArgumentException(source + ": expected a top-level 'products' list");
        }
        List<CatalogPrice> prices = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            if (!(products.get(i) instanceof Map<?, ?> product)) {
                throw new IllegalArgumentException(source + ": products[" + i + "] is not a map");
            }
            prices.addAll(product(product, source + ": products[" + i + "]"));
        }
        return new Catalog(prices);
    }

    private static List<CatalogPrice> product(Map<?, ?> product, String at) {
        String id = text(product, "id", at);
        String name = text(product, "name", at);
        ProductKind kind = switch (text(product, "kind", at)) {
            case "credits" -> ProductKind.CREDITS;
            case "tier" -> ProductKind.TIER;
            case "entitlement" -> ProductKind.ENTITLEMENT;
            default -> throw new IllegalArgumentException(at + ".kind must be credits, tier or entitlement");
        };
        long credits = kind == ProductKind.CREDITS ? positive(product, "credits", at) : 0;
        String tier = kind == ProductKind.TIER ? text(product, "tier", at) : null;
        if (tier != null && !TIERS.contains(tier)) {
            throw new IllegalArgumentException(at + ".tier must be one of " + TIERS);
        }
        String entitlement = kind == ProductKind.ENTITLEMENT ? text(product, "entitlement", at) : null;
        if (entitlement != null && !entitlement.matches("(course:[A-Za-z0-9_-]+|feature:[a-z0-9_]+)")) {
            throw new IllegalArgumentException(at + ".entitlement must look like course:{id} or feature:{name}");
        }
        if (!(product.get("prices") instanceof List<?> rawPrices) || rawPrices.isEmpty()) {
            throw new IllegalArgumentException(at + ".prices must list at least one price");
        }
        List<CatalogPrice> prices = new ArrayList<>();
        for (int j = 0; j < rawPrices.size(); j++) {
            String priceAt = at + ".prices[" + j + "]";
            if (!(rawPrices.get(j) instanceof Map<?, ?> price)) {
                throw new IllegalArgumentException(priceAt + " is not a map");
            }
            String interval = price.get("interval") == null ? null : text(price, "interval", priceAt);
            if (interval != null && !interval.equals("month")) {
                throw new IllegalArgumentException(priceAt + ".interval must be month");
            }
            Mode mode = kind == ProductKind.TIER ? Mode.SUBSCRIPTION : Mode.PAYMENT;
            if ((mode == Mode.SUBSCRIPTION) != (interval != null)) {
                throw new IllegalArgumentException(priceAt + ": tier plans are monthly subscriptions (interval: month), "
                        + "everything else is a one-off price");
            }
            String currency = text(price, "currency", priceAt).toLowerCase(Locale.ROOT);
            if (!currency.matches("[a-z]{3}")) {
                throw new IllegalArgumentException(priceAt + ".currency must be an ISO 4217 code");
            }
            Set<String> providers = providers(price, priceAt);
            if (providers.contains("mpesa") && (!currency.equals("kes") || mode == Mode.SUBSCRIPTION)) {
                throw new IllegalArgumentException(priceAt + ": M-Pesa takes one-off KES prices only");
            }
            long amount = positive(price, "amount", priceAt);
            if (providers.contains("mpesa") && amount % 100 != 0) {
                throw new IllegalArgumentException(priceAt + ".amount: M-Pesa charges whole shillings (a multiple of 100)");
            }
            prices.add(new CatalogPrice(text(price, "id", priceAt), id, name, kind, mode, amount, currency, interval,
                    credits, tier, entitlement, providers));
        }
        return prices;
    }

    private static Set<String> providers(Map<?, ?> price, String at) {
        if (!(price.get("providers") instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(at + ".providers must list stripe, mpesa and/or pipit");
        }
        Set<String> providers = new LinkedHashSet<>();
        for (Object provider : list) {
            if (!PROVIDERS.contains(String.valueOf(provider))) {
                throw new IllegalArgumentException(at + ".providers: unknown provider " + provider);
            }
            providers.add(String.valueOf(provider));
        }
        return Set.copyOf(providers);
    }

    private static String text(Map<?, ?> map, String key, String at) {
        Object value = map.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalArgumentException(at + "." + key + " is required");
        }
        return String.valueOf(value).trim();
    }

    private static long positive(Map<?, ?> map, String key, String at) {
        Object value = map.get(key);
        if (!(value instanceof Number number) || number.longValue() <= 0 || number.longValue() != number.doubleValue()) {
            throw new IllegalArgumentException(at + "." + key + " must be a positive whole number");
        }
        return number.longValue();
    }
}
