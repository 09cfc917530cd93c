package io.plinth.video.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.events.EventEnvelope;
import io.plinth.events.video.VideoGenerationCompleted;
import io.plinth.events.video.VideoGenerationFailed;
import io.plinth.video.render.Mp4Probe;
import io.plinth.video.support.CreditServiceStandIn;
import io.plinth.video.support.CreditServiceStandIn.Mode;
import io.plinth.video.support.ScriptedRenderer;
import io.plinth.video.support.VideoServiceIT;
import io.plinth.test.security.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

class GenerationIT extends VideoServiceIT {

    @Autowired
    GenerationWorkers workers;

    @Autowired
    JobStore jobs;

    @TempDir
    Path downloads;

    @Test
    void aGenerationRendersAnMp4ThatDecodesBackWithTheRequestedSizeAndSceneCount() throws Exception {
        String user = newUser();
        String token = tokenFor(user);

        String accepted = new String(submit(token, "key-1",
                generation("A fox wakes up. It looks for food. It finds a friend.", 3, true))
                .expectStatus().isAccepted().expectBody().returnResult().getResponseBody());
        assertThat((String) JsonPath.read(accepted, "$.status")).isEqualTo("queued");
        String jobId = JsonPath.read(accepted, "$.jobId");

        String videoId = awaitStatus(token, jobId, "completed");
        byte[] job = http.get().uri("/api/v1/videos/generations/{id}", jobId).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        assertThat((Integer) JsonPath.read(new String(job), "$.progress")).isEqualTo(100);

        http.get().uri("/api/v1/videos/{id}", videoId).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.width").isEqualTo(720)
                .jsonPath("$.height").isEqualTo(1280)
                .jsonPath("$.scenes").isEqualTo(3)
                .jsonPath("$.contentType").isEqualTo("video/mp4")
                .jsonPath("$.jobId").isEqualTo(jobId);

        Path mp4 = download(token, videoId);
        Mp4Probe probe = Mp4Probe.read(mp4);
        assertThat(probe.width()).isEqualTo(720);
        assertThat(probe.height()).isEqualTo(1280);
        assertThat(probe.sceneColors()).hasSize(3);
        assertThat(probe.frames()).isEqualTo(3 * renderer.framesPerScene());

        // The credit hold: one call, with the user's own token, for one credit of the metered service.
        List<CreditServiceStandIn.Call> holds = CREDITS.holdCalls(token);
        assertThat(holds).hasSize(1);
        assertThat(holds.get(0).body().path("credits").asLong()).isEqualTo(1);
        assertThat(holds.get(0).body().path("service").asString()).isEqualTo("video-generation");
        assertThat(holds.get(0).idempotencyKey()).isEqualTo("video-generation:" + jobId);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(events().about(VideoGenerationCompleted.TYPE, jobId)).hasSize(1));
        EventEnvelope completed = events().about(VideoGenerationCompleted.TYPE, jobId).get(0);
        VideoGenerationCompleted data = completed.dataAs(VideoGenerationCompleted.class);
        assertThat(data.videoId()).isEqualTo(videoId);
        assertThat(data.userId()).isEqualTo(user);
        assertThat(data.holdId()).isEqualTo(holdIdOf(jobId));
        assertThat(completed.tenantId()).isEqualTo(TENANT);
    }

    @Test
    void aLandscapeVideoIs1280x720() throws Exception {
        String token = tokenFor(newUser());
        String jobId = jobIdOf(submit(token, "landscape", generation("The sea at dawn", 1, false))
                .expectStatus().isAccepted());

        String videoId = awaitStatus(token, jobId, "completed");

        Mp4Probe probe = Mp4Probe.read(download(token, videoId));
        assertThat(probe.width()).isEqualTo(1280);
        assertThat(probe.height()).isEqualTo(720);
        assertThat(probe.sceneColors()).hasSize(1);
    }

    @Test
    void theSameIdempotencyKeyAnswersTheSameJobAndHoldsCreditsOnce() {
        String token = tokenFor(newUser());
        Map<String, Object> body = generation("Twice the same request", 1, true);

        String first = jobIdOf(submit(token, "same-key", body).expectStatus().isAccepted());
        String again = jobIdOf(submit(token, "same-key", body).expectStatus().isAccepted());

        assertThat(again).isEqualTo(first);
        assertThat(CREDITS.holdCalls(token)).hasSize(1);
        assertThat(queryLong("SELECT count(*) FROM generation_job WHERE id = ?", UUID.fromString(first))).isEqualTo(1);
        submit(token, "same-key", generation("Another prompt under the same key", 1, true))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("idempotency_key_reused");
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of(Map.of("prompt", "", "lang", "en", "scenes", 3, "vertical", true, "outputFormat", "mp4"), "prompt", "required"),
                Arguments.of(Map.of("prompt", "   ", "lang", "en", "scenes", 3, "vertical", true, "outputFormat", "mp4"), "prompt", "required"),
                Arguments.of(Map.of("prompt", "x".repeat(2001), "lang", "en", "scenes", 3, "vertical", true, "outputFormat", "mp4"), "prompt", "too_long"),
                Arguments.of(Map.of("prompt", "bell\u0007", "lang", "en", "scenes", 3, "vertical", true, "outputFormat", "mp4"), "prompt", "invalid_characters"),
                Arguments.of(Map.of("prompt", "ok", "lang", "en", "scenes", 0, "vertical", true, "outputFormat", "mp4"), "scenes", "out_of_range"),
                Arguments.of(Map.of("prompt", "ok", "lang", "en", "scenes", 11, "vertical", true, "outputFormat", "mp4"), "scenes", "out_of_range"),
                Arguments.of(Map.of("prompt", "ok", "lang", "en", "scenes", -3, "vertical", true, "outputFormat", "mp4"), "scenes", "out_of_range"),
                Arguments.of(Map.of("prompt", "ok", "lang", "klingon", "scenes", 3, "vertical", true, "outputFormat", "mp4"), "lang", "unsupported"),
                Arguments.of(Map.of("prompt", "ok", "lang", "EN", "scenes", 3, "vertical", true, "outputFormat", "mp4"), "lang", "unsupported"),
                Arguments.of(Map.of("prompt", "ok", "lang", "en", "scenes", 3, "vertical", true, "outputFormat", "avi"), "outputFormat", "unsupported"),
                Arguments.of(Map.of("prompt", "ok", "lang", "en", "scenes", 3, "outputFormat", "mp4"), "vertical", "required"),
                Arguments.of(Map.of("lang", "en", "scenes", 3, "vertical", true, "outputFormat", "mp4"), "prompt", "required"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void badInputIsA422NamingTheFieldAndNothingIsQueuedOrHeld(Map<String, Object> body, String field, String code) {
        String user = newUser();
        String token = tokenFor(user);

        submit(token, "bad-" + UUID.randomUUID(), body)
                .expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == '" + field + "')].code").isEqualTo(code);

        assertThat(CREDITS.holdCalls(token)).isEmpty();
        assertThat(queryLong("SELECT count(*) FROM generation_job WHERE user_id = ?", user)).isZero();
    }

    @Test
    void malformedBodiesAre400sAndNothingIsQueuedOrHeld() {
        String user = newUser();
        String token = tokenFor(user);

        submitRaw(token, "{\"prompt\":\"ok\",\"lang\":\"en\",\"scenes\":\"three\",\"vertical\":true,\"outputFormat\":\"mp4\"}")
                .expectStatus().isBadRequest();
        submitRaw(token, "{\"prompt\":").expectStatus().isBadRequest();
        http.post().uri("/api/v1/videos/generations").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(generation("no key", 1, true))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("idempotency_key_required");
        http.post().uri("/api/v1/videos/generations").header("Idempotency-Key", "k")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(generation("no token", 1, true))
                .exchange().expectStatus().isUnauthorized();

        assertThat(CREDITS.holdCalls(token)).isEmpty();
        assertThat(queryLong("SELECT count(*) FROM generation_job WHERE user_id = ?", user)).isZero();
    }

    @Test
    void notEnoughCreditsIsA402AndTheDailyLimitA429WithRetryAfterAndNoJobEither() {
        String user = newUser();
        String token = tokenFor(user);

        CREDITS.mode(Mode.INSUFFICIENT_CREDITS);
        submit(token, "poor", generation("Costs a credit", 1, true))
                .expectStatus().isEqualTo(402)
                .expectBody().jsonPath("$.code").isEqualTo("insufficient_credits");

        CREDITS.mode(Mode.DAILY_LIMIT);
        submit(token, "fourth-today", generation("Over the limit", 1, true))
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "3600")
                .expectBody().jsonPath("$.code").isEqualTo("daily_limit_reached");

        assertThat(queryLong("SELECT count(*) FROM generation_job WHERE user_id = ?", user)).isZero();
        assertThat(CREDITS.holdCalls(token)).hasSize(2);
    }

    @Test
    void creditServiceDownIsA503WithRetryAfterAndNoJob() {
        String user = newUser();
        String token = tokenFor(user);

        CREDITS.down();
        try {
            submit(token, "while-down", generation("Nobody to hold credits", 1, true))
                    .expectStatus().isEqualTo(503)
                    .expectHeader().exists("Retry-After")
                    .expectBody().jsonPath("$.code").isEqualTo("credits_unavailable");
        } finally {
            CREDITS.up();
        }
        CREDITS.mode(Mode.SERVER_ERROR);
        submit(token, "while-failing", generation("credit-service answers 500", 1, true))
                .expectStatus().isEqualTo(503);
        // Retried before giving up: the Idempotency-Key makes that safe.
        assertThat(CREDITS.holdCalls(token)).hasSize(3);

        assertThat(queryLong("SELECT count(*) FROM generation_job WHERE user_id = ?", user)).isZero();
    }

    @Test
    void aJobThatKeepsFailingEndsFailedAndItsHoldIsReleasedThroughTheFailedEvent() {
        String token = tokenFor(newUser());
        String prompt = ScriptedRenderer.ALWAYS_FAILS + " every time";

        String jobId = jobIdOf(submit(token, "doomed", generation(prompt, 2, true)).expectStatus().isAccepted());

        awaitStatus(token, jobId, "failed");
        assertThat(renderer.renders(prompt)).isEqualTo(2);
        assertThat(queryLong("SELECT attempts FROM generation_job WHERE id = ?", UUID.fromString(jobId))).isEqualTo(2);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(events().about(VideoGenerationFailed.TYPE, jobId)).hasSize(1));
        VideoGenerationFailed failed = events().about(VideoGenerationFailed.TYPE, jobId).get(0)
                .dataAs(VideoGenerationFailed.class);
        assertThat(failed.holdId()).isEqualTo(holdIdOf(jobId));
        assertThat(events().about(VideoGenerationCompleted.TYPE, jobId)).isEmpty();
        assertThat(queryLong("SELECT count(*) FROM video WHERE job_id = ?", UUID.fromString(jobId))).isZero();
    }

    @Test
    void aJobWhoseWorkerDiedMidRenderIsResumedByAnotherWhenItsLeaseRunsOut() {
        String token = tokenFor(newUser());
        workers.stop();
        String jobId;
        try {
            jobId = jobIdOf(submit(token, "orphan", generation("Orphaned by a crash", 2, true)).expectStatus().isAccepted());
            // A worker of a replica that then crashed: it claimed the job and will never come back.
            GenerationJob claimed = jobs.claim("crashed-replica#0", Instant.now(), Duration.ofSeconds(1)).block();
            assertThat(claimed).isNotNull();
            assertThat(claimed.id().toString()).isEqualTo(jobId);
        } finally {
            workers.start();
        }

        awaitStatus(token, jobId, "completed");
        assertThat(queryLong("SELECT attempts FROM generation_job WHERE id = ?", UUID.fromString(jobId))).isEqualTo(2);
        assertThat(renderer.renders("Orphaned by a crash")).isEqualTo(1);
    }

    @Test
    void aRenderCutShortByAShutdownIsResumedAfterTheRestartAndPaidForOnce() {
        String user = newUser();
        String token = tokenFor(user);
        String prompt = ScriptedRenderer.CUT_SHORT + " by a rolling update";
        String jobId = jobIdOf(submit(token, "cut-short", generation(prompt, 2, true)).expectStatus().isAccepted());
        await().atMost(Duration.ofSeconds(30)).until(() -> renderer.inFirstAttempt(prompt));
        awaitStatus(token, jobId, "rendering");

        // The replica shuts down mid-render (SIGTERM stops the workers first) and comes back. The attempt that was
        // cut short counts as one (a replica killed outright leaves its lease to run out instead: the test above).
        workers.stop();
        renderer.letGo(prompt);
        workers.start();

        awaitStatus(token, jobId, "completed");
        assertThat(renderer.renders(prompt)).isEqualTo(2);
        assertThat(queryLong("SELECT attempts FROM generation_job WHERE id = ?", UUID.fromString(jobId))).isEqualTo(2);
        assertThat(queryLong("SELECT count(*) FROM video WHERE owner_id = ?", user)).isOne();
        assertThat(queryLong("SELECT count(*) FROM outbox WHERE event->>'type' = ? AND event::text LIKE ?",
                VideoGenerationCompleted.TYPE, "%" + jobId + "%")).isOne();
        assertThat(queryLong("SELECT count(*) FROM outbox WHERE event->>'type' = ? AND event::text LIKE ?",
                VideoGenerationFailed.TYPE, "%" + jobId + "%")).isZero();
        assertThat(CREDITS.holdCalls(token)).hasSize(1);
    }

    @Test
    void twoWorkersRacingOverTheQueueNeverRenderOneJobTwice() {
        String user = newUser();
        String token = tokenFor(user);
        workers.stop();
        List<String> prompts = IntStream.range(0, 8).mapToObj(i -> "Race " + UUID.randomUUID()).toList();
        try {
            for (String prompt : prompts) {
                submit(token, prompt, generation(prompt, 1, true)).expectStatus().isAccepted();
            }
            // Two workers of two "replicas", each taking jobs until the queue is empty.
            Flux.just("replica-a#0", "replica-b#0")
                    .flatMap(worker -> workers.runNext(worker).expand(job -> workers.runNext(worker))
                            .subscribeOn(Schedulers.boundedElastic()), 2)
                    .blockLast(Duration.ofSeconds(120));
        } finally {
            workers.start();
        }

        for (String prompt : prompts) {
            assertThat(renderer.renders(prompt)).as(prompt).isEqualTo(1);
        }
        assertThat(queryLong("SELECT count(*) FROM generation_job WHERE user_id = ? AND state = 'COMPLETED' "
                + "AND attempts = 1", user)).isEqualTo(prompts.size());
        assertThat(queryLong("SELECT count(*) FROM video WHERE owner_id = ?", user)).isEqualTo(prompts.size());
    }

    @Test
    void anotherUsersJobAndVideoAre404s() {
        String ownerId = newUser();
        String owner = tokenFor(ownerId);
        String stranger = tokenFor(newUser());
        String jobId = jobIdOf(submit(owner, "mine", generation("Mine alone", 1, true)).expectStatus().isAccepted());
        String videoId = awaitStatus(owner, jobId, "completed");

        http.get().uri("/api/v1/videos/generations/{id}", jobId).headers(h -> h.setBearerAuth(stranger)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/v1/videos/{id}", videoId).headers(h -> h.setBearerAuth(stranger)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/v1/videos/{id}/download", videoId).headers(h -> h.setBearerAuth(stranger)).exchange()
                .expectStatus().isNotFound();
        // The same user id in another tenant is someone else.
        String otherTenant = TestTokens.user(ownerId).tenant("other-tenant").sign();
        http.get().uri("/api/v1/videos/{id}", videoId).headers(h -> h.setBearerAuth(otherTenant)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/v1/videos/generations/{id}", jobId).headers(h -> h.setBearerAuth(otherTenant)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/v1/videos/{id}", videoId).headers(h -> h.setBearerAuth(owner)).exchange()
                .expectStatus().isOk();
        http.get().uri("/api/v1/videos/generations/{id}", "not-a-uuid").headers(h -> h.setBearerAuth(owner)).exchange()
                .expectStatus().isNotFound();
    }

    private WebTestClient.ResponseSpec submit(String token, String key, Map<String, Object> body) {
        return http.post().uri("/api/v1/videos/generations")
                .headers(h -> h.setBearerAuth(token))
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec submitRaw(String token, String json) {
        return http.post().uri("/api/v1/videos/generations")
                .headers(h -> h.setBearerAuth(token))
                .header("Idempotency-Key", "raw-" + UUID.randomUUID())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange();
    }

    private static Map<String, Object> generation(String prompt, int scenes, boolean vertical) {
        return Map.of("prompt", prompt, "lang", "en", "scenes", scenes, "vertical", vertical, "outputFormat", "mp4");
    }

    private static String jobIdOf(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        return JsonPath.read(new String(body), "$.jobId");
    }

    /** Waits for the job to reach {@code status} and returns its video id (null unless completed). */
    private String awaitStatus(String token, String jobId, String status) {
        String[] videoId = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            byte[] body = http.get().uri("/api/v1/videos/generations/{id}", jobId).headers(h -> h.setBearerAuth(token))
                    .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
            String json = new String(body);
            assertThat((String) JsonPath.read(json, "$.status")).isEqualTo(status);
            videoId[0] = JsonPath.read(json, "$.videoId");
        });
        return videoId[0];
    }

    private String holdIdOf(String jobId) {
        try (var c = database().getConnection();
             var ps = c.prepareStatement("SELECT hold_id FROM generation_job WHERE id = ?")) {
            ps.setObject(1, UUID.fromString(jobId));
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path download(String token, String videoId) throws Exception {
        byte[] body = http.get().uri("/api/v1/videos/{id}/download", videoId).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        String url = JsonPath.read(new String(body), "$.url");
        assertThat(url).contains("X-Amz-Signature=").contains("X-Amz-Expires=3600");
        HttpResponse<Path> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofFile(downloads.resolve(videoId + ".mp4")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Files.size(response.body())).isPositive();
        return response.body();
    }
}
