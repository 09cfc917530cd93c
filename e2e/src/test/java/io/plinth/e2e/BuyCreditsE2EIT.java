package io.plinth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.devstack.Components;
import io.plinth.devstack.Devstack;
import java.net.URI;
import java.net.http.HttpClient;
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
 * settles the payment and credit-service grants the package once, however often Stripe delivers.
 */
@ExtendWith(RunningPlatform.class)
class BuyCreditsE2EIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PASSWORD = "correct horse battery";

    private static URI gateway;
    private static URI sandbox;

    @BeforeAll
    static void useTheRunningPlatform() {
        Devstack platform = RunningPlatform.devstack();
        gateway = RunningPlatform.gateway();
        sandbox = platform.url(Components.SANDBOX);
    }

    @Test
    void aPaidCheckoutGrantsThePackagesCreditsOnceAndADeclinedCardGrantsNothing() throws Exception {
        String token = newUser();
        await("starting credits").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> balance(token) == 3);

        HttpResponse<String> products = send(HttpRequest.newBuilder(gateway.resolve("/api/v1/payments/products")).GET());
        assertThat(products.statusCode()).as(products.body()).isEqualTo(200);
        assertThat((List<Integer>) JsonPath.read(products.body(), "$.items[?(@.priceId == 'credits-10-usd')].credits"))
                .containsExactly(10);

        String declined = checkout(token, "credits-10-usd");
        assertThat(pay(JsonPath.read(declined, "$.url"), "4000 0000 0000 0002").statusCode()).isEqualTo(402);
        String paid = checkout(token, "credits-10-usd");
        assertThat(pay(JsonPath.read(paid, "$.url"), "4242 4242 4242 4242").statusCode()).isEqualTo(303);

        String paidId = JsonPath.read(paid, "$.paymentId");
        await("the payment settled from the signed webhook").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "completed".equals(paymentStatus(token, paidId)));
        await("the credits granted").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> balance(token) == 13);
        await("the declined payment failed").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> "failed".equals(paymentStatus(token, JsonPath.read(declined, "$.paymentId"))));

        // Stripe delivers at least once: resend every event of the paid session three times.
        String sessionId = JsonPath.read(paid, "$.sessionId");
        List<String> events = JsonPath.read(send(HttpRequest.newBuilder(sandbox.resolve("/_sandbox/stripe/events?limit=100"))
                .GET()).body(), "$.data[?(@.body =~ /.*(" + sessionId + "|" + paidId + ").*/)].id");
        assertThat(events).isNotEmpty();
        for (int i = 0; i < 3; i++) {
            for (String id : events) {
                send(HttpRequest.newBuilder(sandbox.resolve("/_sandbox/stripe/events/" + id + "/resend"))
                        .POST(HttpRequest.BodyPublishers.noBody()));
            }
        }
        await("every resend delivered").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> events.stream().allMatch(id -> {
                    String event = send(HttpRequest.newBuilder(sandbox.resolve("/_sandbox/stripe/events/" + id)).GET()).body();
                    return (Integer) JsonPath.read(event, "$.delivered") == 4;
                }));
        assertThat(balance(token)).isEqualTo(13);

        HttpResponse<String> someoneElse = send(HttpRequest.newBuilder(gateway.resolve("/api/v1/payments/" + paidId))
                .header("Authorization", "Bearer " + newUser()).GET());
        assertThat(someoneElse.statusCode()).isEqualTo(404);
    }

    @Test
    void anMpesaPushAcceptedOnThePhoneGrantsTheCreditsThroughTheCallbackTokenAndAForgedTokenIsRefused() throws Exception {
        String token = newUser();
        await("starting credits").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> balance(token) == 3);

        HttpResponse<String> pushed = send(json(gateway.resolve("/api/v1/payments/mpesa/stk-push"),
                "{\"priceId\":\"credits-10-kes\",\"phoneNumber\":\"0712 345 678\"}")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
        String paymentId = JsonPath.read(pushed.body(), "$.paymentId");
        String checkoutRequestId = JsonPath.read(pushed.body(), "$.checkoutRequestId");

        // Someone who learnt the CheckoutRequestID posts a "success" with a token Plinth never issued.
        HttpResponse<String> forged = send(json(gateway.resolve("/api/v1/webhooks/mpesa/" + paymentId + ".AAAAforged"),
                "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"x\",\"CheckoutRequestID\":\"" + checkoutRequestId
                        + "\",\"ResultCode\":0,\"ResultDesc\":\"ok\"}}}"));
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(401);

        HttpResponse<String> accepted = send(HttpRequest.newBuilder(
                sandbox.resolve("/_sandbox/mpesa/" + checkoutRequestId + "/accept")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

        await("the payment confirmed by the status query").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "completed".equals(paymentStatus(token, paymentId)));
        await("the credits granted").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> balance(token) == 13);
    }

    private static String newUser() throws Exception {
        String email = "buyer-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = send(json(gateway.resolve("/api/v1/auth/register"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> login = send(json(gateway.resolve("/api/v1/auth/login"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return JsonPath.read(login.body(), "$.accessToken");
    }

    private static String checkout(String token, String priceId) throws Exception {
        HttpResponse<String> response = send(json(gateway.resolve("/api/v1/payments/checkout"),
                "{\"priceId\":\"" + priceId + "\",\"mode\":\"payment\",\"successUrl\":\"https://app.example.com/ok\","
                        + "\"cancelUrl\":\"https://app.example.com/cancel\"}")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body();
    }

    private static HttpResponse<String> pay(String url, String card) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("card_number=" + card.replace(' ', '+') + "&exp=12%2F34&cvc=123")));
    }

    private static long balance(String token) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway.resolve("/api/v1/credits/balance"))
                .header("Authorization", "Bearer " + token).GET());
        return response.statusCode() == 200 ? ((Number) JsonPath.read(response.body(), "$.balance")).longValue() : -1;
    }

    private static String paymentStatus(String token, String paymentId) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway.resolve("/api/v1/payments/" + paymentId))
                .header("Authorization", "Bearer " + token).GET());
        return response.statusCode() == 200 ? JsonPath.read(response.body(), "$.status") : null;
    }

    private static HttpRequest.Builder json(URI uri, String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
