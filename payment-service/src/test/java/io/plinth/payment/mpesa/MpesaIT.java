package io.plinth.payment.mpesa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.events.EventEnvelope;
import io.plinth.events.EventFactory;
import io.plinth.events.webhook.WebhookReceived;
import io.plinth.payment.support.IntegrationTestBase;
import io.plinth.payment.support.Sandbox;
import io.plinth.platform.callback.CallbackTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * M-Pesa STK push against the sandbox's Daraja: the test plays the phone ({@code /_sandbox/mpesa/{id}/accept|cancel})
 * and the ingress (the sandbox's callback, published as {@code webhook.received}).
 */
class MpesaIT extends IntegrationTestBase {

    private static final Duration SETTLES = Duration.ofSeconds(30);

    @Autowired
    private MpesaTimeouts timeouts;

    record Push(String user, String paymentId, String checkoutRequestId) {
    }

    @AfterEach
    void darajaUpAgain() {
        sandbox.clearFault("mpesa");
    }

    @Test
    void anAcceptedPushIsConfirmedByTheStatusQueryAndGrantsThePackage() {
        Push push = push("credits-10-kes", "0712 345 678");

        JsonNode atDaraja = sandboxPush(push.checkoutRequestId());
        assertThat(atDaraja.get("phone").asText()).isEqualTo("254712345678");
        assertThat(atDaraja.get("amount").asLong()).isEqualTo(650);
        assertThat(atDaraja.get("accountReference").asText().length()).isLessThanOrEqualTo(12);
        String callbackUrl = atDaraja.get("callbackUrl").asText();
        String token = callbackUrl.substring(callbackUrl.lastIndexOf('/') + 1);
        assertThat(callbackUrl).contains("/api/v1/webhooks/mpesa/");
        assertThat(CallbackTokens.verify(List.of(environment.getRequiredProperty("plinth.payments.mpesa.callback-secret")),
                token)).contains(push.paymentId());

        phone(push.checkoutRequestId(), "accept");
        deliverCallback(push.checkoutRequestId());

        await().atMost(SETTLES).until(() -> "completed".equals(paymentStatus(push.paymentId())));
        assertThat(outboxEvents(push.paymentId(), "payment.succeeded")).isEqualTo(1);
        JsonNode succeeded = Sandbox.json((String) query("SELECT event::text FROM outbox WHERE key = ? AND "
                + "event->>'type' = 'payment.succeeded'", push.paymentId()).get(0).get(0));
        assertThat(succeeded.get("data").get("credits").asLong()).isEqualTo(10);
        assertThat(succeeded.get("data").get("amountMinor").asLong()).isEqualTo(65000);
        assertThat(succeeded.get("data").get("currency").asText()).isEqualTo("kes");
        assertThat(succeeded.get("data").get("provider").asText()).isEqualTo("mpesa");
        PaymentSucceeded published = publishedSucceeded(push.paymentId());
        assertThat(published.credits()).isEqualTo(10);
        assertThat(published.priceId()).isEqualTo("credits-10-kes");
        assertThat(published.tier()).isNull();
        assertThat(published.entitlements()).isEmpty();
    }

    @Test
    void anAdminRefundOfAnMpesaPaymentIs409RefundNotSupportedAndChangesNothing() {
        Push push = push("credits-10-kes", "0712 345 678");
        phone(push.checkoutRequestId(), "accept");
        deliverCallback(push.checkoutRequestId());
        await().atMost(SETTLES).until(() -> "completed".equals(paymentStatus(push.paymentId())));

        // Daraja's API as Plinth speaks it (PROVIDERS.md: OAuth, STK push, query) has no refund: Safaricom reverses
        // on request, outside Plinth.
        http.post().uri("/api/v1/admin/payments/" + push.paymentId() + "/refund")
                .headers(h -> h.setBearerAuth(io.plinth.test.security.TestTokens.admin("admin-mpesa").sign()))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("amount", 100))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("refund_not_supported");

        assertThat(paymentStatus(push.paymentId())).isEqualTo("completed");
        assertThat(query("SELECT refunded_minor FROM payments WHERE id = ?::uuid", push.paymentId()).get(0).get(0))
                .isEqualTo(0L);
        assertThat(outboxEvents(push.paymentId(), "payment.refunded")).isZero();
    }

    @Test
    void aCancelledPushFailsWithoutCredits() {
        Push push = push("credits-50-kes", "+254 110 123 456");

        phone(push.checkoutRequestId(), "cancel");
        deliverCallback(push.checkoutRequestId());

        await().atMost(SETTLES).until(() -> "failed".equals(paymentStatus(push.paymentId())));
        assertThat(query("SELECT failure_reason FROM payments WHERE id = ?::uuid", push.paymentId()).get(0).get(0))
                .isEqualTo("cancelled_by_user");
        assertThat(outboxEvents(push.paymentId(), "payment.failed")).isEqualTo(1);
        assertThat(outboxEvents(push.paymentId(), "payment.succeeded")).isZero();
    }

    @Test
    void aForgedSuccessCallbackCountsForNothingUntilDarajaConfirms() {
        Push push = push("credits-10-kes", "0712345678");
        String forged = """
                {"Body":{"stkCallback":{"MerchantRequestID":"x","CheckoutRequestID":"%s","ResultCode":0,
                 "ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[
                 {"Name":"Amount","Value":650},{"Name":"MpesaReceiptNumber","Value":"FORGED123"}]}}}}"""
                .formatted(push.checkoutRequestId());

        EventEnvelope envelope = mpesaWebhook("forged-" + UUID.randomUUID(), forged);
        webhooks.publish(envelope);
        await().atMost(SETTLES).until(() -> count("SELECT count(*) FROM inbox WHERE event_id = ?", envelope.id()) == 1);
        assertThat(paymentStatus(push.paymentId())).isEqualTo("pending");

        // The customer then cancels: the status query, not the forged callback, decides.
        phone(push.checkoutRequestId(), "cancel");
        deliverCallback(push.checkoutRequestId());
        await().atMost(SETTLES).until(() -> "failed".equals(paymentStatus(push.paymentId())));
        assertThat(outboxEvents(push.paymentId(), "payment.succeeded")).isZero();
    }

    @Test
    void anUnansweredPushFailsAfterTheTimeout() {
        Push push = push("credits-10-kes", "0712345678");
        Instant started = Instant.now();

        await().atMost(SETTLES).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (Instant.now().isAfter(started.plusSeconds(5))) {
                timeouts.sweepOnce().block();
            }
            return "failed".equals(paymentStatus(push.paymentId()));
        });
        assertThat(query("SELECT failure_reason FROM payments WHERE id = ?::uuid", push.paymentId()).get(0).get(0))
                .isEqualTo("timeout");
        assertThat(outboxEvents(push.paymentId(), "payment.failed")).isEqualTo(1);
    }

    @Test
    void badPhoneNumbersAndNonKesPricesAre422NamingTheFieldWithNothingWritten() {
        String user = newUser();
        stkPush(user, Map.of("priceId", "credits-10-kes", "phoneNumber", "+1 555 123 4567")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("phoneNumber")
                .jsonPath("$.errors[0].code").isEqualTo("invalid_phone");
        stkPush(user, Map.of("priceId", "credits-10-usd", "phoneNumber", "0712345678")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("priceId")
                .jsonPath("$.errors[0].code").isEqualTo("price_not_available");
        stkPush(user, Map.of("priceId", "nope", "phoneNumber", "0712345678")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("unknown_price");
        stkPush(user, Map.of("priceId", "credits-10-kes")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("phoneNumber");

        assertThat(count("SELECT count(*) FROM payments WHERE user_id = ?", user)).isZero();
    }

    @Test
    void theOauthTokenIsFetchedOnceForManyPushes() {
        push("credits-10-kes", "0712345678");
        long before = sandbox.stripeGetRaw("/_sandbox/mpesa/oauth").get("tokensIssued").asLong();

        push("credits-10-kes", "0712345678");
        push("credits-10-kes", "0712345678");

        assertThat(sandbox.stripeGetRaw("/_sandbox/mpesa/oauth").get("tokensIssued").asLong()).isEqualTo(before);
    }

    @Test
    void darajaDownIsA503WithNothingWrittenAndTheRetryWorks() {
        String user = newUser();
        push("credits-10-kes", "0712345678"); // a token in the cache: the push itself is what fails
        sandbox.armFault("mpesa", 503, 1, 0);

        stkPush(user, Map.of("priceId", "credits-10-kes", "phoneNumber", "0712345678"), "again-" + user)
                .expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.code").isEqualTo("provider_unavailable");
        assertThat(count("SELECT count(*) FROM payments WHERE user_id = ?", user)).isZero();

        stkPush(user, Map.of("priceId", "credits-10-kes", "phoneNumber", "0712345678"), "again-" + user)
                .expectStatus().isCreated();
        assertThat(count("SELECT count(*) FROM payments WHERE user_id = ?", user)).isEqualTo(1);
    }

    private Push push(String priceId, String phone) {
        String user = newUser();
        JsonNode body = stkPush(user, Map.of("priceId", priceId, "phoneNumber", phone)).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        return new Push(user, body.get("paymentId").asText(), body.get("checkoutRequestId").asText());
    }

    private WebTestClient.ResponseSpec stkPush(String user, Map<String, String> body) {
        return stkPush(user, body, UUID.randomUUID().toString());
    }

    private WebTestClient.ResponseSpec stkPush(String user, Map<String, String> body, String key) {
        return http.post().uri("/api/v1/payments/mpesa/stk-push")
                .headers(h -> h.setBearerAuth(tokenFor(user)))
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private JsonNode sandboxPush(String checkoutRequestId) {
        return sandbox.stripeGetRaw("/_sandbox/mpesa/pushes/" + checkoutRequestId);
    }

    private void phone(String checkoutRequestId, String action) {
        sandbox.post("/_sandbox/mpesa/" + checkoutRequestId + "/" + action);
    }

    /** The callback the sandbox sent to the push's CallBackURL, delivered as the ingress would. */
    private void deliverCallback(String checkoutRequestId) {
        JsonNode event = await().atMost(SETTLES).until(
                () -> sandbox.getJson("/_sandbox/mpesa/events/" + checkoutRequestId), e -> e != null);
        EventEnvelope envelope = mpesaWebhook(checkoutRequestId, event.get("body").asText());
        webhooks.publish(envelope);
        await().atMost(SETTLES).until(() -> count("SELECT count(*) FROM inbox WHERE event_id = ?", envelope.id()) == 1);
    }

    private static EventEnvelope mpesaWebhook(String providerEventId, String body) {
        return new EventFactory("plinth/integration-service").create(providerEventId, null,
                new WebhookReceived("mpesa", providerEventId, "stk_callback", body, Instant.now()));
    }
}
