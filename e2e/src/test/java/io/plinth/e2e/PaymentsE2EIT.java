package io.plinth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.devstack.Components;
import io.plinth.devstack.Devstack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rest of the payment lifecycle across the whole platform, each step through the gateway and each provider
 * event signed by the sandbox and verified by the ingress: a refund takes the credits back, a plan moves the tier
 * there and back, Pipit's hosted page pays or declines (a basket too), and a provider that is down is a 503 the
 * client can retry.
 */
@ExtendWith(RunningPlatform.class)
class PaymentsE2EIT {

    private static final Duration SETTLES = Duration.ofMinutes(1);
    private static Shop shop;
    private static Devstack platform;

    @BeforeAll
    static void useTheRunningPlatform() {
        platform = RunningPlatform.devstack();
        shop = new Shop(RunningPlatform.gateway(), platform.url(Components.SANDBOX));
    }

    @AfterEach
    void providersUpAgain() {
        shop.sandbox("DELETE", "/_sandbox/stripe/faults", null);
    }

    @Test
    void anAdminRefundClawsBackTheCreditsItBoughtAndOnlyTheTenantsAdminMayRefund() {
        String token = shop.newUser();
        await("starting credits").atMost(SETTLES).until(() -> shop.balance(token) == 3);
        String paid = shop.checkout(token, "credits-10-usd", "payment");
        String paymentId = JsonPath.read(paid, "$.paymentId");
        assertThat(shop.pay(JsonPath.read(paid, "$.url"), "4242 4242 4242 4242")).isEqualTo(303);
        await("the credits granted").atMost(SETTLES).until(() -> shop.balance(token) == 13);

        assertThat(shop.refund(token, paymentId, 500).statusCode()).isEqualTo(403);
        String admin = shop.login(platform.settings().adminEmail(), platform.settings().adminPassword());
        HttpResponse<String> tooMuch = shop.refund(admin, paymentId, 501);
        assertThat(tooMuch.statusCode()).as(tooMuch.body()).isEqualTo(422);
        assertThat((List<String>) JsonPath.read(tooMuch.body(), "$.errors[*].field")).containsExactly("amount");
        HttpResponse<String> half = shop.refund(admin, paymentId, 250);
        assertThat(half.statusCode()).as(half.body()).isEqualTo(202);

        await("half the package clawed back").atMost(SETTLES).until(() -> shop.balance(token) == 8);
        assertThat(shop.paymentStatus(token, paymentId)).isEqualTo("partially_refunded");
        HttpResponse<String> rest = shop.refund(admin, paymentId, 250);
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(202);
        await("the whole package clawed back").atMost(SETTLES).until(() -> shop.balance(token) == 3);
        await("refunded").atMost(SETTLES).until(() -> "refunded".equals(shop.paymentStatus(token, paymentId)));
    }

    @Test
    void aPaidPlanMovesTheTierAndItComesBackWhenTheCanceledPlanEnds() {
        String token = shop.newUser();
        await("the user's wallet").atMost(SETTLES).until(() -> shop.tier(token) != null);
        String freeTier = shop.tier(token);
        String plan = shop.checkout(token, "pro-monthly-usd", "subscription");
        assertThat(shop.pay(JsonPath.read(plan, "$.url"), "4242 4242 4242 4242")).isEqualTo(303);

        await("the pro tier").atMost(SETTLES).until(() -> "pro".equalsIgnoreCase(shop.tier(token)));
        String subscriptions = shop.get(token, "/api/v1/payments/subscriptions").body();
        String subscriptionId = JsonPath.read(subscriptions, "$.items[0].subscriptionId");
        assertThat(shop.post(shop.newUser(), "/api/v1/payments/subscriptions/" + subscriptionId + "/cancel")
                .statusCode()).isEqualTo(404);
        HttpResponse<String> canceled = shop.post(token, "/api/v1/payments/subscriptions/" + subscriptionId + "/cancel");
        assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
        assertThat((Boolean) JsonPath.read(canceled.body(), "$.cancelAtPeriodEnd")).isTrue();
        await("the cancel acknowledged by Stripe's event").atMost(SETTLES).until(() -> JsonPath.<Boolean>read(
                shop.get(token, "/api/v1/payments/subscriptions").body(), "$.items[0].cancelAtPeriodEnd"));
        // Canceled at the period end: paid for, so the tier stays until then.
        assertThat(shop.tier(token)).isEqualToIgnoringCase("pro");

        // The period ends (Stripe's clock, played by the sandbox): customer.subscription.deleted.
        assertThat(shop.sandbox("POST", "/_sandbox/stripe/subscriptions/" + subscriptionId + "/end", null).statusCode())
                .isEqualTo(200);
        await("back to the tier before the plan").atMost(SETTLES)
                .until(() -> freeTier.equalsIgnoreCase(shop.tier(token)));
        assertThat(freeTier.toLowerCase(Locale.ROOT)).isNotEqualTo("pro");
    }

    @Test
    void aPipitBasketPaidOnTheHostedPageGrantsItsCreditsAndADeclinedOneFails() {
        String token = shop.newUser();
        await("starting credits").atMost(SETTLES).until(() -> shop.balance(token) == 3);
        HttpResponse<String> basket = shop.pipit(token, "{\"items\":[{\"priceId\":\"credits-10-usd\",\"quantity\":2},"
                + "{\"priceId\":\"credits-50-usd\"}],\"customer\":{\"email\":\"ada@example.com\"},"
                + "\"successUrl\":\"https://app.example.com/ok\",\"cancelUrl\":\"https://app.example.com/cancel\"}");
        assertThat(basket.statusCode()).as(basket.body()).isEqualTo(201);
        HttpResponse<String> single = shop.pipit(token, "{\"priceId\":\"credits-10-usd\","
                + "\"successUrl\":\"https://app.example.com/ok\",\"cancelUrl\":\"https://app.example.com/cancel\"}");
        assertThat(single.statusCode()).as(single.body()).isEqualTo(201);

        assertThat(shop.pay(JsonPath.read(single.body(), "$.paymentUrl"), "4000 0000 0000 0002")).isEqualTo(402);
        assertThat(shop.pay(JsonPath.read(basket.body(), "$.paymentUrl"), "4242 4242 4242 4242")).isEqualTo(303);

        String basketId = JsonPath.read(basket.body(), "$.paymentId");
        await("the basket's credits: 2 × 10 + 50").atMost(SETTLES).until(() -> shop.balance(token) == 3 + 70);
        assertThat(shop.paymentStatus(token, basketId)).isEqualTo("completed");
        String declinedId = JsonPath.read(single.body(), "$.paymentId");
        await("the declined one failed").atMost(SETTLES)
                .until(() -> "failed".equals(shop.paymentStatus(token, declinedId)));
        assertThat(shop.balance(token)).isEqualTo(73);
        assertThat(shop.get(shop.newUser(), "/api/v1/payments/" + basketId).statusCode()).isEqualTo(404);
    }

    @Test
    void aStripeThatIsDownIsA503WithRetryAfterAndTheSameRequestLaterSucceeds() {
        String token = shop.newUser();
        // More failures than payment-service's attempts at one call, fewer than its circuit breaker counts.
        assertThat(shop.sandbox("POST", "/_sandbox/stripe/faults", "{\"status\":503,\"times\":3}").statusCode())
                .isEqualTo(200);
        String key = UUID.randomUUID().toString();

        HttpResponse<String> down = shop.checkout(token, "credits-10-usd", "payment", key);
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
        assertThat(down.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat((String) JsonPath.read(down.body(), "$.code")).isEqualTo("provider_unavailable");
        assertThat((List<Object>) JsonPath.read(shop.get(token, "/api/v1/payments").body(), "$.items")).isEmpty();

        HttpResponse<String> retried = shop.checkout(token, "credits-10-usd", "payment", key);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat((List<Object>) JsonPath.read(shop.get(token, "/api/v1/payments").body(), "$.items")).hasSize(1);
    }
}
