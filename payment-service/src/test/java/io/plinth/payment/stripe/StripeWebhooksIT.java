package io.plinth.payment.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plinth.events.EventEnvelope;
import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.payment.support.StripeFlows;
import io.plinth.payment.support.Sandbox;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Stripe's side of a card payment: pay on the sandbox's hosted page, then deliver the events the
 * sandbox raised the way the ingress does ({@code webhook.received} on Kafka).
 */
class StripeWebhooksIT extends StripeFlows {

    @Test
    void aPaidCheckoutCompletesThePaymentAndPublishesPaymentSucceededWithTheCredits() {
        Checkout checkout = checkout("credits-50-usd");

        assertThat(sandbox.payCheckout(checkout.url(), "4242 4242 4242 4242")).isEqualTo(303);
        List<String> events = sandbox.stripeEventsAbout(checkout.paymentId(), checkout.sessionId());
        assertThat(events).extracting(e -> type(e))
                .contains("payment_intent.succeeded", "checkout.session.completed");
        events.forEach(e -> webhooks.publish("stripe", e));

        await().atMost(SETTLES).until(() -> "completed".equals(paymentStatus(checkout.paymentId())));
        await().atMost(SETTLES).until(() -> outboxEvents(checkout.paymentId(), "payment.succeeded") == 1);
        JsonNode event = succeededEvent(checkout.paymentId());
        assertThat(event.get("tenantId").asText()).isEqualTo(TENANT);
        assertThat(event.get("data").get("userId").asText()).isEqualTo(checkout.user());
        assertThat(event.get("data").get("credits").asLong()).isEqualTo(50);
        assertThat(event.get("data").get("amountMinor").asLong()).isEqualTo(2000);
        assertThat(event.get("data").get("provider").asText()).isEqualTo("stripe");
        assertThat(event.get("data").get("productId").asText()).isEqualTo("credits-50");
        PaymentSucceeded published = publishedSucceeded(checkout.paymentId());
        assertThat(published.credits()).isEqualTo(50);
        assertThat(published.tier()).isNull();
        assertThat(published.entitlements()).isEmpty();
        assertThat(published.userId()).isEqualTo(checkout.user());
        http.get().uri("/api/v1/payments/" + checkout.paymentId()).headers(h -> h.setBearerAuth(tokenFor(checkout.user())))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("completed");
    }

    @Test
    void anEntitlementPurchaseSaysWhatItUnlocksAndGrantsNoCredits() {
        Checkout checkout = checkout("export-4k-usd");

        payAndDeliver(checkout);

        await().atMost(SETTLES).until(() -> outboxEvents(checkout.paymentId(), "payment.succeeded") == 1);
        JsonNode event = succeededEvent(checkout.paymentId());
        assertThat(event.get("data").get("entitlement").asText()).isEqualTo("feature:export_4k");
        assertThat(event.get("data").get("credits").asLong()).isZero();
        PaymentSucceeded published = publishedSucceeded(checkout.paymentId());
        assertThat(published.entitlements()).containsExactly("feature:export_4k");
        assertThat(published.entitlement()).isEqualTo("feature:export_4k");
        assertThat(published.credits()).isZero();
        assertThat(published.tier()).isNull();
    }

    @Test
    void theSameWebhooksTenTimesInAnyOrderGrantOnce() {
        Checkout checkout = checkout("credits-10-usd");
        sandbox.payCheckout(checkout.url(), "4242424242424242");
        List<String> events = sandbox.stripeEventsAbout(checkout.paymentId(), checkout.sessionId());

        // Ten deliveries of every event, as Stripe's retries would bring them: newest first, then shuffled,
        // some as the same envelope again (a Kafka redelivery), some as new envelopes (an ingress replay).
        List<EventEnvelope> deliveries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (String event : events) {
                deliveries.add(webhooks.envelope("stripe", event));
            }
        }
        Collections.reverse(deliveries);
        Collections.shuffle(deliveries, new java.util.Random(13));
        deliveries.forEach(webhooks::publish);
        deliveries.subList(0, 5).forEach(webhooks::publish);

        awaitHandled(deliveries);
        assertThat(paymentStatus(checkout.paymentId())).isEqualTo("completed");
        assertThat(outboxEvents(checkout.paymentId(), "payment.succeeded")).isEqualTo(1);
        assertThat(outboxEvents(checkout.paymentId(), "payment.failed")).isZero();
    }

    @Test
    void aDeclinedCardFailsThePaymentWithoutCreditsAndALaterGoodCardStillCompletesIt() {
        Checkout checkout = checkout("credits-10-usd");

        assertThat(sandbox.payCheckout(checkout.url(), "4000 0000 0000 0002")).isEqualTo(402);
        sandbox.stripeEventsAbout(checkout.paymentId(), checkout.sessionId()).forEach(e -> webhooks.publish("stripe", e));

        await().atMost(SETTLES).until(() -> "failed".equals(paymentStatus(checkout.paymentId())));
        await().atMost(SETTLES).until(() -> outboxEvents(checkout.paymentId(), "payment.failed") == 1);
        assertThat(outboxEvents(checkout.paymentId(), "payment.succeeded")).isZero();
        assertThat(query("SELECT failure_reason FROM payments WHERE id = ?::uuid", checkout.paymentId()).get(0).get(0))
                .isEqualTo("generic_decline");

        // Checkout keeps the session open after a decline; the buyer tries another card.
        assertThat(sandbox.payCheckout(checkout.url(), "4242 4242 4242 4242")).isEqualTo(303);
        sandbox.stripeEventsAbout(checkout.paymentId(), checkout.sessionId()).forEach(e -> webhooks.publish("stripe", e));

        await().atMost(SETTLES).until(() -> "completed".equals(paymentStatus(checkout.paymentId())));
        await().atMost(SETTLES).until(() -> outboxEvents(checkout.paymentId(), "payment.succeeded") == 1);
    }

    @Test
    void insufficientFundsFailsWithItsReason() {
        Checkout checkout = checkout("credits-10-usd");

        assertThat(sandbox.payCheckout(checkout.url(), "4000000000009995")).isEqualTo(402);
        sandbox.stripeEventsAbout(checkout.paymentId(), checkout.sessionId()).forEach(e -> webhooks.publish("stripe", e));

        await().atMost(SETTLES).until(() -> "failed".equals(paymentStatus(checkout.paymentId())));
        assertThat(query("SELECT failure_reason FROM payments WHERE id = ?::uuid", checkout.paymentId()).get(0).get(0))
                .isEqualTo("insufficient_funds");
    }

    @Test
    void aFailureReportedAfterTheSuccessIsRefusedAndTheCreditsStay() {
        Checkout checkout = checkout("credits-10-usd");
        sandbox.payCheckout(checkout.url(), "4000000000000002");
        List<String> failed = sandbox.stripeEventsAbout(checkout.paymentId(), checkout.sessionId());
        sandbox.payCheckout(checkout.url(), "4242424242424242");
        List<String> all = sandbox.stripeEventsAbout(checkout.paymentId(), checkout.sessionId());
        List<String> succeeded = all.stream().filter(e -> !failed.contains(e)).toList();

        succeeded.forEach(e -> webhooks.publish("stripe", e));
        await().atMost(SETTLES).until(() -> "completed".equals(paymentStatus(checkout.paymentId())));
        List<EventEnvelope> late = failed.stream().map(e -> webhooks.envelope("stripe", e)).toList();
        late.forEach(webhooks::publish);

        awaitHandled(late);
        assertThat(paymentStatus(checkout.paymentId())).isEqualTo("completed");
        assertThat(outboxEvents(checkout.paymentId(), "payment.failed")).isZero();
        assertThat(outboxEvents(checkout.paymentId(), "payment.succeeded")).isEqualTo(1);
    }

    @Test
    void webhooksAboutPaymentsWeNeverCreatedOrThatAreNotStripeEventsAreIgnored() {
        String unknownId = java.util.UUID.randomUUID().toString();
        String unknownPayment = """
                {"id":"evt_unknown_%s","object":"event","api_version":"2026-07-29.dahlia","created":1,"type":"payment_intent.succeeded",
                 "data":{"object":{"id":"pi_x","object":"payment_intent","amount":500,"amount_received":500,"currency":"usd",
                 "metadata":{"paymentId":"%s"}}}}""".formatted(System.nanoTime(), unknownId);
        String noPaymentId = """
                {"id":"evt_nometa_%s","object":"event","api_version":"2026-07-29.dahlia","created":1,"type":"payment_intent.succeeded",
                 "data":{"object":{"id":"pi_y","object":"payment_intent","amount":500,"currency":"usd","metadata":{}}}}"""
                .formatted(System.nanoTime());
        String garbage = "{\"id\":\"evt_garbage_" + System.nanoTime() + "\",\"type\":\"payment_intent.succeeded\",\"data\":42}";
        List<EventEnvelope> envelopes = List.of(webhooks.envelope("stripe", unknownPayment),
                webhooks.envelope("stripe", noPaymentId), webhooks.envelope("stripe", garbage));

        envelopes.forEach(webhooks::publish);

        awaitHandled(envelopes);
        assertThat(count("SELECT count(*) FROM outbox WHERE key = ?", unknownId)).isZero();
        assertThat(count("SELECT count(*) FROM payments WHERE id = ?::uuid", unknownId)).isZero();
        assertThat(count("SELECT count(*) FROM provider_events WHERE event_id = ?",
                Sandbox.json(unknownPayment).get("id").asText())).isEqualTo(1);
    }

    private JsonNode succeededEvent(String paymentId) {
        return Sandbox.json((String) query(
                "SELECT event::text FROM outbox WHERE key = ? AND event->>'type' = 'payment.succeeded'", paymentId)
                .get(0).get(0));
    }

}
