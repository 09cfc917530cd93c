package io.plinth.payment.stripe;

import com.stripe.model.Price;
import com.stripe.net.RequestOptions;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.ProductCreateParams;
import io.plinth.payment.catalog.Catalog;
import io.plinth.payment.catalog.CatalogPrice;
import io.plinth.payment.catalog.CatalogPrice.Mode;
import io.plinth.payment.providers.ProviderRejectedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Makes the card catalog exist in Stripe: one product per catalog product ({@code plinth-<productId>}) and one
 * price per catalog price, found by lookup key (= our price id). Runs after start-up, in the background, until it
 * succeeds (Stripe may be down when the service starts); running it again creates nothing that exists. A price
 * whose amount changed in the catalog gets a new Stripe price that takes over the lookup key. Checkout uses the
 * synced price ids and falls back to inline {@code price_data} for any price not synced yet.
 */
final class StripeCatalogSync {

    private static final Logger log = LoggerFactory.getLogger(StripeCatalogSync.class);
    /** Stripe's limit on lookup keys per list call. */
    private static final int LOOKUP_BATCH = 10;

    private final StripeCalls stripe;
    private final Catalog catalog;
    private final Map<String, String> stripePrices = new ConcurrentHashMap<>();
    private volatile Disposable running;

    StripeCatalogSync(StripeCalls stripe, Catalog catalog) {
        this.stripe = stripe;
        this.catalog = catalog;
    }

    /** The Stripe price id standing for a catalog price, once synced. */
    Optional<String> stripePrice(String priceId) {
        return Optional.ofNullable(stripePrices.get(priceId));
    }

    @EventListener(ApplicationReadyEvent.class)
    void startInBackground() {
        running = sync()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofMinutes(1))
                        .doBeforeRetry(s -> log.warn("Stripe catalog sync failed, retrying: {}", s.failure().toString())))
                .subscribe(n -> log.info("Stripe catalog in sync: {} prices", n));
    }

    /** @return how many catalog prices are in Stripe now */
    Mono<Integer> sync() {
        List<CatalogPrice> card = catalog.prices().stream().filter(p -> p.soldThrough(StripeCalls.PROVIDER)).toList();
        return Flux.range(0, (card.size() + LOOKUP_BATCH - 1) / LOOKUP_BATCH)
                .map(i -> card.subList(i * LOOKUP_BATCH, Math.min(card.size(), (i + 1) * LOOKUP_BATCH)))
                .concatMap(this::syncBatch)
                .then(Mono.fromSupplier(stripePrices::size));
    }

    private Flux<String> syncBatch(List<CatalogPrice> batch) {
        PriceListParams.Builder query = PriceListParams.builder().setActive(true);
        batch.forEach(p -> query.addLookupKey(p.priceId()));
        PriceListParams params = query.build();
        return stripe.idempotent("list catalog prices", client -> client.v1().prices().list(params).getData())
                .flatMapMany(existing -> Flux.fromIterable(batch).concatMap(price -> existing.stream()
                        .filter(s -> price.priceId().equals(s.getLookupKey()))
                        .filter(s -> matches(price, s))
                        .findFirst()
                        .map(s -> Mono.just(s.getId()))
                        .orElseGet(() -> create(price, existing.stream()
                                .anyMatch(s -> price.priceId().equals(s.getLookupKey()))))
                        .doOnNext(id -> stripePrices.put(price.priceId(), id))));
    }

    private static boolean matches(CatalogPrice price, Price stripePrice) {
        return stripePrice.getUnitAmount() != null && stripePrice.getUnitAmount() == price.amountMinor()
                && price.currency().equalsIgnoreCase(stripePrice.getCurrency());
    }

    private Mono<String> create(CatalogPrice price, boolean takeOverLookupKey) {
        String productId = "plinth-" + price.productId();
        return product(productId, price).then(Mono.defer(() -> {
            PriceCreateParams.Builder params = PriceCreateParams.builder()
                    .setProduct(productId)
                    .setCurrency(price.currency())
                    .setUnitAmount(price.amountMinor())
                    .setLookupKey(price.priceId())
                    .setTransferLookupKey(takeOverLookupKey)
                    .putMetadata("priceId", price.priceId());
            if (price.mode() == Mode.SUBSCRIPTION) {
                params.setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH).build());
            }
            RequestOptions options = RequestOptions.builder().setIdempotencyKey("plinth-price-" + price.priceId() + "-"
                    + price.amountMinor() + "-" + price.currency()).build();
            return stripe.idempotent("create catalog price", client -> client.v1().prices().create(params.build(), options))
                    .doOnNext(p -> log.info("Created Stripe price {} for {}", p.getId(), price.priceId()))
                    .map(Price::getId);
        }));
    }

    private Mono<Void> product(String productId, CatalogPrice price) {
        return stripe.idempotent("retrieve catalog product", client -> client.v1().products().retrieve(productId))
                .then()
                .onErrorResume(ProviderRejectedException.class, missing -> {
                    ProductCreateParams params = ProductCreateParams.builder().setId(productId).setName(price.name())
                            .putMetadata("productId", price.productId()).build();
                    RequestOptions options = RequestOptions.builder().setIdempotencyKey("plinth-product-" + productId)
                            .build();
                    return stripe.idempotent("create catalog product", client -> client.v1().products().create(params, options))
                            .then();
                });
    }

    void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
    }
}
