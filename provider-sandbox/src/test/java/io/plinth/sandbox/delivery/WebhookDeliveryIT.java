package io.plinth.sandbox.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import com.stripe.net.Webhook;
import io.plinth.sandbox.SandboxTestBase;
import io.plinth.sandbox.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The delivery engine against a scripted endpoint: what arrives is signed as the provider signs, failures
 * are retried with back-off until a 2xx, resends repeat the same bytes, and the controls show it all.
 */
class WebhookDeliveryIT extends SandboxTestBase {

    static final String STRIPE_PATH = "/api/v1/webhooks/stripe";

    @Autowired
    WebhookDelivery delivery;

    @Test
    void triggeredStripeEventArrivesSignedSoThatStripeJavaAcceptsItWithEitherSecret() throws Exception {
        HttpResponse<String> triggered = post("/_sandbox/stripe/trigger/payment_intent.succeeded",
                "{\"metadata\":{\"paymentId\":\"p-42\"}}");

        assertThat(triggered.statusCode()).isEqualTo(202);
        String eventId = JsonPath.read(triggered.body(), "$.id");
        WebhookReceiver.Received received = await().atMost(Duration.ofSeconds(10))
                .until(() -> arrived(STRIPE_PATH, eventId), r -> r != null);
        String payload = new String(received.body(), StandardCharsets.UTF_8);
        String signature = received.header("Stripe-Signature");
        assertThat(Webhook.Signature.verifyHeader(payload, signature, "whsec_test_current", 300)).isTrue();
        assertThat(Webhook.Signature.verifyHeader(payload, signature, "whsec_test_previous", 300)).isTrue();
        com.stripe.model.Event event = Webhook.constructEvent(payload, signature, "whsec_test_current");
        assertThat(event.getType()).isEqualTo("payment_intent.succeeded");
        assertThat(event.getDataObjectDeserializer().getObject()).isPresent();
        assertThat((String) JsonPath.read(payload, "$.data.object.metadata.paymentId")).isEqualTo("p-42");
        assertThat((String) JsonPath.read(payload, "$.data.object.id")).startsWith("pi_");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String list = get("/_sandbox/stripe/events?limit=5").body();
            assertThat((List<String>) JsonPath.read(list, "$.data[?(@.id == '" + eventId + "')].status")).containsExactly("delivered");
        });
    }

    @Test
    void failedDeliveriesAreRetriedWithBackoffUntilTheEndpointAnswers2xx() {
        String path = "/api/v1/webhooks/pipit";
        RECEIVER.failNext(path, 2);

        SandboxEvent sent = delivery.send(Providers.PIPIT, "evt_retry_1", "payment.completed",
                "{\"id\":\"evt_retry_1\",\"type\":\"payment.completed\",\"data\":{\"id\":\"pay_1\"}}");

        assertThat(sent.endpoint()).isEqualTo("http://127.0.0.1:" + RECEIVER.port() + path);
        SandboxEvent done = await().atMost(Duration.ofSeconds(10))
                .until(() -> delivery.event(Providers.PIPIT, "evt_retry_1").orElseThrow(), e -> e.status().equals("delivered"));
        assertThat(done.attempts()).extracting(DeliveryAttempt::status).containsExactly(503, 503, 200);
        assertThat(done.attempts()).extracting(DeliveryAttempt::attempt).containsExactly(1, 2, 3);
        assertThat(done.attempts().get(0).error()).contains("503").contains("down for the test");
        assertThat(RECEIVER.at(path)).filteredOn(r -> new String(r.body(), StandardCharsets.UTF_8).contains("evt_retry_1")).hasSize(3);
    }

    @Test
    void anUnreachableEndpointIsRetriedUntilTheAttemptsRunOut() {
        SandboxEvent sent = delivery.send(Providers.CAPCUT, "evt_unreachable", "export.completed",
                "{\"id\":\"evt_unreachable\"}", URI.create("http://127.0.0.1:1/nothing-listens-here"));

        assertThat(sent.status()).isEqualTo("pending");
        SandboxEvent failed = await().atMost(Duration.ofSeconds(10))
                .until(() -> delivery.event(Providers.CAPCUT, "evt_unreachable").orElseThrow(), e -> e.status().equals("failed"));
        assertThat(failed.attempts()).hasSize(4).allSatisfy(a -> {
            assertThat(a.status()).isZero();
            assertThat(a.error()).isNotBlank();
        });
    }

    @Test
    void resendDeliversTheSameBytesAgainFreshlySigned() throws Exception {
        String body = "{\"event\":\"envelope-completed\",\"data\":{\"envelopeId\":\"env-resend\"}}";
        delivery.send(Providers.DOCUSIGN, "env-resend:completed", "envelope-completed", body);
        await().atMost(Duration.ofSeconds(10)).until(() -> receivedAt("/connect", "env-resend").size() == 1);

        HttpResponse<String> resent = post("/_sandbox/docusign/events/env-resend:completed/resend", "");

        assertThat(resent.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> receivedAt("/connect", "env-resend").size() == 2);
        List<WebhookReceiver.Received> both = receivedAt("/connect", "env-resend");
        assertThat(both).allSatisfy(r -> {
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(body);
            assertThat(r.header("X-DocuSign-Signature-1"))
                    .isEqualTo(Hmac.base64("docusign_connect_plinth_devstack", body.getBytes(StandardCharsets.UTF_8)));
        });
        SandboxEvent event = await().atMost(Duration.ofSeconds(10))
                .until(() -> delivery.event(Providers.DOCUSIGN, "env-resend:completed").orElseThrow(), e -> e.delivered() == 2);
        assertThat(event.deliveries()).isEqualTo(2);
    }

    @Test
    void zoomDeliveriesCarryTimestampAndSignature() {
        String body = "{\"event\":\"meeting.started\",\"event_ts\":1,\"payload\":{\"object\":{\"id\":\"77\"}}}";
        delivery.send(Providers.ZOOM, "zoom-signed-1", "meeting.started", body);

        WebhookReceiver.Received r = await().atMost(Duration.ofSeconds(10))
                .until(() -> receivedAt("/api/v1/webhooks/zoom", "meeting.started").stream().findFirst().orElse(null),
                        x -> x != null);
        String ts = r.header("x-zm-request-timestamp");
        assertThat(r.header("x-zm-signature"))
                .isEqualTo("v0=" + Hmac.hex("zoom_secret_token_plinth_devstack", ("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSendControlDeliversAGivenBodySignedAsTheProviderAndRefusesAnIdTwice() throws Exception {
        String body = "{\"id\":\"evt_sent_1\",\"type\":\"export.completed\",\"data\":{\"export_id\":\"exp_1\"}}";

        HttpResponse<String> sent = post("/_sandbox/capcut/events?id=evt_sent_1&type=export.completed", body);
        HttpResponse<String> again = post("/_sandbox/capcut/events?id=evt_sent_1&type=export.completed", body);

        assertThat(sent.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(409);
        WebhookReceiver.Received r = await().atMost(Duration.ofSeconds(10))
                .until(() -> arrived("/api/v1/webhooks/capcut", "evt_sent_1"), x -> x != null);
        assertThat(r.body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        String signature = r.header("CapCut-Signature");
        String t = signature.substring(2, signature.indexOf(','));
        assertThat(signature).isEqualTo("t=" + t + ",v1=" + Hmac.hex("capcut_whsec_plinth_devstack",
                (t + "." + body).getBytes(StandardCharsets.UTF_8)));
        assertThat(post("/_sandbox/capcut/events", "").statusCode()).isEqualTo(400);
    }

    @Test
    void theEventListPagesBackwardsFromAnEventAsStripesListsDo() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        for (int i = 1; i <= 3; i++) {
            assertThat(post("/_sandbox/capcut/events?id=evt_page_" + run + "_" + i + "&type=export.completed",
                    "{\"id\":\"evt_page_" + run + "_" + i + "\"}").statusCode()).isEqualTo(202);
        }

        List<String> first = JsonPath.read(get("/_sandbox/capcut/events?limit=2").body(), "$.data[*].id");
        List<String> next = JsonPath.read(
                get("/_sandbox/capcut/events?limit=2&starting_after=" + first.get(1)).body(), "$.data[*].id");

        assertThat(first).containsExactly("evt_page_" + run + "_3", "evt_page_" + run + "_2");
        assertThat(next.get(0)).isEqualTo("evt_page_" + run + "_1");
        assertThat(get("/_sandbox/capcut/events?starting_after=evt_never_kept").statusCode()).isEqualTo(400);
    }

    @Test
    void controlsRefuseUnknownProvidersBadLimitsAndMissingEvents() throws Exception {
        assertThat(get("/_sandbox/nosuch/events").statusCode()).isEqualTo(404);
        assertThat(get("/_sandbox/sendgrid/events").statusCode()).isEqualTo(404);
        HttpResponse<String> badLimit = get("/_sandbox/stripe/events?limit=abc");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(badLimit.body()).contains("invalid_limit");
        assertThat(post("/_sandbox/stripe/events/evt_never/resend", "").statusCode()).isEqualTo(404);
        assertThat(post("/_sandbox/stripe/trigger/DROP%20TABLE", "").statusCode()).isEqualTo(400);
    }

    private static WebhookReceiver.Received arrived(String path, String eventId) {
        return receivedAt(path, "\"" + eventId + "\"").stream().findFirst().orElse(null);
    }
}
