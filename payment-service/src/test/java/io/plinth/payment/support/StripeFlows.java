package io.plinth.payment.support;

import static org.awaitility.Awaitility.await;

import io.plinth.events.EventEnvelope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Checkout, pay, deliver: the steps the Stripe tests share. */
public abstract class StripeFlows extends IntegrationTestBase {

    protected static final Duration SETTLES = Duration.ofSeconds(30);

    protected record Checkout(String user, String paymentId, String sessionId, String url) {
    }

    protected Checkout checkout(String priceId, String mode) {
        String user = newUser();
        JsonNode body = http.post().uri("/api/v1/payments/checkout")
                .headers(h -> h.setBearerAuth(tokenFor(user)))
                .header("Idempotency-Key", "it-" + user)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("priceId", priceId, "mode", mode, "successUrl", "https://app.example.com/ok",
                        "cancelUrl", "https://app.example.com/cancel"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        return new Checkout(user, body.get("paymentId").asText(), body.get("sessionId").asText(), body.get("url").asText());
    }

    protected Checkout checkout(String priceId) {
        return checkout(priceId, "payment");
    }

    /** Delivers the events as the ingress would and waits until every one went through the inbox. */
    protected void deliver(List<String> rawEvents) {
        List<EventEnvelope> envelopes = rawEvents.stream().map(e -> webhooks.envelope("stripe", e)).toList();
        envelopes.forEach(webhooks::publish);
        awaitHandled(envelopes);
    }

    /** Every one of these envelopes went through the inbox (applied or skipped as a duplicate). */
    protected void awaitHandled(List<EventEnvelope> envelopes) {
        List<String> ids = envelopes.stream().map(EventEnvelope::id).distinct().toList();
        await().atMost(SETTLES).until(() -> ids.stream()
                .allMatch(id -> count("SELECT count(*) FROM inbox WHERE event_id = ?", id) == 1));
    }

    /** Pays the checkout with the good test card and delivers its events: the payment is completed. */
    protected List<String> payAndDeliver(Checkout checkout) {
        sandbox.payCheckout(checkout.url(), "4242 4242 4242 4242");
        List<String> events = sandbox.stripeEventsAbout(checkout.paymentId(), checkout.sessionId());
        deliver(events);
        return events;
    }

    protected static String type(String rawEvent) {
        return Sandbox.json(rawEvent).get("type").asText();
    }
}
