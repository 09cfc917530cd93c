package io.plinth.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.LineItem;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData;
import io.plinth.sandbox.SandboxTestBase;
import io.plinth.sandbox.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's Stripe, driven by the official stripe-java exactly as payment-service drives it. */
class StripeApiIT extends SandboxTestBase {

    private StripeClient stripe;
    private final HttpClient browser = HttpClient.newHttpClient();

    @BeforeEach
    void client() {
        stripe = StripeClient.builder().setApiKey("sk_test_sandbox_it").setApiBase("http://localhost:" + port).build();
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesOtherParameters() throws Exception {
        String key = UUID.randomUUID().toString();
        CustomerCreateParams params = CustomerCreateParams.builder().putMetadata("userId", "u-1").build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(key).build();

        Customer first = stripe.v1().customers().create(params, options);
        Customer again = stripe.v1().customers().create(params, options);

        assertThat(first.getId()).startsWith("cus_").isEqualTo(again.getId());
        assertThat(again.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThatThrownBy(() -> stripe.v1().customers().create(
                CustomerCreateParams.builder().putMetadata("userId", "u-2").build(), options))
                .isInstanceOf(IdempotencyException.class);
    }

    @Test
    void errorsComeInStripesShapes() {
        assertThatThrownBy(() -> stripe.v1().customers().retrieve("cus_missing"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                });
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setSuccessUrl("https://x.example/ok").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("mode"));
        StripeClient wrongKey = StripeClient.builder().setApiKey("pk_live_nope").setApiBase("http://localhost:" + port).build();
        assertThatThrownBy(() -> wrongKey.v1().customers().create(CustomerCreateParams.builder().build()))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void payingTheHostedPageSendsSignedEventsTheSdkVerifiesAndRefundsRaiseChargeRefunded() throws Exception {
        String paymentId = UUID.randomUUID().toString();
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl("https://app.example/ok?session={CHECKOUT_SESSION_ID}")
                .setCancelUrl("https://app.example/cancel")
                .setClientReferenceId(paymentId)
                .putMetadata("paymentId", paymentId)
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder().putMetadata("paymentId", paymentId).build())
                .addLineItem(LineItem.builder().setQuantity(2L).setPriceData(PriceData.builder().setCurrency("usd")
                        .setUnitAmount(500L).setProductData(PriceData.ProductData.builder().setName("10 credits").build())
                        .build()).build())
                .build());
        assertThat(session.getAmountTotal()).isEqualTo(1000);
        assertThat(session.getStatus()).isEqualTo("open");

        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(session.getUrl())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"").contains("10.00 USD");

        assertThat(pay(session.getUrl(), "4000 0000 0000 0002").statusCode()).isEqualTo(402);
        HttpResponse<String> paid = pay(session.getUrl(), "4242 4242 4242 4242");
        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("Location")).contains("https://app.example/ok?session=" + session.getId());
        assertThat(pay(session.getUrl(), "4242 4242 4242 4242").statusCode()).isEqualTo(409);

        List<Event> events = awaitEvents(paymentId, session.getId(), 4);
        assertThat(events).extracting(Event::getType).containsExactlyInAnyOrder("payment_intent.payment_failed",
                "charge.succeeded", "payment_intent.succeeded", "checkout.session.completed");
        Session completed = (Session) events.stream().filter(e -> e.getType().equals("checkout.session.completed"))
                .findFirst().orElseThrow().getDataObjectDeserializer().getObject().orElseThrow();
        assertThat(completed.getPaymentStatus()).isEqualTo("paid");
        PaymentIntent intent = stripe.v1().paymentIntents().retrieve(completed.getPaymentIntent());
        assertThat(intent.getAmountReceived()).isEqualTo(1000);
        assertThat(intent.getMetadata()).containsEntry("paymentId", paymentId);

        Refund partial = stripe.v1().refunds().create(RefundCreateParams.builder()
                .setPaymentIntent(intent.getId()).setAmount(300L).build());
        assertThat(partial.getAmount()).isEqualTo(300);
        assertThatThrownBy(() -> stripe.v1().refunds().create(RefundCreateParams.builder()
                .setPaymentIntent(intent.getId()).setAmount(800L).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("amount_too_large"));
        Event refunded = awaitEvents(paymentId, intent.getLatestCharge(), 5).stream()
                .filter(e -> e.getType().equals("charge.refunded")).findFirst().orElseThrow();
        Charge charge = (Charge) refunded.getDataObjectDeserializer().getObject().orElseThrow();
        assertThat(charge.getAmountRefunded()).isEqualTo(300);
        assertThat(charge.getRefunded()).isFalse();
    }

    private HttpResponse<String> pay(String url, String card) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("card_number=" + card.replace(" ", "+") + "&exp=12%2F34&cvc=123"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The signed deliveries about this payment that reached the webhook endpoint, each verified with the SDK. */
    private List<Event> awaitEvents(String paymentId, String objectId, int atLeast) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> RECEIVER.at("/api/v1/webhooks/stripe").stream()
                        .filter(r -> {
                            String body = new String(r.body(), StandardCharsets.UTF_8);
                            return body.contains(paymentId) || body.contains(objectId);
                        })
                        .map(StripeApiIT::verified)
                        .toList(),
                events -> events.size() >= atLeast);
    }

    private static Event verified(WebhookReceiver.Received delivery) {
        try {
            return Webhook.constructEvent(new String(delivery.body(), StandardCharsets.UTF_8),
                    delivery.header("Stripe-Signature"), "whsec_test_current");
        } catch (Exception e) {
            throw new AssertionError("a delivery failed Stripe's own signature check", e);
        }
    }
}
