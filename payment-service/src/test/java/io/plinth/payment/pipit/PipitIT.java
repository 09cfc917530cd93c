package io.plinth.payment.pipit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plinth.events.EventEnvelope;
import io.plinth.events.EventFactory;
import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.events.webhook.WebhookReceived;
import io.plinth.payment.support.IntegrationTestBase;
import io.plinth.payment.support.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Pipit against the sandbox: the hosted page pays, its signed events arrive as the ingress publishes them. */
class PipitIT extends IntegrationTestBase {

    private static final Duration SETTLES = Duration.ofSeconds(30);

    record Started(String user, String paymentId, String paymentUrl) {
    }

    @AfterEach
    void pipitUpAgain() {
        sandbox.clearFault("pipit");
    }

    @Test
    void aPaidPipitPaymentCompletesOnceAndAnAdminRefundFollows() throws Exception {
        Started started = start("credits-50-usd", Map.of("email", "ada@example.com", "name", "Ada"));

        assertThat(payPage(started.paymentUrl(), "4242 4242 4242 4242")).isEqualTo(303);
        List<String> events = pipitEventsAbout(started.paymentId());
        assertThat(events).extracting(e -> Sandbox.json(e).get("type").asText()).containsExactly("payment.completed");
        deliver(events);
        deliver(events);

        assertThat(paymentStatus(started.paymentId())).isEqualTo("completed");
        assertThat(outboxEvents(started.paymentId(), "payment.succeeded")).isEqualTo(1);
        JsonNode atPipit = Sandbox.json(events.get(0)).get("data");
        assertThat(atPipit.get("amount").asLong()).isEqualTo(2000);
        assertThat(atPipit.get("customer").get("email").asText()).isEqualTo("ada@example.com");
        PaymentSucceeded published = publishedSucceeded(started.paymentId());
        assertThat(published.credits()).isEqualTo(50);
        assertThat(published.provider()).isEqualTo("pipit");
        assertThat(published.entitlements()).isEmpty();

        http.post().uri("/api/v1/admin/payments/" + started.paymentId() + "/refund")
                .headers(h -> h.setBearerAuth(io.plinth.test.security.TestTokens.admin("admin-pipit").sign()))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("amount", 500))
                .exchange().expectStatus().isAccepted();
        List<String> after = new ArrayList<>(pipitEventsAbout(started.paymentId()));
        after.removeAll(events);
        deliver(after);

        assertThat(paymentStatus(started.paymentId())).isEqualTo("partially_refunded");
        assertThat(outboxEvents(started.paymentId(), "payment.refunded")).isEqualTo(1);
    }

    @Test
    void aDeclinedCardFailsThePipitPaymentWithoutCredits() throws Exception {
        Started started = start("credits-10-usd", null);

        assertThat(payPage(started.paymentUrl(), "4000 0000 0000 0002")).isEqualTo(402);
        deliver(pipitEventsAbout(started.paymentId()));

        assertThat(paymentStatus(started.paymentId())).isEqualTo("failed");
        assertThat(outboxEvents(started.paymentId(), "payment.failed")).isEqualTo(1);
        assertThat(outboxEvents(started.paymentId(), "payment.succeeded")).isZero();
    }

    @Test
    void badInputIs422NamingTheFieldWithNothingWritten() {
        String user = newUser();
        pipit(user, body("nope", null, "https://a.example/ok")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("priceId");
        pipit(user, body("credits-10-kes", null, "https://a.example/ok")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("price_not_available");
        pipit(user, body("pro-monthly-usd", null, "https://a.example/ok")).expectStatus().isEqualTo(422);
        pipit(user, body("credits-10-usd", Map.of("email", "not-an-email"), "https://a.example/ok"))
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("customer.email");
        pipit(user, body("credits-10-usd", null, "data:text/html,hi")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("successUrl");

        assertThat(count("SELECT count(*) FROM payments WHERE user_id = ?", user)).isZero();
    }

    @Test
    void aBasketIsOnePaymentForTheSumOfItsLinesAndGrantsEveryCreditAndEntitlementOnce() throws Exception {
        String user = newUser();
        JsonNode created = pipit(user, basket(List.of(item("credits-10-usd", 2), item("credits-50-usd", null),
                item("export-4k-usd", 1), item("course-intro-to-video-usd", 1)))).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        String paymentId = created.get("paymentId").asText();

        assertThat(payPage(created.get("paymentUrl").asText(), "4242 4242 4242 4242")).isEqualTo(303);
        List<String> events = pipitEventsAbout(paymentId);
        JsonNode atPipit = Sandbox.json(events.get(0)).get("data");
        assertThat(atPipit.get("amount").asLong()).isEqualTo(2 * 500 + 2000 + 499 + 2900);
        assertThat(atPipit.get("items")).extracting(line -> line.get("price_id").asText() + "×" + line.get("quantity").asInt())
                .containsExactly("credits-10-usd×2", "credits-50-usd×1", "export-4k-usd×1", "course-intro-to-video-usd×1");
        deliver(events);
        deliver(events);

        assertThat(outboxEvents(paymentId, "payment.succeeded")).isEqualTo(1);
        PaymentSucceeded published = publishedSucceeded(paymentId);
        assertThat(published.credits()).isEqualTo(2 * 10 + 50);
        assertThat(published.amountMinor()).isEqualTo(6399);
        assertThat(published.entitlements()).containsExactly("feature:export_4k", "course:intro-to-video");
        assertThat(published.priceId()).isEqualTo("basket");
        http.get().uri("/api/v1/payments/" + paymentId).headers(h -> h.setBearerAuth(tokenFor(user))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("completed")
                .jsonPath("$.kind").isEqualTo("basket")
                .jsonPath("$.credits").isEqualTo(70)
                .jsonPath("$.items.length()").isEqualTo(4)
                .jsonPath("$.items[0].priceId").isEqualTo("credits-10-usd")
                .jsonPath("$.items[0].quantity").isEqualTo(2)
                .jsonPath("$.entitlements.length()").isEqualTo(2);
    }

    @Test
    void aBadBasketIs422NamingTheLineWithNothingWrittenAndPipitNeverAsked() {
        String user = newUser();
        // The next call that reaches Pipit fails: if a bad basket got through, the good one below would not see it.
        sandbox.armFault("pipit", 502, 1, 0);

        Map<String, Object> both = basket(List.of(item("credits-10-usd", 1)));
        both.put("priceId", "credits-10-usd");
        expectPipitField(user, both, "items", "exactly_one");
        Map<String, Object> neither = basket(List.of());
        neither.remove("items");
        expectPipitField(user, neither, "priceId", "required");
        expectPipitField(user, basket(List.of()), "items", "min");
        expectPipitField(user, basket(List.of(item("credits-10-usd", 1), item("nope", 1))), "items[1].priceId",
                "unknown_price");
        expectPipitField(user, basket(List.of(item("credits-10-usd", 0))), "items[0].quantity", "min");
        expectPipitField(user, basket(List.of(item("credits-10-usd", 1), item("export-4k-usd", 101))),
                "items[1].quantity", "max");
        expectPipitField(user, basket(List.of(item("credits-10-usd", 1), item("credits-10-usd", 2))),
                "items[1].priceId", "duplicate_price");
        expectPipitField(user, basket(List.of(item("credits-10-usd", 1), item("pro-monthly-usd", 1))),
                "items[1].priceId", "mode_mismatch");
        expectPipitField(user, basket(List.of(item("credits-10-kes", 1))), "items[0].priceId", "price_not_available");
        expectPipitField(user, basket(java.util.stream.IntStream.range(0, 21).mapToObj(i -> item("credits-10-usd", 1))
                .toList()), "items", "size");
        Map<String, Object> withQuantity = basket(List.of(item("credits-10-usd", 1)));
        withQuantity.put("quantity", 2);
        expectPipitField(user, withQuantity, "quantity", "exactly_one");

        assertThat(count("SELECT count(*) FROM payments WHERE user_id = ?", user)).isZero();
        pipit(user, basket(List.of(item("credits-10-usd", 1)))).expectStatus().isEqualTo(503);
        assertThat(count("SELECT count(*) FROM payments WHERE user_id = ?", user)).isZero();
    }

    @Test
    void pipitDownIsA503WithNothingWritten() {
        String user = newUser();
        sandbox.armFault("pipit", 502, 1, 0);

        pipit(user, body("credits-10-usd", null, "https://a.example/ok"), "k-" + user).expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After");
        assertThat(count("SELECT count(*) FROM payments WHERE user_id = ?", user)).isZero();

        pipit(user, body("credits-10-usd", null, "https://a.example/ok"), "k-" + user).expectStatus().isCreated();
    }

    private Started start(String priceId, Map<String, String> customer) {
        String user = newUser();
        JsonNode body = pipit(user, body(priceId, customer, "https://app.example.com/ok")).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        return new Started(user, body.get("paymentId").asText(), body.get("paymentUrl").asText());
    }

    private static Map<String, Object> body(String priceId, Map<String, String> customer, String successUrl) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("priceId", priceId);
        body.put("successUrl", successUrl);
        body.put("cancelUrl", "https://app.example.com/cancel");
        if (customer != null) {
            body.put("customer", customer);
        }
        return body;
    }

    private static Map<String, Object> basket(List<Map<String, Object>> items) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("items", items);
        body.put("successUrl", "https://app.example.com/ok");
        body.put("cancelUrl", "https://app.example.com/cancel");
        return body;
    }

    private static Map<String, Object> item(String priceId, Integer quantity) {
        Map<String, Object> item = new java.util.LinkedHashMap<>();
        item.put("priceId", priceId);
        if (quantity != null) {
            item.put("quantity", quantity);
        }
        return item;
    }

    private void expectPipitField(String user, Map<String, Object> body, String field, String code) {
        pipit(user, body).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors[?(@.field == '" + field + "')].code").isEqualTo(code);
    }

    private WebTestClient.ResponseSpec pipit(String user, Map<String, Object> body) {
        return pipit(user, body, UUID.randomUUID().toString());
    }

    private WebTestClient.ResponseSpec pipit(String user, Map<String, Object> body, String key) {
        return http.post().uri("/api/v1/payments/pipit").headers(h -> h.setBearerAuth(tokenFor(user)))
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private int payPage(String url, String card) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("card_number=" + card.replace(' ', '+')))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The raw JSON of the sandbox's Pipit events about our payment, oldest first. */
    private List<String> pipitEventsAbout(String paymentId) {
        List<String> events = new ArrayList<>();
        for (JsonNode event : sandbox.stripeGetRaw("/_sandbox/pipit/events?limit=100").get("data")) {
            String body = event.get("body").asText();
            if (body.contains(paymentId)) {
                events.add(0, body);
            }
        }
        return events;
    }

    private void deliver(List<String> rawEvents) {
        List<EventEnvelope> envelopes = rawEvents.stream().map(raw -> {
            JsonNode event = Sandbox.json(raw);
            return new EventFactory("plinth/integration-service").create(event.get("data").get("id").asText(), null,
                    new WebhookReceived("pipit", event.get("id").asText(), event.get("type").asText(), raw, Instant.now()));
        }).toList();
        envelopes.forEach(webhooks::publish);
        await().atMost(SETTLES).until(() -> envelopes.stream()
                .allMatch(e -> count("SELECT count(*) FROM inbox WHERE event_id = ?", e.id()) == 1));
    }
}
