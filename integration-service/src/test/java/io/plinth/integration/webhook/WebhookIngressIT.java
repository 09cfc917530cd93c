package io.plinth.integration.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.integration.support.IngressTestBase;
import io.plinth.integration.support.TestWebhooks;
import io.plinth.integration.support.WebhookTopic;
import io.plinth.events.webhook.WebhookReceived;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * For each provider, straight to the service: a correctly signed event is accepted and published once, keyed by
 * its object; a tampered body, a wrong secret, a stale timestamp or a missing signature is refused with 401,
 * logged, and publishes nothing; the previous secret still works while a rotation is under way.
 */
class WebhookIngressIT extends IngressTestBase {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(TestWebhooks.class)
    void aSignedEventIsAcceptedLoggedAndPublishedOnceKeyedByItsObject(TestWebhooks w) {
        String eventId = fresh("evt");
        String objectId = fresh("obj");
        String providerEventId = w.providerEventId(eventId, objectId);

        HttpResponse<String> response = deliverSigned(w, eventId, objectId);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat((Boolean) JsonPath.read(response.body(), "$.duplicate")).isFalse();
        assertThat((String) JsonPath.read(response.body(), "$.eventId")).isEqualTo(providerEventId);
        assertThat(count("select count(*) from webhook_events where source = ? and provider_event_id = ?"
                + " and status = 'accepted' and signature_verdict = 'verified' and object_id = ? and processed_at is not null",
                w.provider, providerEventId, objectId)).isEqualTo(1);
        List<WebhookTopic.Published> published = await().atMost(PATIENCE)
                .until(() -> WebhookTopic.about(w.provider, providerEventId), p -> !p.isEmpty());
        assertThat(published).hasSize(1);
        assertThat(published.get(0).key()).isEqualTo(objectId);
        WebhookReceived data = published.get(0).data();
        assertThat(data.payload()).isEqualTo(w.body(eventId, objectId));
        assertThat(data.eventType()).isNotBlank();
        assertThat(outboxed(w.provider, providerEventId)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestWebhooks.class)
    void thePreviousSecretStillVerifiesDuringRotation(TestWebhooks w) {
        String eventId = fresh("evt");
        String objectId = fresh("obj");
        byte[] body = w.body(eventId, objectId).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = deliver(w.path(objectId, w.previousSecret), body, w.sign(w.previousSecret, now(), body));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(outboxed(w.provider, w.providerEventId(eventId, objectId))).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestWebhooks.class)
    void aTamperedBodyIsRefusedLoggedAndNotPublished(TestWebhooks w) {
        String eventId = fresh("evt");
        String objectId = fresh("obj");
        byte[] signed = w.body(eventId, objectId).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = w.sign(now(), signed);
        String tampered = w.body(eventId, objectId).replace(objectId, objectId + "X");
        String path = w.path(objectId);
        if (w == TestWebhooks.MPESA) {
            // M-Pesa signs nothing but the URL: tampering means a token edited to name another payment.
            path = path.replace("pay_", "pay_X");
        }

        HttpResponse<String> response = deliver(path, tampered.getBytes(StandardCharsets.UTF_8), headers);

        assertRefused(response, w, "signature_invalid");
        assertThat(outboxed(w.provider, w.providerEventId(eventId, objectId))).isZero();
        assertThat(outboxed(w.provider, w.providerEventId(eventId, objectId + "X"))).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestWebhooks.class)
    void aWrongSecretIsRefused(TestWebhooks w) {
        String eventId = fresh("evt");
        String objectId = fresh("obj");
        byte[] body = w.body(eventId, objectId).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = deliver(w.path(objectId, "not-our-secret"), body, w.sign("not-our-secret", now(), body));

        assertRefused(response, w, "signature_invalid");
        assertThat(outboxed(w.provider, w.providerEventId(eventId, objectId))).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = TestWebhooks.class, names = {"STRIPE", "PIPIT", "CAPCUT", "ZOOM"})
    void aStaleOrFarFutureTimestampIsRefused(TestWebhooks w) {
        for (long t : new long[] {now() - 301, now() + 3_600, now() + 10L * 365 * 24 * 3_600}) {
            String eventId = fresh("evt");
            String objectId = fresh("obj");
            byte[] body = w.body(eventId, objectId).getBytes(StandardCharsets.UTF_8);

            HttpResponse<String> response = deliver(w.path(objectId), body, w.sign(t, body));

            assertRefused(response, w, "signature_stale");
            assertThat(outboxed(w.provider, w.providerEventId(eventId, objectId))).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestWebhooks.class)
    void aMissingSignatureIsRefused(TestWebhooks w) {
        String eventId = fresh("evt");
        String objectId = fresh("obj");
        byte[] body = w.body(eventId, objectId).getBytes(StandardCharsets.UTF_8);
        String path = w == TestWebhooks.MPESA ? "/api/v1/webhooks/mpesa" : w.path(objectId);

        HttpResponse<String> response = deliver(path, body, Map.of());

        assertRefused(response, w, "signature_missing");
        assertThat(outboxed(w.provider, w.providerEventId(eventId, objectId))).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = TestWebhooks.class, names = {"STRIPE", "PIPIT", "CAPCUT", "ZOOM", "DOCUSIGN"})
    void aSignatureHeaderWithoutItsSchemeIsRefused(TestWebhooks w) {
        String eventId = fresh("evt");
        String objectId = fresh("obj");
        byte[] body = w.body(eventId, objectId).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(w.sign(now(), body));
        headers.replaceAll((name, value) -> name.equalsIgnoreCase("x-zm-request-timestamp") ? value : "garbage");

        HttpResponse<String> response = deliver(w.path(objectId), body, headers);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(outboxed(w.provider, w.providerEventId(eventId, objectId))).isZero();
    }

    private void assertRefused(HttpResponse<String> response, TestWebhooks w, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat((String) JsonPath.read(response.body(), "$.code")).isEqualTo(code);
        assertThat((List<String>) JsonPath.read(response.body(), "$.errors[*].field")).hasSize(1).allSatisfy(f -> assertThat(f).isNotBlank());
        String logId = JsonPath.read(response.body(), "$.webhookEventId");
        assertThat(count("select count(*) from webhook_events where id = cast(? as uuid) and source = ? and status = 'rejected'"
                + " and http_status = 401 and signature_verdict <> 'verified' and last_error like ?", logId, w.provider, code + "%"))
                .as("the refused attempt is logged").isEqualTo(1);
    }
}
