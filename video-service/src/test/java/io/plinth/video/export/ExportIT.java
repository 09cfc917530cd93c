package io.plinth.video.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.events.EventEnvelope;
import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.events.video.VideoExportCompleted;
import io.plinth.events.video.VideoExportFailed;
import io.plinth.events.webhook.WebhookReceived;
import io.plinth.test.PlatformInfrastructure;
import io.plinth.test.security.TestTokens;
import io.plinth.test.EventPublisher;
import io.plinth.video.support.IngressStandIn;
import io.plinth.video.support.SandboxProcess;
import io.plinth.video.support.VideoServiceIT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class ExportIT extends VideoServiceIT {

    private static EventPublisher ingress;

    @BeforeAll
    static void publisher() {
        ingress = new EventPublisher(PlatformInfrastructure.kafka().bootstrapServers(), "plinth/integration-service");
    }

    @AfterAll
    static void closePublisher() {
        ingress.close();
    }

    @Test
    void anExportCompletesThroughCapCutsSignedWebhookOnceWhateverIsRedelivered() {
        String token = tokenFor(newUser());

        String accepted = new String(export(token, Map.of("projectId", "proj-1", "format", "mp4", "quality", "full_hd",
                "includeMetadata", true, "watermark", false, "callbackUrl", "https://203.0.113.10/plinth-exports"))
                .expectStatus().isAccepted().expectBody().returnResult().getResponseBody());
        String exportId = JsonPath.read(accepted, "$.exportId");
        assertThat((String) JsonPath.read(accepted, "$.contentId")).isNotBlank();
        assertThat((String) JsonPath.read(accepted, "$.estimatedCompletionTime")).isNotBlank();
        status(token, exportId).expectBody().jsonPath("$.exportStatus").isEqualTo("queued");

        IngressStandIn.Delivery webhook = awaitCapCutWebhook(exportId);
        assertThat(webhook.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(webhook.body()).contains("export.completed");
        EventEnvelope received = asIngressWouldPublish(webhook);
        ingress.publish(received);
        ingress.publish(received);
        ingress.publish(ingress.envelope(received.subject(), null, received.typedData()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> status(token, exportId).expectBody()
                .jsonPath("$.exportStatus").isEqualTo("completed")
                .jsonPath("$.progress").isEqualTo(100)
                .jsonPath("$.videoUrl").value(url -> assertThat((String) url).startsWith("https://"))
                .jsonPath("$.metadata.width").isEqualTo(1920)
                .jsonPath("$.metadata.frame_rate").isEqualTo(30));
        assertThat(queryLong("SELECT count(*) FROM outbox WHERE event->>'type' = ? AND event::text LIKE ?",
                VideoExportCompleted.TYPE, "%" + exportId + "%")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(events().about(VideoExportCompleted.TYPE, exportId)).as(outboxState(exportId)).hasSize(1));
        assertThat(events().about(VideoExportCompleted.TYPE, exportId).get(0).dataAs(VideoExportCompleted.class)
                .metadata()).containsEntry("quality", "full_hd");
    }

    @Test
    void theSandboxsFailControlEndsTheExportFailed() throws Exception {
        String token = tokenFor(newUser());
        String exportId = JsonPath.read(new String(export(token, Map.of("projectId", "proj-2")).expectStatus().isAccepted()
                .expectBody().returnResult().getResponseBody()), "$.exportId");
        String capcutId = capcutIdOf(exportId);

        HttpResponse<String> failed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        SandboxProcess.baseUri().resolve("/_sandbox/capcut/exports/" + capcutId + "/fail"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(failed.statusCode()).isEqualTo(200);
        IngressStandIn.Delivery webhook = awaitCapCutWebhook(exportId);
        assertThat(webhook.body()).contains("export.failed");
        ingress.publish(asIngressWouldPublish(webhook));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> status(token, exportId).expectBody()
                .jsonPath("$.exportStatus").isEqualTo("failed"));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(events().about(VideoExportFailed.TYPE, exportId)).as(outboxState(exportId)).hasSize(1));
        assertThat(events().about(VideoExportCompleted.TYPE, exportId)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://93.184.216.34/cb",
            "https://user:secret@93.184.216.34/cb",
            "https://127.0.0.1/cb",
            "https://localhost/cb",
            "https://10.0.0.8/cb",
            "https://169.254.169.254/latest/meta-data/",
            "https://[::1]/cb",
            "https://[fd00::1]/cb",
            "https://[::ffff:127.0.0.1]/cb",
            "https://2130706433/cb",
            "https://0177.0.0.1/cb",
            "https://0x7f.0.0.1/cb"})
    void aCallbackUrlThatCouldReachInsideIsA422AndNothingIsExported(String callbackUrl) {
        String user = newUser();

        export(tokenFor(user), Map.of("projectId", "proj-3", "callbackUrl", callbackUrl))
                .expectStatus().isEqualTo(422)
                .expectBody()
                .jsonPath("$.code").isEqualTo("invalid_callback_url")
                .jsonPath("$.errors[0].field").isEqualTo("callbackUrl");

        assertThat(queryLong("SELECT count(*) FROM editor_export WHERE user_id = ?", user)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "a/b", "proj%2F1", "", "x y"})
    void aProjectIdWithPathCharactersIsA422(String projectId) {
        String user = newUser();

        export(tokenFor(user), Map.of("projectId", projectId)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("projectId");
        export(tokenFor(user), Map.of("projectId", "ok", "quality", "8k")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("quality");
        assertThat(queryLong("SELECT count(*) FROM editor_export WHERE user_id = ?", user)).isZero();
    }

    @Test
    void fourKNeedsTheExport4kFeature() {
        String user = newUser();
        String token = tokenFor(user);
        export(token, Map.of("projectId", "proj-4k", "quality", "4k")).expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("export_4k_not_entitled");

        try (EventPublisher payments = new EventPublisher(PlatformInfrastructure.kafka().bootstrapServers(),
                "plinth/payment-service")) {
            payments.publish(payments.envelope("pay-4k-" + user, TENANT, new PaymentSucceeded("pay-4k-" + user, user,
                    "stripe", "export-4k", "export-4k-usd", 0, 999, "USD", "feature:export_4k")));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                export(token, Map.of("projectId", "proj-4k", "quality", "4k")).expectStatus().isAccepted());
    }

    @Test
    void anotherUsersExportIsA404() {
        String exportId = JsonPath.read(new String(export(tokenFor(newUser()), Map.of("projectId", "mine"))
                .expectStatus().isAccepted().expectBody().returnResult().getResponseBody()), "$.exportId");

        status(tokenFor(newUser()), exportId).expectStatus().isNotFound();
        status(TestTokens.user("someone").tenant("another-tenant").sign(), exportId).expectStatus().isNotFound();
        status(tokenFor(newUser()), "not-a-uuid").expectStatus().isNotFound();
    }

    private WebTestClient.ResponseSpec export(String token, Map<String, Object> body) {
        return http.post().uri("/api/v1/videos/exports").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(new HashMap<>(body)).exchange();
    }

    private WebTestClient.ResponseSpec status(String token, String exportId) {
        return http.get().uri("/api/v1/videos/exports/{id}", exportId).headers(h -> h.setBearerAuth(token)).exchange();
    }

    /** For a failure message: the export's outbox row as the relay left it. */
    private String outboxState(String exportId) {
        try (var c = database().getConnection();
             var ps = c.prepareStatement("SELECT topic, key, published_at, attempts, last_error, "
                     + "(SELECT count(*) FROM outbox WHERE published_at IS NULL) FROM outbox WHERE event::text LIKE ?")) {
            ps.setString(1, "%" + exportId + "%");
            try (var rs = ps.executeQuery()) {
                StringBuilder out = new StringBuilder("outbox:");
                while (rs.next()) {
                    out.append(" [").append(rs.getString(1)).append(' ').append(rs.getString(2)).append(" published=")
                            .append(rs.getString(3)).append(" attempts=").append(rs.getInt(4)).append(" error=")
                            .append(rs.getString(5)).append(" unpublished=").append(rs.getLong(6)).append(']');
                }
                return out.toString();
            }
        } catch (java.sql.SQLException e) {
            return e.toString();
        }
    }

    private String capcutIdOf(String exportId) {
        try (var c = database().getConnection();
             var ps = c.prepareStatement("SELECT capcut_export_id FROM editor_export WHERE id = ?")) {
            ps.setObject(1, UUID.fromString(exportId));
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private IngressStandIn.Delivery awaitCapCutWebhook(String exportId) {
        String capcutId = capcutIdOf(exportId);
        await().atMost(Duration.ofSeconds(30)).until(() -> !INGRESS.containing(capcutId).isEmpty());
        return INGRESS.containing(capcutId).get(0);
    }

    /** What integration-service publishes after verifying the signature (its ingress tests prove that part). */
    private static EventEnvelope asIngressWouldPublish(IngressStandIn.Delivery webhook) {
        String eventId = JsonPath.read(webhook.body(), "$.id");
        String type = JsonPath.read(webhook.body(), "$.type");
        String capcutId = JsonPath.read(webhook.body(), "$.data.export_id");
        return ingress.envelope(capcutId, null, new WebhookReceived("capcut", eventId, type, webhook.body(), Instant.now()));
    }
}
