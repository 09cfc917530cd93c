package io.plinth.payment.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.payment.catalog.Catalog;
import io.plinth.payment.catalog.CatalogPrice;
import io.plinth.payment.support.IntegrationTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class StripeCatalogSyncIT extends IntegrationTestBase {

    @Autowired
    private StripeCatalogSync sync;

    @Autowired
    private Catalog catalog;

    @Test
    void everyCardPriceExistsInStripeByLookupKeyAndSyncingAgainCreatesNothing() {
        List<CatalogPrice> card = catalog.prices().stream().filter(p -> p.soldThrough("stripe")).toList();
        for (CatalogPrice price : card) {
            JsonNode found = stripePrices(price.priceId());
            assertThat(found.size()).as(price.priceId()).isEqualTo(1);
            assertThat(found.get(0).get("unit_amount").asLong()).isEqualTo(price.amountMinor());
            assertThat(found.get(0).get("currency").asText()).isEqualTo(price.currency());
            assertThat(found.get(0).get("product").asText()).isEqualTo("plinth-" + price.productId());
            assertThat(found.get(0).get("type").asText())
                    .isEqualTo(price.mode() == CatalogPrice.Mode.SUBSCRIPTION ? "recurring" : "one_time");
            assertThat(sync.stripePrice(price.priceId())).contains(found.get(0).get("id").asText());
        }
        assertThat(catalog.prices().stream().filter(p -> !p.soldThrough("stripe")))
                .allSatisfy(kes -> assertThat(stripePrices(kes.priceId()).size()).isZero());

        assertThat(sync.sync().block()).isEqualTo(card.size());

        for (CatalogPrice price : card) {
            assertThat(stripePrices(price.priceId()).get(0).get("id").asText())
                    .isEqualTo(sync.stripePrice(price.priceId()).orElseThrow());
        }
    }

    private JsonNode stripePrices(String lookupKey) {
        return sandbox.stripeGet("/v1/prices?lookup_keys[0]=" + lookupKey).get("data");
    }
}
