package io.plinth.integration.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.integration.support.IngressTestBase;
import io.plinth.integration.support.SandboxProcess;
import io.plinth.integration.support.TestWebhooks;
import io.plinth.integration.support.WebhookTopic;
import io.plinth.platform.callback.CallbackTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The provider sandbox (its real jar, over HTTP) plays each provider against the service with its out-of-the-box
 * secrets: what it signs, the ingress accepts; what it redelivers, the ingress publishes once.
 */
class SandboxDeliveryIT extends IngressTestBase {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aTriggeredStripeEventResentNineTimesIsPublishedOnce() {
        HttpResponse<String> triggered = sandbox("POST", "/_sandbox/stripe/trigger/payment_intent.succeeded", "");
        assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(202);
        String eventId = JsonPath.read(triggered.body(), "$.id");
        awaitDelivered("stripe", eventId, 1);

        for (int i = 0; i < 9; i++) {
            assertThat(sandbox("POST", "/_sandbox/stripe/events/" + eventId + "/resend", "").statusCode()).isEqualTo(202);
        }

        awaitDelivered("stripe", eventId, 10);
        assertThat(count("select attempts from webhook_events where source = 'stripe' and provider_event_id = ?", eventId))
                .isEqualTo(10);
        assertThat(outboxed("stripe", eventId)).isEqualTo(1);
        String sentBody = JsonPath.read(triggered.body(), "$.body");
        List<WebhookTopic.Published> published = await().atMost(PATIENCE)
                .until(() -> WebhookTopic.about("stripe", eventId), p -> !p.isEmpty());
        assertThat(published).hasSize(1);
        assertThat(published.get(0).key()).startsWith("pi_").isEqualTo(JsonPath.read(sentBody, "$.data.object.id"));
    }

    @ParameterizedTest
    @EnumSource(value = TestWebhooks.class, names = {"PIPIT", "CAPCUT", "DOCUSIGN", "ZOOM", "MPESA"})
    void everyProvidersSignedDeliveryFromTheSandboxIsAccepted(TestWebhooks w) {
        String eventId = fresh("evt");
        String objectId = fresh("obj");
        String query = "?id=" + eventId + "&type=test";
        if (w == TestWebhooks.MPESA) {
            String callback = "http://localhost:" + PORT + "/api/v1/webhooks/mpesa/"
                    + CallbackTokens.issue(w.secret, "pay_" + objectId);
            query += "&url=" + URLEncoder.encode(callback, StandardCharsets.UTF_8);
        }

        HttpResponse<String> sent = sandbox("POST", "/_sandbox/" + w.provider + "/events" + query, w.body(eventId, objectId));

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        awaitDelivered(w.provider, eventId, 1);
        assertThat(outboxed(w.provider, w.providerEventId(eventId, objectId))).isEqualTo(1);
    }

    @Test
    void zoomsUrlValidationIsAnsweredCorrectlyAndQuickly() {
        HttpResponse<String> report = sandbox("POST", "/_sandbox/zoom/validate-endpoint", "");

        assertThat(report.statusCode()).isEqualTo(200);
        assertThat((Boolean) JsonPath.read(report.body(), "$.ok")).as(report.body()).isTrue();
        assertThat(count("select count(*) from webhook_events where source = 'zoom' and status = 'challenge'"
                + " and event_type = 'endpoint.url_validation'")).isPositive();
    }

    /** Waits until the sandbox reports {@code n} deliveries of the event, each answered 2xx. */
    private void awaitDelivered(String provider, String eventId, int n) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpResponse<String> event = sandbox("GET", "/_sandbox/" + provider + "/events/" + eventId, null);
            assertThat((Integer) JsonPath.read(event.body(), "$.delivered")).as(event.body()).isEqualTo(n);
        });
    }

    private HttpResponse<String> sandbox(String method, String path, String json) {
        URI base = SandboxProcess.url();
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .method(method, json == null || json.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }
}
