package io.plinth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.devstack.Components;
import io.plinth.devstack.Devstack;
import io.plinth.devstack.WebhookSecrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhook ingress through the real gateway, with the provider sandbox playing the providers as in the devstack:
 * signed events arrive end to end with the devstack's out-of-the-box secrets, oversized bodies stop at the edge,
 * and the sandbox keeps retrying while integration-service is down, so the event arrives once it is back.
 */
@ExtendWith(RunningPlatform.class)
class WebhookIngressE2EIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Devstack platform;
    private static URI gateway;
    private static URI sandbox;
    private static String admin;

    @BeforeAll
    static void useTheRunningPlatform() throws Exception {
        platform = RunningPlatform.devstack();
        gateway = RunningPlatform.gateway();
        sandbox = platform.url(Components.SANDBOX);
        HttpResponse<String> login = send(HttpRequest.newBuilder(gateway.resolve("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + platform.settings().adminEmail()
                        + "\",\"password\":\"" + platform.settings().adminPassword() + "\"}")));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        admin = JsonPath.read(login.body(), "$.accessToken");
    }

    @Test
    void aStripeEventTriggeredInTheSandboxIsAcceptedThroughTheGatewayAndLoggedOnce() throws Exception {
        String eventId = trigger();

        await("the sandbox's delivery answered 2xx").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat((Integer) JsonPath.read(sandboxEvent(eventId), "$.delivered")).isEqualTo(1));

        List<Object> rows = loggedEvent(eventId);
        assertThat(rows).hasSize(1);
        assertThat((String) JsonPath.read(rows.get(0), "$.status")).isEqualTo("accepted");
        assertThat((String) JsonPath.read(rows.get(0), "$.signatureVerdict")).isEqualTo("verified");
    }

    @Test
    void aSignedEventOnALegacyPathIsRewrittenToTheIngressAndAForgedOneIsRefused() throws Exception {
        String eventId = "evt_e2e_" + UUID.randomUUID().toString().replace("-", "");
        byte[] body = ("{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"invoice.paid\","
                + "\"data\":{\"object\":{\"id\":\"in_" + eventId + "\"}}}").getBytes(StandardCharsets.UTF_8);
        long t = Instant.now().getEpochSecond();
        String good = "t=" + t + ",v1=" + hmacHex(WebhookSecrets.SIGNED.get("STRIPE"), (t + ".").getBytes(), body);
        String forged = "t=" + t + ",v1=" + hmacHex("whsec_guessed", (t + ".").getBytes(), body);

        HttpResponse<String> refused = postWebhook("/api/stripe/webhook", body, forged);
        HttpResponse<String> accepted = postWebhook("/api/stripe/webhook", body, good);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat((String) JsonPath.read(refused.body(), "$.code")).isEqualTo("signature_invalid");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(loggedEvent(eventId)).hasSize(1);
    }

    @Test
    void aTwoMegabyteWebhookIsRefusedAt413ByTheGateway() throws Exception {
        byte[] big = new byte[2 * 1024 * 1024];
        Arrays.fill(big, (byte) '{');

        for (String path : List.of("/api/v1/webhooks/stripe", "/api/webhooks/pipit", "/api/capcut-pipit/capcut/webhook")) {
            HttpResponse<String> response = postWebhook(path, big, "t=1,v1=00");

            assertThat(response.statusCode()).as(path).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(path).contains("application/problem+json");
            assertThat((String) JsonPath.read(response.body(), "$.code")).isEqualTo("payload_too_large");
        }
    }

    @Test
    void theSandboxKeepsRetryingWhileIntegrationServiceIsStoppedAndTheEventArrivesOnceItIsBack() throws Exception {
        platform.stop(Components.INTEGRATION);
        String eventId;
        try {
            eventId = trigger();

            await("failed attempts while integration-service is down").atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        String event = sandboxEvent(eventId);
                        assertThat((List<Integer>) JsonPath.read(event, "$.attempts[*].status")).hasSizeGreaterThanOrEqualTo(2)
                                .doesNotContain(200);
                        assertThat((String) JsonPath.read(event, "$.status")).isEqualTo("pending");
                    });
        } finally {
            // Every other e2e class shares this platform: bring the service back and wait until it is routed.
            platform.start(Components.INTEGRATION);
        }

        await("the retried delivery accepted").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat((String) JsonPath.read(sandboxEvent(eventId), "$.status")).isEqualTo("delivered"));
        String event = sandboxEvent(eventId);
        assertThat((Integer) JsonPath.read(event, "$.delivered")).isEqualTo(1);
        List<Object> rows = loggedEvent(eventId);
        assertThat(rows).hasSize(1);
        assertThat((Integer) JsonPath.read(rows.get(0), "$.attempts")).as("only the delivery that got through reached it")
                .isEqualTo(1);
    }

    private static String trigger() throws Exception {
        HttpResponse<String> triggered = send(HttpRequest.newBuilder(sandbox.resolve("/_sandbox/stripe/trigger/payment_intent.succeeded"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(202);
        return JsonPath.read(triggered.body(), "$.id");
    }

    private static String sandboxEvent(String eventId) throws Exception {
        return send(HttpRequest.newBuilder(sandbox.resolve("/_sandbox/stripe/events/" + eventId)).GET()).body();
    }

    /** The ingress's log rows for a Stripe event, through the admin API. */
    private static List<Object> loggedEvent(String eventId) throws Exception {
        List<Object> rows = new java.util.ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> page = send(HttpRequest.newBuilder(gateway.resolve(
                            "/api/v1/admin/webhook-events?source=stripe&status=accepted&limit=200"
                                    + (cursor == null ? "" : "&cursor=" + cursor)))
                    .header("Authorization", "Bearer " + admin).GET());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            rows.addAll(JsonPath.read(page.body(), "$.items[?(@.providerEventId == '" + eventId + "')]"));
            cursor = JsonPath.read(page.body(), "$.nextCursor");
        } while (cursor != null);
        return rows;
    }

    private static HttpResponse<String> postWebhook(String path, byte[] body, String signature) throws Exception {
        return send(HttpRequest.newBuilder(gateway.resolve(path))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String hmacHex(String secret, byte[]... parts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (byte[] part : parts) {
            mac.update(part);
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }
}
