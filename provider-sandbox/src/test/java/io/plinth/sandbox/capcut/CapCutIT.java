package io.plinth.sandbox.capcut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plinth.sandbox.SandboxTestBase;
import io.plinth.sandbox.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CapCutIT extends SandboxTestBase {

    private static final String SECRET = "capcut_whsec_plinth_devstack";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anExportCompletesOnItsOwnAndItsSignedWebhookGoesToTheCallbackUrl() throws Exception {
        String callback = "http://127.0.0.1:" + RECEIVER.port() + "/capcut-callback";
        HttpResponse<String> created = export("{\"project_id\":\"proj-42\",\"format\":\"mp4\",\"quality\":\"full_hd\","
                + "\"callback_url\":\"" + callback + "\",\"include_metadata\":true,\"watermark\":false}",
                "capcut_sandbox_key", "capcut_sandbox_secret");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(created.body()).contains("\"status\":\"queued\"").contains("estimated_completion_time");
        String exportId = created.body().replaceAll(".*\"export_id\":\"([^\"]+)\".*", "$1");

        await().atMost(Duration.ofSeconds(20)).until(() -> !receivedAt("/capcut-callback", exportId).isEmpty());
        WebhookReceiver.Received webhook = receivedAt("/capcut-callback", exportId).get(0);
        String body = new String(webhook.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"type\":\"export.completed\"").contains("\"width\":1920").contains("\"video_url\"");
        String signature = webhook.header("CapCut-Signature");
        String t = signature.replaceAll("t=(\\d+),.*", "$1");
        assertThat(signature).contains("v1=" + hmac(t + "." + body));

        HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/v1/exports/" + exportId)).header("X-Api-Key", "capcut_sandbox_key")
                .header("X-Api-Secret", "capcut_sandbox_secret").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(status.body()).contains("\"status\":\"completed\"").contains("\"progress\":100");
    }

    @Test
    void theFailControlEndsAnExportWithASignedFailedWebhookToTheConfiguredEndpoint() throws Exception {
        HttpResponse<String> created = export("{\"project_id\":\"proj-7\",\"quality\":\"hd\"}",
                "capcut_sandbox_key", "capcut_sandbox_secret");
        String exportId = created.body().replaceAll(".*\"export_id\":\"([^\"]+)\".*", "$1");

        assertThat(post("/_sandbox/capcut/exports/" + exportId + "/fail", "").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> !receivedAt("/api/v1/webhooks/capcut", exportId).isEmpty());
        List<WebhookReceiver.Received> got = receivedAt("/api/v1/webhooks/capcut", exportId);
        assertThat(new String(got.get(0).body(), StandardCharsets.UTF_8)).contains("\"type\":\"export.failed\"");
        assertThat(post("/_sandbox/capcut/exports/nope/fail", "").statusCode()).isEqualTo(404);
    }

    @Test
    void wrongCredentialsOrABadProjectIdAreRefused() throws Exception {
        assertThat(export("{\"project_id\":\"p\"}", "capcut_sandbox_key", "wrong").statusCode()).isEqualTo(401);
        assertThat(export("{\"project_id\":\"p\"}", null, null).statusCode()).isEqualTo(401);
        assertThat(export("{\"project_id\":\"../etc\"}", "capcut_sandbox_key", "capcut_sandbox_secret").statusCode())
                .isEqualTo(400);
        assertThat(export("{\"project_id\":\"p\",\"quality\":\"8k\"}", "capcut_sandbox_key", "capcut_sandbox_secret")
                .statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> export(String json, String key, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/exports"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("X-Api-Key", key).header("X-Api-Secret", secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String hmac(String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
