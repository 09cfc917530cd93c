package io.plinth.payment.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.payment.support.StripeFlows;
import io.plinth.test.security.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** GET /api/v1/admin/payments and /{paymentId}: the console's Payments page. */
class AdminPaymentListIT extends StripeFlows {

    private final String admin = TestTokens.admin("admin-" + UUID.randomUUID()).sign();

    @Test
    void anAdminListsTheTenantsPaymentsByStatusAndUserNewestFirstAPageAtATime() {
        Checkout paid = checkout("credits-10-usd");
        payAndDeliver(paid);
        Checkout pending = checkout("credits-10-usd");

        List<String> completed = ids("/api/v1/admin/payments?status=completed&provider=stripe&userId=" + paid.user());
        assertThat(completed).containsExactly(paid.paymentId());
        assertThat(ids("/api/v1/admin/payments?status=pending&userId=" + pending.user())).containsExactly(pending.paymentId());
        assertThat(ids("/api/v1/admin/payments?limit=5")).contains(pending.paymentId(), paid.paymentId());
        http.get().uri("/api/v1/admin/payments/" + paid.paymentId()).header("Authorization", "Bearer " + admin)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("completed").jsonPath("$.refundedAmount").isEqualTo(0);
    }

    @Test
    void othersAreRefusedAnotherTenantSeesNothingAndBadFiltersAre422() {
        Checkout mine = checkout("credits-10-usd");
        String otherAdmin = TestTokens.admin("a-other").tenant("other-tenant").sign();

        http.get().uri("/api/v1/admin/payments").header("Authorization", "Bearer " + tokenFor(mine.user()))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/v1/admin/payments/" + mine.paymentId()).header("Authorization", "Bearer " + otherAdmin)
                .exchange().expectStatus().isNotFound();
        http.get().uri("/api/v1/admin/payments?userId=" + mine.user()).header("Authorization", "Bearer " + otherAdmin)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
        for (String bad : List.of("status=paid", "provider=paypal", "limit=0", "limit=x", "cursor=nonsense")) {
            http.get().uri("/api/v1/admin/payments?" + bad).header("Authorization", "Bearer " + admin)
                    .exchange().expectStatus().isEqualTo(422)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo(bad.substring(0, bad.indexOf('=')));
        }
    }

    /** Every page, following nextCursor. */
    @SuppressWarnings("unchecked")
    private List<String> ids(String path) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            String uri = cursor == null ? path : path + (path.contains("?") ? "&" : "?") + "cursor=" + cursor;
            Map<String, Object> page = http.get().uri(uri).header("Authorization", "Bearer " + admin)
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            ((List<Map<String, Object>>) page.get("items")).forEach(p -> ids.add((String) p.get("paymentId")));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        return ids;
    }
}
