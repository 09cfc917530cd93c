package io.plinth.payment.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.payment.support.Sandbox;
import io.plinth.payment.support.StripeFlows;
import io.plinth.test.security.TestTokens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

class RefundsIT extends StripeFlows {

    private final String admin = TestTokens.admin("admin-" + UUID.randomUUID()).sign();

    @Test
    void aPartialThenAFullRefundMoveThePaymentAndPublishTheCumulativeTotals() {
        Checkout checkout = checkout("credits-50-usd");
        List<String> paid = payAndDeliver(checkout);

        refund(checkout.paymentId(), admin, Map.of("amount", 500)).expectStatus().isAccepted()
                .expectBody().jsonPath("$.amount").isEqualTo(500).jsonPath("$.refundId").value(id ->
                        assertThat(id).asString().startsWith("re_"));
        List<String> first = sandbox.newEventsAbout(checkout.paymentId(), checkout.sessionId(), paid);
        assertThat(first).extracting(e -> type(e)).containsExactly("charge.refunded");
        deliver(first);

        assertThat(paymentStatus(checkout.paymentId())).isEqualTo("partially_refunded");
        refund(checkout.paymentId(), admin, Map.of()).expectStatus().isAccepted()
                .expectBody().jsonPath("$.amount").isEqualTo(1500);
        List<String> seen = new ArrayList<>(paid);
        seen.addAll(first);
        deliver(sandbox.newEventsAbout(checkout.paymentId(), checkout.sessionId(), seen));

        assertThat(paymentStatus(checkout.paymentId())).isEqualTo("refunded");
        assertThat(refundedTotals(checkout.paymentId())).containsExactly(500L, 2000L);
        JsonNode last = Sandbox.json((String) query("SELECT event::text FROM outbox WHERE key = ? AND "
                + "event->>'type' = 'payment.refunded' ORDER BY id DESC LIMIT 1", checkout.paymentId()).get(0).get(0));
        assertThat(last.get("data").get("refundedMinor").asLong()).isEqualTo(1500);
        assertThat(last.get("data").get("credits").asLong()).isEqualTo(50);
        assertThat(last.get("data").get("amountMinor").asLong()).isEqualTo(2000);
        refund(checkout.paymentId(), admin, Map.of()).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("payment_not_refundable");
    }

    @Test
    void refundEventsOutOfOrderAndBeforeThePaymentItselfSettleOnTheLargestTotal() {
        Checkout checkout = checkout("credits-10-usd");
        sandbox.payCheckout(checkout.url(), "4242 4242 4242 4242");
        List<String> paid = sandbox.stripeEventsAbout(checkout.paymentId(), checkout.sessionId());
        String intent = Sandbox.json(paid.get(0)).get("data").get("object").path("payment_intent").asText();
        // Refund through Stripe before payment-service has heard of the payment (a dashboard refund would do it).
        sandbox.stripePost("/v1/refunds", "payment_intent=" + pi(paid, intent) + "&amount=200");
        sandbox.stripePost("/v1/refunds", "payment_intent=" + pi(paid, intent) + "&amount=300");
        List<String> refunds = sandbox.newEventsAbout(checkout.paymentId(), checkout.sessionId(), paid);
        List<String> reversed = new ArrayList<>(refunds);
        Collections.reverse(reversed);

        deliver(reversed);
        deliver(paid);

        assertThat(paymentStatus(checkout.paymentId())).isEqualTo("refunded");
        assertThat(outboxEvents(checkout.paymentId(), "payment.succeeded")).isEqualTo(1);
        assertThat(refundedTotals(checkout.paymentId())).containsExactly(500L);
    }

    @Test
    void aRefundLargerThanWhatIsLeftIsA422AndStripeIsNotAsked() {
        Checkout checkout = checkout("credits-10-usd");
        List<String> paid = payAndDeliver(checkout);

        refund(checkout.paymentId(), admin, Map.of("amount", 501)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("amount")
                .jsonPath("$.errors[0].code").isEqualTo("exceeds_refundable");
        refund(checkout.paymentId(), admin, Map.of("amount", 0)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("amount");
        refund(checkout.paymentId(), admin, Map.of("amount", "lots")).expectStatus().isBadRequest();

        assertThat(sandbox.newEventsAbout(checkout.paymentId(), checkout.sessionId(), paid)).isEmpty();
        assertThat(paymentStatus(checkout.paymentId())).isEqualTo("completed");
    }

    @Test
    void onlyTheTenantsAdminsRefundAndPendingPaymentsAreNotRefundable() {
        Checkout checkout = checkout("credits-10-usd");

        refund(checkout.paymentId(), tokenFor(checkout.user()), Map.of()).expectStatus().isForbidden();
        refund(checkout.paymentId(), TestTokens.admin("a-other").tenant("other-tenant").sign(), Map.of())
                .expectStatus().isNotFound();
        refund(checkout.paymentId(), admin, Map.of()).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("payment_not_refundable");
        refund(UUID.randomUUID().toString(), admin, Map.of()).expectStatus().isNotFound();
    }

    private WebTestClient.ResponseSpec refund(String paymentId, String token, Map<String, ?> body) {
        return http.post().uri("/api/v1/admin/payments/" + paymentId + "/refund")
                .headers(h -> h.setBearerAuth(token))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private List<Long> refundedTotals(String paymentId) {
        return query("SELECT (event->'data'->>'totalRefundedMinor')::bigint FROM outbox WHERE key = ? AND "
                + "event->>'type' = 'payment.refunded' ORDER BY id", paymentId).stream()
                .map(row -> ((Number) row.get(0)).longValue()).toList();
    }

    private static String pi(List<String> events, String fromSession) {
        if (!fromSession.isEmpty() && !fromSession.equals("null")) {
            return fromSession;
        }
        return events.stream().map(Sandbox::json)
                .filter(e -> e.get("type").asText().startsWith("payment_intent."))
                .map(e -> e.get("data").get("object").get("id").asText())
                .findFirst().orElseThrow();
    }
}
