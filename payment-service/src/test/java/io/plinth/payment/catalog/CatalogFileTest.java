package io.plinth.payment.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plinth.payment.catalog.CatalogPrice.Mode;
import io.plinth.payment.catalog.CatalogPrice.ProductKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CatalogFileTest {

    @Test
    void theBundledCatalogSellsCreditPackagesTierPlansAndEntitlements() throws IOException {
        Catalog catalog;
        try (InputStream in = getClass().getResourceAsStream("/catalog.yml")) {
            catalog = CatalogFile.read(in, "catalog.yml");
        }

        CatalogPrice tenUsd = catalog.price("credits-10-usd").orElseThrow();
        assertThat(tenUsd.kind()).isEqualTo(ProductKind.CREDITS);
        assertThat(tenUsd.credits()).isEqualTo(10);
        assertThat(tenUsd.currency()).isEqualTo("usd");
        assertThat(tenUsd.providers()).containsExactlyInAnyOrder("stripe", "pipit");
        assertThat(catalog.price("credits-10-kes").orElseThrow().providers()).containsExactly("mpesa");
        assertThat(catalog.price("pro-monthly-usd").orElseThrow().mode()).isEqualTo(Mode.SUBSCRIPTION);
        assertThat(catalog.price("premium-monthly-usd").orElseThrow().tier()).isEqualTo("premium");
        assertThat(catalog.price("export-4k-usd").orElseThrow().entitlement()).isEqualTo("feature:export_4k");
        assertThat(catalog.price("course-intro-to-video-usd").orElseThrow().entitlement())
                .isEqualTo("course:intro-to-video");
        assertThat(catalog.price("nope")).isEmpty();
    }

    @Test
    void aTierPlanMustBeMonthly() {
        assertThatThrownBy(() -> read("""
                products:
                  - {id: p, name: P, kind: tier, tier: pro, prices: [{id: x, amount: 100, currency: usd, providers: [stripe]}]}
                """)).hasMessageContaining("products[0].prices[0]").hasMessageContaining("interval: month");
    }

    @Test
    void mpesaTakesWholeShillingsOnly() {
        assertThatThrownBy(() -> read("""
                products:
                  - {id: c, name: C, kind: credits, credits: 5, prices: [{id: x, amount: 150, currency: usd, providers: [mpesa]}]}
                """)).hasMessageContaining("M-Pesa takes one-off KES prices only");
        assertThatThrownBy(() -> read("""
                products:
                  - {id: c, name: C, kind: credits, credits: 5, prices: [{id: x, amount: 150, currency: kes, providers: [mpesa]}]}
                """)).hasMessageContaining("whole shillings");
    }

    @Test
    void mistakesNameTheProductAndField() {
        assertThatThrownBy(() -> read("""
                products:
                  - {id: c, name: C, kind: credits, credits: -5, prices: [{id: x, amount: 100, currency: usd, providers: [stripe]}]}
                """)).hasMessage("test: products[0].credits must be a positive whole number");
        assertThatThrownBy(() -> read("""
                products:
                  - {id: e, name: E, kind: entitlement, entitlement: "admin", prices: [{id: x, amount: 100, currency: usd, providers: [stripe]}]}
                """)).hasMessageContaining("products[0].entitlement");
        assertThatThrownBy(() -> read("""
                products:
                  - {id: c, name: C, kind: credits, credits: 1, prices: [{id: x, amount: 100, currency: usd, providers: [paypal]}]}
                """)).hasMessageContaining("unknown provider paypal");
        assertThatThrownBy(() -> read("""
                products:
                  - {id: a, name: A, kind: credits, credits: 1, prices: [{id: x, amount: 100, currency: usd, providers: [stripe]}]}
                  - {id: b, name: B, kind: credits, credits: 2, prices: [{id: x, amount: 200, currency: usd, providers: [stripe]}]}
                """)).hasMessageContaining("price x twice");
    }

    private static Catalog read(String yaml) throws IOException {
        return CatalogFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
