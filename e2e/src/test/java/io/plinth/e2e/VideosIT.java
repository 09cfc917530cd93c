package io.plinth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A video generation through the gateway on the whole platform: the real credit-service holds the
 * credit (and counts the day's limit), the render lands in the devstack's S3Proxy, and the hold is
 * captured when credit-service sees {@code video.generation-completed} — one credit spent, once.
 */
@ExtendWith(RunningPlatform.class)
class VideosIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aGenerationSpendsExactlyOneHeldCreditAndItsMp4CanBeDownloadedAndPlayed() throws Exception {
        URI gateway = RunningPlatform.gateway();
        String email = "video-" + UUID.randomUUID() + "@example.com";
        post(gateway.resolve("/api/v1/auth/register"), null, null,
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");
        String token = login(gateway, email);
        await("the wallet opened with 3 starting credits").atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(balance(gateway, token, "$.balance")).isEqualTo(3));

        String body = "{\"prompt\":\"A fox wakes up. It finds a friend.\",\"lang\":\"en\",\"scenes\":2,"
                + "\"vertical\":false,\"outputFormat\":\"mp4\"}";
        HttpResponse<String> accepted = post(gateway.resolve("/api/v1/videos/generations"), token, "fox-1", body);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String jobId = JsonPath.read(accepted.body(), "$.jobId");
        // The same request again: the same job, no second hold.
        HttpResponse<String> replayed = post(gateway.resolve("/api/v1/videos/generations"), token, "fox-1", body);
        assertThat((String) JsonPath.read(replayed.body(), "$.jobId")).isEqualTo(jobId);

        String[] videoId = new String[1];
        await("the job completes").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> job = get(gateway.resolve("/api/v1/videos/generations/" + jobId), token);
            assertThat((String) JsonPath.read(job.body(), "$.status")).as(job.body()).isEqualTo("completed");
            videoId[0] = JsonPath.read(job.body(), "$.videoId");
        });

        await("credit-service captured the hold").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(balance(gateway, token, "$.balance")).isEqualTo(2);
            assertThat(balance(gateway, token, "$.held")).isZero();
        });
        HttpResponse<String> history = get(gateway.resolve("/api/v1/credits/transactions"), token);
        assertThat(JsonPath.<java.util.List<Object>>read(history.body(), "$.items[?(@.type == 'hold_capture')]"))
                .hasSize(1);
        assertThat(balance(gateway, token, "$.usedToday")).isEqualTo(1);

        HttpResponse<String> download = get(gateway.resolve("/api/v1/videos/" + videoId[0] + "/download"), token);
        assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
        HttpResponse<byte[]> mp4 = HTTP.send(HttpRequest.newBuilder(URI.create(JsonPath.read(download.body(), "$.url")))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(mp4.statusCode()).isEqualTo(200);
        assertThat(new String(Arrays.copyOfRange(mp4.body(), 4, 8), StandardCharsets.US_ASCII)).isEqualTo("ftyp");

        HttpResponse<String> playback = post(gateway.resolve("/api/v1/videos/" + videoId[0] + "/playback"), token, null, "");
        assertThat(playback.statusCode()).as(playback.body()).isEqualTo(200);
        assertThat((Integer) JsonPath.read(playback.body(), "$.ttl")).isEqualTo(300);

        String otherEmail = "other-" + UUID.randomUUID() + "@example.com";
        post(gateway.resolve("/api/v1/auth/register"), null, null,
                "{\"email\":\"" + otherEmail + "\",\"password\":\"correct horse battery\"}");
        String other = login(gateway, otherEmail);
        assertThat(post(gateway.resolve("/api/v1/videos/" + videoId[0] + "/playback"), other, null, "").statusCode())
                .isEqualTo(404);
        assertThat(get(gateway.resolve("/api/v1/videos/generations/" + jobId), other).statusCode()).isEqualTo(404);
    }

    @Test
    void anEditorExportCompletesThroughCapCutsSignedWebhookAndTheIngress() throws Exception {
        URI gateway = RunningPlatform.gateway();
        String email = "export-" + UUID.randomUUID() + "@example.com";
        post(gateway.resolve("/api/v1/auth/register"), null, null,
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");
        String token = login(gateway, email);

        HttpResponse<String> accepted = post(gateway.resolve("/api/v1/videos/exports"), token, null,
                "{\"projectId\":\"proj-e2e\",\"format\":\"mp4\",\"quality\":\"full_hd\",\"includeMetadata\":true,"
                        + "\"watermark\":false}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String exportId = JsonPath.read(accepted.body(), "$.exportId");

        // The sandbox completes the export after a few seconds and signs its webhook; the gateway takes it to the
        // ingress, which verifies it and hands it to video-service as webhook.received.
        await("the export completes").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> export = get(gateway.resolve("/api/v1/videos/exports/" + exportId), token);
            assertThat((String) JsonPath.read(export.body(), "$.exportStatus")).as(export.body()).isEqualTo("completed");
            assertThat((Integer) JsonPath.read(export.body(), "$.metadata.width")).isEqualTo(1920);
        });

        HttpResponse<String> forbidden = post(gateway.resolve("/api/v1/videos/exports"), token, null,
                "{\"projectId\":\"proj-e2e\",\"quality\":\"4k\"}");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        HttpResponse<String> ssrf = post(gateway.resolve("/api/v1/videos/exports"), token, null,
                "{\"projectId\":\"proj-e2e\",\"callbackUrl\":\"https://169.254.169.254/latest/meta-data/\"}");
        assertThat(ssrf.statusCode()).isEqualTo(422);
        assertThat((String) JsonPath.read(ssrf.body(), "$.code")).isEqualTo("invalid_callback_url");
    }

    private static String login(URI gateway, String email) throws Exception {
        HttpResponse<String> login = post(gateway.resolve("/api/v1/auth/login"), null, null,
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return JsonPath.read(login.body(), "$.accessToken");
    }

    private static int balance(URI gateway, String token, String path) throws Exception {
        HttpResponse<String> response = get(gateway.resolve("/api/v1/credits/balance"), token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.read(response.body(), path);
    }

    private static HttpResponse<String> get(URI uri, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI uri, String token, String idempotencyKey, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
