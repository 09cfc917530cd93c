package io.plinth.payment.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.payment.support.Sandbox;
import io.plinth.payment.support.StripeFlows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SubscriptionsIT extends StripeFlows {

    @Test
    void aPaidPlanActivatesTheTierOnceCancelKeepsItUntilThePeriodEndsThenItIsCanceledOnce() {
        Checkout checkout = checkout("pro-monthly-usd", "subscription");
        sandbox.payCheckout(checkout.url(), "4242 4242 4242 4242");
        List<String> events = new ArrayList<>(sandbox.stripeEventsAbout(checkout.paymentId(), checkout.sessionId()));
        assertThat(events).extracting(e -> type(e)).containsExactlyInAnyOrder("customer.subscription.created",
                "invoice.paid", "checkout.session.completed");
        Collections.reverse(events);
        deliver(events);
        deliver(events);

        String subscriptionId = subscriptionId(events);
        assertThat(outboxEvents(subscriptionId, "subscription.activated")).isEqualTo(1);
        JsonNode activated = outboxEvent(subscriptionId, "subscription.activated");
        assertThat(activated.get("data").get("tier").asText()).isEqualTo("pro");
        assertThat(activated.get("data").get("userId").asText()).isEqualTo(checkout.user());
        assertThat(activated.get("data").get("currentPeriodEnd").isNull()).isFalse();
        assertThat(paymentStatus(checkout.paymentId())).isEqualTo("completed");
        // The first invoice is the checkout's payment: it says which tier it bought; the tier itself moves on the
        // subscription events (renewals extend the period through subscription.activated, not new payments).
        PaymentSucceeded firstInvoice = publishedSucceeded(checkout.paymentId());
        assertThat(firstInvoice.tier()).isEqualTo("pro");
        assertThat(firstInvoice.credits()).isZero();
        assertThat(firstInvoice.entitlements()).isEmpty();
        assertThat(firstInvoice.amountMinor()).isEqualTo(999);
        http.get().uri("/api/v1/payments/subscriptions").headers(h -> h.setBearerAuth(tokenFor(checkout.user())))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].subscriptionId").isEqualTo(subscriptionId)
                .jsonPath("$.items[0].status").isEqualTo("active")
                .jsonPath("$.items[0].tier").isEqualTo("pro");

        http.post().uri("/api/v1/payments/subscriptions/" + subscriptionId + "/cancel")
                .headers(h -> h.setBearerAuth(tokenFor(newUser()))).exchange().expectStatus().isNotFound();
        http.post().uri("/api/v1/payments/subscriptions/" + subscriptionId + "/cancel")
                .headers(h -> h.setBearerAuth(tokenFor(checkout.user()))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.cancelAtPeriodEnd").isEqualTo(true)
                .jsonPath("$.status").isEqualTo("active");
        List<String> updated = sandbox.newEventsAbout(checkout.paymentId(), checkout.sessionId(), events);
        assertThat(updated).extracting(e -> type(e)).containsExactly("customer.subscription.updated");
        deliver(updated);
        assertThat(outboxEvents(subscriptionId, "subscription.canceled")).isZero();

        sandbox.endSubscription(subscriptionId);
        List<String> seen = new ArrayList<>(events);
        seen.addAll(updated);
        List<String> deleted = sandbox.newEventsAbout(checkout.paymentId(), checkout.sessionId(), seen);
        assertThat(deleted).extracting(e -> type(e)).containsExactly("customer.subscription.deleted");
        deliver(deleted);
        // A late replay of the "active" reports must not bring the tier back.
        deliver(events);

        assertThat(outboxEvents(subscriptionId, "subscription.canceled")).isEqualTo(1);
        assertThat(outboxEvents(subscriptionId, "subscription.activated")).isEqualTo(1);
        assertThat(outboxEvent(subscriptionId, "subscription.canceled").get("data").get("tier").asText()).isEqualTo("pro");
        http.get().uri("/api/v1/payments/subscriptions").headers(h -> h.setBearerAuth(tokenFor(checkout.user())))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.items[0].status").isEqualTo("canceled");
        http.post().uri("/api/v1/payments/subscriptions/" + subscriptionId + "/cancel")
                .headers(h -> h.setBearerAuth(tokenFor(checkout.user()))).exchange().expectStatus().isEqualTo(409);
    }

    private static String subscriptionId(List<String> events) {
        return events.stream().map(Sandbox::json)
                .filter(e -> e.get("type").asText().equals("customer.subscription.created"))
                .map(e -> e.get("data").get("object").get("id").asText())
                .findFirst().orElseThrow();
    }

    private JsonNode outboxEvent(String key, String type) {
        return Sandbox.json((String) query("SELECT event::text FROM outbox WHERE key = ? AND event->>'type' = ?",
                key, type).get(0).get(0));
    }
}
