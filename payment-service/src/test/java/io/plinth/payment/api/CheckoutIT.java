package io.plinth.payment.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.payment.support.IntegrationTestBase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

class CheckoutIT extends IntegrationTestBase {

    private static final String OK = "https://app.example.com/paid";
    private static final String CANCEL = "https://app.example.com/cancel";

    @AfterEach
    void providerUpAgain() {
        sandbox.clearFault("stripe");
    }

    @Test
    void productsAreListedWithoutATokenWithPriceModeAndWhatTheyGrant() {
        http.get().uri("/api/v1/payments/products").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[?(@.priceId == 'credits-10-usd')].credits").isEqualTo(10)
                .jsonPath("$.items[?(@.priceId == 'credits-10-usd')].amount").isEqualTo(500)
                .jsonPath("$.items[?(@.priceId == 'credits-10-usd')].currency").isEqualTo("USD")
                .jsonPath("$.items[?(@.priceId == 'credits-10-usd')].mode").isEqualTo("payment")
                .jsonPath("$.items[?(@.priceId == 'credits-10-kes')].providers[0]").isEqualTo("mpesa")
                .jsonPath("$.items[?(@.priceId == 'pro-monthly-usd')].mode").isEqualTo("subscription")
                .jsonPath("$.items[?(@.priceId == 'pro-monthly-usd')].tier").isEqualTo("pro")
                .jsonPath("$.items[?(@.priceId == 'export-4k-usd')].entitlement").isEqualTo("feature:export_4k");
    }

    @Test
    void checkoutCreatesAStripeSessionForOneCustomerPerUserAndAPendingPayment() {
        String user = newUser();

        JsonNode first = checkout(user, "key-1", "credits-50-usd", "payment").expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode second = checkout(user, "key-2", "credits-10-usd", "payment").expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        String paymentId = first.get("paymentId").asText();
        JsonNode session = sandbox.stripeGet("/v1/checkout/sessions/" + first.get("sessionId").asText());
        assertThat(session.get("url").asText()).isEqualTo(first.get("url").asText());
        assertThat(session.get("mode").asText()).isEqualTo("payment");
        assertThat(session.get("amount_total").asLong()).isEqualTo(2000);
        assertThat(session.get("currency").asText()).isEqualTo("usd");
        assertThat(session.get("client_reference_id").asText()).isEqualTo(paymentId);
        assertThat(session.get("metadata").get("paymentId").asText()).isEqualTo(paymentId);
        assertThat(session.get("metadata").get("userId").asText()).isEqualTo(user);
        assertThat(session.get("metadata").get("tenantId").asText()).isEqualTo(TENANT);
        JsonNode otherSession = sandbox.stripeGet("/v1/checkout/sessions/" + second.get("sessionId").asText());
        assertThat(otherSession.get("customer").asText()).isEqualTo(session.get("customer").asText()).startsWith("cus_");
        assertThat(count("SELECT count(*) FROM stripe_customers WHERE user_id = ?", user)).isEqualTo(1);

        http.get().uri("/api/v1/payments/" + paymentId).headers(h -> h.setBearerAuth(tokenFor(user))).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("pending")
                .jsonPath("$.provider").isEqualTo("stripe")
                .jsonPath("$.amount").isEqualTo(2000)
                .jsonPath("$.credits").isEqualTo(50);
        http.get().uri("/api/v1/payments").headers(h -> h.setBearerAuth(tokenFor(user))).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[0].paymentId").isEqualTo(second.get("paymentId").asText());
    }

    @Test
    void theSameIdempotencyKeyAnswersTheSamePaymentAndSession() {
        String user = newUser();
        JsonNode first = checkout(user, "same", "credits-10-usd", "payment").expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        checkout(user, "same", "credits-10-usd", "payment").expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody().jsonPath("$.sessionId").isEqualTo(first.get("sessionId").asText());
        checkout(user, "same", "credits-50-usd", "payment").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("idempotency_key_reused");
        assertThat(count("SELECT count(*) FROM payments WHERE user_id = ?", user)).isEqualTo(1);
    }

    @Test
    void anotherUsersPaymentIsNotFound() {
        String owner = newUser();
        String paymentId = checkout(owner, "k", "credits-10-usd", "payment").expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("paymentId").asText();

        http.get().uri("/api/v1/payments/" + paymentId).headers(h -> h.setBearerAuth(tokenFor(newUser()))).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/v1/payments/" + paymentId)
                .headers(h -> h.setBearerAuth(io.plinth.test.security.TestTokens.user(owner).tenant("other").sign()))
                .exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/v1/payments/not-a-uuid").headers(h -> h.setBearerAuth(tokenFor(owner))).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void badInputIsA422NamingTheFieldWithNothingWrittenAndNoProviderCalled() {
        String user = newUser();
        expectField(user, body("nope", "payment", OK, CANCEL, null), "priceId", "unknown_price");
        expectField(user, body("pro-monthly-usd", "payment", OK, CANCEL, null), "mode", "mode_mismatch");
        expectField(user, body("credits-10-usd", "subscription", OK, CANCEL, null), "mode", "mode_mismatch");
        expectField(user, body("credits-10-usd", "gift", OK, CANCEL, null), "mode", "invalid_mode");
        expectField(user, body("credits-10-kes", "payment", OK, CANCEL, null), "priceId", "price_not_available");
        expectField(user, body("credits-10-usd", "payment", "javascript:alert(1)", CANCEL, null), "successUrl", "invalid_url");
        expectField(user, body("credits-10-usd", "payment", OK, "ftp://example.com/x", null), "cancelUrl", "invalid_url");
        expectField(user, body("credits-10-usd", "payment", OK, "/relative", null), "cancelUrl", "invalid_url");
        expectField(user, body("credits-10-usd", "payment", OK, CANCEL, 0), "quantity", "min");
        expectField(user, body("credits-10-usd", "payment", OK, CANCEL, 101), "quantity", "max");
        expectField(user, body("", "payment", OK, CANCEL, null), "priceId", "not_blank");

        assertThat(count("SELECT count(*) FROM payments WHERE user_id = ?", user)).isZero();
        // The first Stripe call of a checkout is the user's customer: none was made.
        assertThat(count("SELECT count(*) FROM stripe_customers WHERE user_id = ?", user)).isZero();
    }

    @Test
    void checkoutNeedsAnIdempotencyKeyAndAToken() {
        http.post().uri("/api/v1/payments/checkout").headers(h -> h.setBearerAuth(tokenFor(newUser())))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body("credits-10-usd", "payment", OK, CANCEL, null))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("idempotency_key_required");
        http.post().uri("/api/v1/payments/checkout").header("Idempotency-Key", "x")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body("credits-10-usd", "payment", OK, CANCEL, null))
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void stripeDownIsA503WithRetryAfterAndNothingWrittenThenTheRetrySucceeds() {
        String user = newUser();
        // More failures than the retry policy's attempts: the provider stays down for this request.
        sandbox.armFault("stripe", 503, 3, 0);

        checkout(user, "down", "credits-10-usd", "payment")
                .expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("provider_unavailable");
        assertThat(count("SELECT count(*) FROM payments WHERE user_id = ?", user)).isZero();

        checkout(user, "down", "credits-10-usd", "payment").expectStatus().isCreated()
                .expectBody().jsonPath("$.url").value(url -> assertThat(url).asString().contains("/c/pay/cs_test_"));
        assertThat(count("SELECT count(*) FROM payments WHERE user_id = ?", user)).isEqualTo(1);
    }

    @Test
    void aStripeThatKeepsFailingOpensTheBreakerAndLaterCheckoutsFailFastWithoutReachingIt() {
        sandbox.armFault("stripe", 503, 1000, 0);
        // Each checkout's first call (the customer) fails three times (retries): the breaker opens at its
        // minimum of 10 recorded calls, all failed, during the fourth checkout.
        for (int i = 0; i < 4; i++) {
            checkout(newUser(), "cb-" + i, "credits-10-usd", "payment").expectStatus().isEqualTo(503);
        }
        long reachedStripe = 1000 - sandbox.stripeGetRaw("/_sandbox/stripe/faults").get("times").asLong();

        checkout(newUser(), "cb-open", "credits-10-usd", "payment")
                .expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.code").isEqualTo("provider_unavailable");

        assertThat(reachedStripe).isEqualTo(10);
        assertThat(1000 - sandbox.stripeGetRaw("/_sandbox/stripe/faults").get("times").asLong()).isEqualTo(reachedStripe);
    }

    @Test
    void aFailureOrTwoIsRetriedWithTheSameStripeIdempotencyKey() {
        String user = newUser();
        sandbox.armFault("stripe", 500, 2, 0);

        checkout(user, "flaky", "credits-10-usd", "payment").expectStatus().isCreated();

        assertThat(count("SELECT count(*) FROM payments WHERE user_id = ?", user)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM stripe_customers WHERE user_id = ?", user)).isEqualTo(1);
    }

    @Test
    void aStripeThatDoesNotAnswerInTimeIsA503() {
        String user = newUser();
        sandbox.armFault("stripe", null, 3, 4_000);

        checkout(user, "slow", "credits-10-usd", "payment").expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After");
        assertThat(count("SELECT count(*) FROM payments WHERE user_id = ?", user)).isZero();
    }

    private WebTestClient.ResponseSpec checkout(String user, String key, String priceId, String mode) {
        return http.post().uri("/api/v1/payments/checkout")
                .headers(h -> h.setBearerAuth(tokenFor(user)))
                .header("Idempotency-Key", key + "-" + user)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(priceId, mode, OK, CANCEL, null))
                .exchange();
    }

    private void expectField(String user, Map<String, Object> body, String field, String code) {
        http.post().uri("/api/v1/payments/checkout")
                .headers(h -> h.setBearerAuth(tokenFor(user)))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == '" + field + "')].code").isEqualTo(code);
    }

    private static Map<String, Object> body(String priceId, String mode, String ok, String cancel, Integer quantity) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("priceId", priceId);
        body.put("mode", mode);
        body.put("successUrl", ok);
        body.put("cancelUrl", cancel);
        if (quantity != null) {
            body.put("quantity", quantity);
        }
        return body;
    }
}
