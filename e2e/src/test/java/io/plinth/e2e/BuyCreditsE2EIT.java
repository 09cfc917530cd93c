package io.plinth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.devstack.Components;
import io.plinth.devstack.Devstack;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Buying credits by card across the whole platform: checkout through the gateway, the buyer pays on the sandbox's
 * hosted Checkout page, the sandbox sends Stripe's signed events through the gateway to the ingress, payment-service
 * settles the payment and credit-service grants the package once, however often and in whatever order Stripe
 * delivers.
 */
@ExtendWith(RunningPlatform.class)
class BuyCreditsE2EIT {

    private static Shop shop;

    @BeforeAll
    static void useTheRunningPlatform() {
        Devstack platform = RunningPlatform.devstack();
        shop = new Shop(RunningPlatform.gateway(), platform.url(Components.SANDBOX));
    }

    @Test
    void aPaidCheckoutGrantsThePackagesCreditsOnceAndADeclinedCardGrantsNothing() throws Exception {
        String token = shop.newUser();
        await("starting credits").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> shop.balance(token) == 3);

        HttpResponse<String> products = Shop.send(HttpRequest.newBuilder(
                RunningPlatform.gateway().resolve("/api/v1/payments/products")).GET());
        assertThat(products.statusCode()).as(products.body()).isEqualTo(200);
        assertThat((List<Integer>) JsonPath.read(products.body(), "$.items[?(@.priceId == 'credits-10-usd')].credits"))
                .containsExactly(10);

        String declined = shop.checkout(token, "credits-10-usd", "payment");
        assertThat(shop.pay(JsonPath.read(declined, "$.url"), "4000 0000 0000 0002")).isEqualTo(402);
        String paid = shop.checkout(token, "credits-10-usd", "payment");
        assertThat(shop.pay(JsonPath.read(paid, "$.url"), "4242 4242 4242 4242")).isEqualTo(303);

        String paidId = JsonPath.read(paid, "$.paymentId");
        await("the payment settled from the signed webhook").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "completed".equals(shop.paymentStatus(token, paidId)));
        await("the credits granted").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> shop.balance(token) == 13);
        await("the declined payment failed").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> "failed".equals(shop.paymentStatus(token, JsonPath.read(declined, "$.paymentId"))));

        // Stripe delivers at least once and in no order: every event of the paid session ten times more, the newest
        // first (the reverse of how they happened), each resend signed afresh and verified by the ingress.
        String sessionId = JsonPath.read(paid, "$.sessionId");
        List<String> events = shop.sandboxEvents("stripe", sessionId, paidId);
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 0; i < 10; i++) {
            for (String id : events) {
                assertThat(shop.sandbox("POST", "/_sandbox/stripe/events/" + id + "/resend", null).statusCode())
                        .isBetween(200, 202);
            }
        }
        await("every resend delivered").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> events.stream().allMatch(id -> (Integer) JsonPath.read(
                        shop.sandbox("GET", "/_sandbox/stripe/events/" + id, null).body(), "$.delivered") == 11));
        assertThat(shop.balance(token)).isEqualTo(13);
        assertThat((List<Object>) JsonPath.read(shop.get(token, "/api/v1/credits/transactions").body(),
                "$.items[?(@.type == 'purchase')]")).hasSize(1);

        HttpResponse<String> someoneElse = shop.get(shop.newUser(), "/api/v1/payments/" + paidId);
        assertThat(someoneElse.statusCode()).isEqualTo(404);
    }

    @Test
    void anMpesaPushAcceptedOnThePhoneGrantsTheCreditsThroughTheCallbackTokenAndAForgedTokenIsRefused() throws Exception {
        String token = shop.newUser();
        await("starting credits").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> shop.balance(token) == 3);

        HttpResponse<String> pushed = Shop.send(Shop.json(RunningPlatform.gateway().resolve("/api/v1/payments/mpesa/stk-push"),
                "{\"priceId\":\"credits-10-kes\",\"phoneNumber\":\"0712 345 678\"}")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
        String paymentId = JsonPath.read(pushed.body(), "$.paymentId");
        String checkoutRequestId = JsonPath.read(pushed.body(), "$.checkoutRequestId");

        // Someone who learnt the CheckoutRequestID posts a "success" with a token Plinth never issued.
        HttpResponse<String> forged = Shop.send(Shop.json(RunningPlatform.gateway().resolve(
                        "/api/v1/webhooks/mpesa/" + paymentId + ".AAAAforged"),
                "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"x\",\"CheckoutRequestID\":\"" + checkoutRequestId
                        + "\",\"ResultCode\":0,\"ResultDesc\":\"ok\"}}}"));
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(401);

        HttpResponse<String> accepted = shop.sandbox("POST", "/_sandbox/mpesa/" + checkoutRequestId + "/accept", null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

        await("the payment confirmed by the status query").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "completed".equals(shop.paymentStatus(token, paymentId)));
        await("the credits granted").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> shop.balance(token) == 13);
    }
}
